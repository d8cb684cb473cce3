import { readFileSync } from "node:fs";

/** The package version, read once from package.json. */
export function packageVersion(): string {
  const url = new URL("../../package.json", import.meta.url);
  const parsed: unknown = JSON.parse(readFileSync(url, "utf8"));
  const version = (parsed as { version?: unknown }).version;
  return typeof version === "string" ? version : "0.0.0";
}
