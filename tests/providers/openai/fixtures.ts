import { readFileSync } from "node:fs";
import { HttpResponse } from "msw";

/**
 * Loads the openai fixtures (also used by openai-compatible tests for shared behaviour).
 * HTTP failure fixtures are `{ status, headers, body }` so the headers (retry-after) travel too.
 */

const dir = new URL("../../fixtures/providers/openai/", import.meta.url);

/** A JSON fixture of `dir` (or another fixture folder) as a fresh object. */
export function fixture(name: string, base: URL = dir): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(name, base), "utf8")) as Record<string, unknown>;
}

/** A text fixture, e.g. a malformed body. */
export function textFixture(name: string, base: URL = dir): string {
  return readFileSync(new URL(name, base), "utf8");
}

export interface HttpFixture {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** An HTTP failure fixture as an msw response. */
export function httpFixtureResponse(name: string, base: URL = dir): Response {
  const f = fixture(name, base) as unknown as HttpFixture;
  return HttpResponse.json(f.body as Record<string, unknown>, { status: f.status, headers: f.headers });
}

/** A deep copy with `edit` applied, for variants of a realistic fixture. */
export function variant<T>(value: T, edit: (copy: T) => void): T {
  const copy = structuredClone(value);
  edit(copy);
  return copy;
}
