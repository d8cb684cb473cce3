import { delay, HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Clock } from "../../../src/core/clock.ts";
import { ProviderError } from "../../../src/core/errors.ts";
import { openaiProvider } from "../../../src/providers/openai/index.ts";
import type { AskRequest, ProviderContext } from "../../../src/providers/types.ts";
import { fixture, httpFixtureResponse, textFixture } from "./fixtures.ts";

const BASE = "http://127.0.0.1:4012/v1";
const URL_RESPONSES = `${BASE}/responses`;
const KEY = "sk-test-openai-ask-0000";
const server = setupServer();
const calls: Request[] = [];

beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
afterEach(() => {
  server.resetHandlers();
  calls.length = 0;
  vi.unstubAllEnvs();
});
afterAll(() => server.close());

function respond(url: string, make: () => Response | Promise<Response>) {
  server.use(
    http.post(url, async ({ request }) => {
      calls.push(request.clone());
      return make();
    }),
  );
}

/** A clock whose `now()` returns the given instants in turn. */
function steppingClock(...instants: number[]): Clock {
  return { now: () => instants.shift() ?? 0, sleep: async () => {} };
}

const context = (over: Partial<ProviderContext> = {}): ProviderContext => ({
  apiKey: KEY,
  baseUrl: BASE,
  clock: steppingClock(1_000, 1_250),
  options: {},
  ...over,
});
const question: AskRequest = {
  question: "Hva er det beste regnskapsprogrammet for små bedrifter i Norge?",
  locale: "nb-NO",
  model: "gpt-6-luna",
  webSearch: true,
};

