/**
 * Writes queries/schema.json from the zod schema (for editor autocomplete in query files).
 * `--check` exits 1 when the committed file is stale (CI runs it).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { queryFileJsonSchema } from "../src/config/json-schema.ts";

const target = new URL("../queries/schema.json", import.meta.url);
const text = `${JSON.stringify(queryFileJsonSchema(), null, 2)}\n`;
if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(target, "utf8");
  } catch {}
  if (current !== text) {
    process.stderr.write("queries/schema.json is stale: run `npm run schema` and commit it\n");
    process.exitCode = 1;
  } else {
    process.stdout.write("queries/schema.json is up to date\n");
  }
} else {
  writeFileSync(target, text);
  process.stdout.write("wrote queries/schema.json\n");
}
