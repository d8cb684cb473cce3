import { readFileSync } from "node:fs";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";
import { ProviderError } from "../../../src/core/errors.ts";
import type { ProviderContext } from "../../../src/providers/types.ts";
import { steppingClock as sharedSteppingClock } from "../../helpers/stepping-clock.ts";

/** Shared pieces of the SerpApi tests: fixtures, a mock SerpApi and a context with a canary key. */

const FIXTURES = new URL("../../fixtures/providers/serpapi/", import.meta.url);

/** Not port 9 (the contract's example): fetch rejects it as a "bad port", even under msw. */
export const BASE_URL = "http://127.0.0.1:4010";
export const SEARCH_URL = `${BASE_URL}/search.json`;
export const KEY = "serp-canary-key-0123456789abcdef";

/** A fixture file as text (for malformed bodies) or parsed JSON. */
export function fixtureText(name: string): string {
  return readFileSync(new URL(name, FIXTURES), "utf8");
}

export function fixture(name: string): unknown {
  return JSON.parse(fixtureText(name));
}

/** A clock that advances 250 ms on every read, so latency is exact. */
export const steppingClock = (stepMs = 250) => sharedSteppingClock(stepMs, 1_000_000);

export function context(overrides: Partial<ProviderContext> = {}): ProviderContext {
  return { apiKey: KEY, baseUrl: BASE_URL, clock: steppingClock(), options: {}, ...overrides };
}

/**
 * A mock SerpApi answering `GET /search.json` with `respond`; every request is recorded with its
 * query parameters. Unmatched requests fail the test.
 */
export function mockSerpApi() {
  const server = setupServer();
  const requests: URLSearchParams[] = [];
  beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
  afterEach(() => {
    server.resetHandlers();
    requests.length = 0;
  });
  afterAll(() => server.close());
  return {
    requests,
    respond(handler: (params: URLSearchParams) => Response | Promise<Response>, url = SEARCH_URL) {
      server.use(
        http.get(url, ({ request }) => {
          const params = new URL(request.url).searchParams;
          requests.push(params);
          return handler(params);
        }),
      );
    },
  };
}

/** Serves a fixture with a status (and headers), as SerpApi would. */
export function serve(name: string, status = 200, headers: Record<string, string> = {}): Response {
  return HttpResponse.json(fixture(name) as Record<string, unknown>, { status, headers });
}

/** The rejection of a promise, which must be a `ProviderError` that does not carry the key. */
export async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ProviderError)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  const seen = `${error.message} ${JSON.stringify(error)} ${String((error.cause as Error | undefined)?.message)}`;
  if (seen.includes(KEY)) throw new Error("the API key leaked into the error");
  return error;
}

/** What `parse` throws, which must be a `ProviderError`. */
export function parseFailure(run: () => unknown): ProviderError {
  try {
    run();
  } catch (e) {
    if (e instanceof ProviderError) return e;
    throw e;
  }
  throw new Error("expected parse to throw");
}
