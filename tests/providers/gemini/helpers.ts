import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { AskRequest, ProviderContext } from "../../../src/providers/types.ts";
import { steppingClock } from "../../helpers/stepping-clock.ts";

/** Fixtures, fake endpoint and request builders shared by the gemini tests. */

const fixtureDir = fileURLToPath(new URL("../../fixtures/providers/gemini/", import.meta.url));

/** A fixture file's text exactly as stored. */
export function fixtureText(name: string): string {
  return readFileSync(fixtureDir + name, "utf8");
}

/** A JSON fixture, freshly parsed (callers may mutate it). */
export function fixture(name: string): Record<string, unknown> {
  return JSON.parse(fixtureText(name)) as Record<string, unknown>;
}

/** Nothing listens here: msw answers every request and fails the test on any other. */
export const baseUrl = "http://127.0.0.1:4012";
/** Any model's `generateContent` under the Gemini API's default version. */
export const generateUrl = `${baseUrl}/v1beta/models/*`;
export const testKey = "AIzaSy-test-key-0000000000000000000";

export { steppingClock };

export function context(overrides: Partial<ProviderContext> = {}): ProviderContext {
  return { apiKey: testKey, baseUrl, clock: steppingClock(), options: {}, ...overrides };
}

export function askRequest(overrides: Partial<AskRequest> = {}): AskRequest {
  return {
    question: "Hva er det beste regnskapsprogrammet for små bedrifter i Norge?",
    locale: "nb-NO",
    model: "gemini-3.5-flash-lite",
    webSearch: true,
    ...overrides,
  };
}
