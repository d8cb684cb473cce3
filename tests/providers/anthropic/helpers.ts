import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { HttpResponse, http } from "msw";
import type { SetupServer } from "msw/node";
import type { AskRequest, ProviderContext } from "../../../src/providers/types.ts";
import { steppingClock } from "../../helpers/stepping-clock.ts";

/** Fixtures, fake endpoint and request builders shared by the anthropic tests. */

const fixtureDir = fileURLToPath(new URL("../../fixtures/providers/anthropic/", import.meta.url));

/** A fixture file's text exactly as stored. */
export function fixtureText(name: string): string {
  return readFileSync(fixtureDir + name, "utf8");
}

/** A JSON fixture, freshly parsed (callers may mutate it). */
export function fixture(name: string): Record<string, unknown> {
  return JSON.parse(fixtureText(name)) as Record<string, unknown>;
}

/** Nothing listens here: msw answers every request, and fails the test on any other. */
// Port 9 (discard) is a fetch "bad port": undici refuses it before msw can answer.
export const baseUrl = "http://127.0.0.1:4010";
export const messagesUrl = `${baseUrl}/v1/messages`;
export const testKey = "sk-ant-test-key-0000";

export { steppingClock };

export function context(overrides: Partial<ProviderContext> = {}): ProviderContext {
  return { apiKey: testKey, baseUrl, clock: steppingClock(), options: {}, ...overrides };
}

export function askRequest(overrides: Partial<AskRequest> = {}): AskRequest {
  return {
    question: "Hva er det beste regnskapsprogrammet for små bedrifter i Norge?",
    locale: "nb-NO",
    model: "claude-haiku-5-5",
    webSearch: true,
    ...overrides,
  };
}

/** One request the fake endpoint received. */
export interface SentRequest {
  body: Record<string, unknown>;
  headers: Headers;
}

/**
 * Answers `/v1/messages` with the given responses in turn (the last one repeats) and records every
 * request, so tests can check what was sent.
 */
export function serveMessages(server: SetupServer, responses: Array<() => Response>): SentRequest[] {
  const sent: SentRequest[] = [];
  server.use(
    http.post(messagesUrl, async ({ request }) => {
      sent.push({ body: (await request.json()) as Record<string, unknown>, headers: request.headers });
      const respond = responses[Math.min(sent.length - 1, responses.length - 1)];
      return respond ? respond() : HttpResponse.json({}, { status: 500 });
    }),
  );
  return sent;
}

/** An Anthropic error body fixture with the given status (and headers). */
export function errorResponse(name: string, status: number, headers: Record<string, string> = {}) {
  return () => HttpResponse.json(fixture(name), { status, headers });
}