async function askError(request: AskRequest, ctx: ProviderContext): Promise<ProviderError> {
  const error = await openaiProvider.ask(request, ctx).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe("openai ask: request", () => {
  it("asks the question alone, with web search, sources, the locale's country and low reasoning", async () => {
    vi.stubEnv("OPENAI_ORG_ID", "org-from-env");
    vi.stubEnv("OPENAI_PROJECT_ID", "proj-from-env");
    respond(URL_RESPONSES, () => HttpResponse.json(fixture("responses-web-search.json")));
    const result = await openaiProvider.ask(question, context());
    const sent = calls[0];
    expect(await sent?.json()).toEqual({
      model: "gpt-6-luna",
      input: question.question,
      store: false,
      reasoning: { effort: "low" },
      tools: [{ type: "web_search", user_location: { type: "approximate", country: "NO" } }],
      include: ["web_search_call.action.sources"],
    });
    expect(sent?.headers.get("authorization")).toBe(`Bearer ${KEY}`);
    expect(sent?.headers.get("openai-organization")).toBeNull();
    expect(sent?.headers.get("openai-project")).toBeNull();
    expect(result.surface).toBe("api+web-search");
    expect(result.latencyMs).toBe(250);
    expect(result.requestedModel).toBe("gpt-6-luna");
    // gpt-6-luna: 7,364 uncached × $0.10 + 2,048 cached × $0.01 + 1,187 out × $0.50 per 1M + 3 searches × $0.01
    expect(result.costUsd).toBe(0.03135);
  });

  it("without web search sends no tools, and no reasoning block for a non-reasoning model", async () => {
    respond(URL_RESPONSES, () => HttpResponse.json(fixture("responses-plain.json")));
    const result = await openaiProvider.ask({ ...question, model: "gpt-4.1", webSearch: false }, context());
    expect(await calls[0]?.json()).toEqual({ model: "gpt-4.1", input: question.question, store: false });
    expect(result.surface).toBe("api");
    // gpt-4.1-2025-04-14 is billed as gpt-4.1: 21 × $2 + 164 × $8 per 1M
    expect(result.costUsd).toBe(0.001354);
  });

  it("uses the configured user location and reasoning effort", async () => {
    respond(URL_RESPONSES, () => HttpResponse.json(fixture("responses-web-search.json")));
    const options = {
      reasoningEffort: "high",
      userLocation: { country: "SE", city: "Göteborg", timezone: "Europe/Stockholm" },
    };
    await openaiProvider.ask(question, context({ options }));
    const body = (await calls[0]?.json()) as Record<string, unknown>;
    expect(body.reasoning).toEqual({ effort: "high" });
    expect(body.tools).toEqual([
      {
        type: "web_search",
        user_location: { type: "approximate", country: "SE", city: "Göteborg", timezone: "Europe/Stockholm" },
      },
    ]);
  });

  it("goes to api.openai.com when the context has no base URL, whatever the environment says", async () => {
    vi.stubEnv("OPENAI_BASE_URL", "http://127.0.0.1:4099/elsewhere");
    respond("https://api.openai.com/v1/responses", () =>
      HttpResponse.json(fixture("responses-web-search.json")),
    );
    const result = await openaiProvider.ask(question, context({ baseUrl: undefined }));
    expect(result.servedModel).toBe("gpt-6-luna-2026-10-14");
    expect(calls).toHaveLength(1);
  });

  it("rejects with auth before any request when there is no key", async () => {
    vi.stubEnv("OPENAI_API_KEY", "sk-from-env-must-not-be-used");
    respond(URL_RESPONSES, () => HttpResponse.json(fixture("responses-web-search.json")));
    const e = await askError(question, context({ apiKey: undefined }));
    expect(e.kind).toBe("auth");
    expect(calls).toHaveLength(0);
  });

  it("rejects invalid options without a request", async () => {
    respond(URL_RESPONSES, () => HttpResponse.json(fixture("responses-web-search.json")));
    const e = await askError(question, context({ options: { reasoningEfort: "low" } }));
    expect(e.kind).toBe("bad-response");
    expect(e.message).toContain("invalid engine options");
    expect(calls).toHaveLength(0);
  });
});

describe("openai ask: failures", () => {
  const cases: [string, string, number | undefined, string | undefined][] = [
    ["http-401-invalid-api-key.json", "auth", undefined, "invalid_api_key"],
    ["http-429-rate-limit.json", "rate-limit", 20_000, "rate_limit_exceeded"],
    ["http-429-insufficient-quota.json", "quota", undefined, "insufficient_quota"],
    ["http-500.json", "server", undefined, "server_error"],
    ["http-503.json", "server", 5_000, "server_error"],
  ];
  for (const [name, kind, retryAfterMs, code] of cases) {
    it(`${name} → ${kind}, one request`, async () => {
      respond(URL_RESPONSES, () => httpFixtureResponse(name));
      const e = await askError(question, context());
      expect(e.kind).toBe(kind);
      expect(e.retryAfterMs).toBe(retryAfterMs);
      expect(e.code).toBe(code);
      expect(calls).toHaveLength(1);
    });
  }

  it("200 bodies that are failures reject with their kind", async () => {
    for (const [name, kind] of [
      ["responses-incomplete.json", "bad-response"],
      ["responses-refusal.json", "refused"],
      ["responses-failed.json", "server"],
    ]) {
      respond(URL_RESPONSES, () => HttpResponse.json(fixture(name as string)));
      expect((await askError(question, context())).kind).toBe(kind);
    }
  });

  it("malformed and empty bodies are bad-response", async () => {
    for (const body of [textFixture("malformed.txt"), ""]) {
      respond(
        URL_RESPONSES,
        () => new HttpResponse(body, { headers: { "content-type": "application/json" } }),
      );
      expect((await askError(question, context())).kind).toBe("bad-response");
    }
  });

  it("never repeats a key the server echoes back", async () => {
    respond(URL_RESPONSES, () =>
      HttpResponse.json(
        { error: { message: `Incorrect API key provided: ${KEY}`, code: "invalid_api_key" } },
        { status: 401 },
      ),
    );
    const e = await askError(question, context());
    expect(e.kind).toBe("auth");
    expect(e.message).not.toContain(KEY);
    expect(e.message).toContain("[redacted]");
  });

  it("a caller's timeout signal is a timeout", async () => {
    respond(URL_RESPONSES, async () => {
      await delay(2_000);
      return HttpResponse.json(fixture("responses-web-search.json"));
    });
    const e = await askError({ ...question, signal: AbortSignal.timeout(50) }, context());
    expect(e.kind).toBe("timeout");
  });

  it("a network failure is a server error", async () => {
    respond(URL_RESPONSES, () => HttpResponse.error());
    const e = await askError(question, context());
    expect(e.kind).toBe("server");
    expect(calls).toHaveLength(1);
  });
});
