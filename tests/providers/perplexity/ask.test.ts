import { delay, HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Clock } from "../../../src/core/clock.ts";
import { ProviderError } from "../../../src/core/errors.ts";
import { postJson } from "../../../src/providers/perplexity/http.ts";
import { perplexityProvider } from "../../../src/providers/perplexity/index.ts";
import type { AskRequest, ProviderContext } from "../../../src/providers/types.ts";
import { fixture, fixtureText } from "./fixtures.ts";

const KEY = "pplx-test-4f9c2b7e1a0d";
const BASE = "http://127.0.0.1:4010";
const URL_AGENT = `${BASE}/v1/agent`;

const server = setupServer();
const sent: { url: string; auth: string | null; body: unknown }[] = [];

beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
afterEach(() => {
  server.resetHandlers();
  sent.length = 0;
});
afterAll(() => server.close());

/** Answers every POST to /v1/agent with `respond`, recording what was sent. */
function answerWith(respond: () => Response | Promise<Response>) {
  server.use(
    http.post(URL_AGENT, async ({ request }) => {
      sent.push({ url: request.url, auth: request.headers.get("authorization"), body: await request.json() });
      return respond();
    }),
  );
}

/** A clock whose `now()` returns the given instants in turn. */
function steppingClock(...instants: number[]): Clock {
  let i = 0;
  return { now: () => instants[Math.min(i++, instants.length - 1)] ?? 0, sleep: async () => {} };
}

const question = "Hva er det beste regnskapsprogrammet for små bedrifter i Norge?";
const request = (over: Partial<AskRequest> = {}): AskRequest => ({
  question,
  model: "perplexity/sonar",
  webSearch: true,
  ...over,
});
const context = (over: Partial<ProviderContext> = {}): ProviderContext => ({
  apiKey: KEY,
  baseUrl: BASE,
  clock: steppingClock(1_000, 1_350),
  options: {},
  ...over,
});

async function askError(req: AskRequest, ctx: ProviderContext): Promise<ProviderError> {
  const error = await perplexityProvider.ask(req, ctx).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  const pe = error as ProviderError;
  expect(pe.message).not.toContain(KEY);
  return pe;
}

describe("request", () => {
  it("posts only the documented fields, the question as typed, and the key as a Bearer token", async () => {
    answerWith(() => HttpResponse.json(fixture("agent-sonar-nb.json")));
    await perplexityProvider.ask(request({ locale: "nb-NO" }), context());
    expect(sent).toEqual([
      {
        url: URL_AGENT,
        auth: `Bearer ${KEY}`,
        body: {
          model: "perplexity/sonar",
          input: question,
          tools: [{ type: "web_search" }],
          tool_choice: { type: "web_search" },
          max_output_tokens: 2048,
        },
      },
    ]);
  });

  it("sends no tools without web search, and labels the surface plain api", async () => {
    answerWith(() => HttpResponse.json(fixture("agent-sonar-no-markers.json")));
    const result = await perplexityProvider.ask(
      request({ webSearch: false }),
      context({ options: { maxOutputTokens: 600 } }),
    );
    expect(sent[0]?.body).toEqual({ model: "perplexity/sonar", input: question, max_output_tokens: 600 });
    expect(result.surface).toBe("api");
  });

  it("with a preset sends the preset instead of model and tools, and keeps the model that answered", async () => {
    answerWith(() => HttpResponse.json(fixture("agent-preset-fast-luna.json")));
    const result = await perplexityProvider.ask(request(), context({ options: { preset: "fast" } }));
    expect(sent[0]?.body).toEqual({ preset: "fast", input: question, max_output_tokens: 2048 });
    expect(result.requestedModel).toBe("perplexity/sonar");
    expect(result.servedModel).toBe("openai/gpt-6-luna");
    expect(result.costUsd).toBe(0.002273);
  });

  it("accepts a base URL that already ends in /v1 or has a trailing slash", async () => {
    answerWith(() => HttpResponse.json(fixture("agent-sonar-nb.json")));
    await perplexityProvider.ask(request(), context({ baseUrl: `${BASE}/v1/` }));
    await perplexityProvider.ask(request(), context({ baseUrl: `${BASE}/` }));
    expect(sent.map((s) => s.url)).toEqual([URL_AGENT, URL_AGENT]);
  });

  it("refuses before any request: missing key (auth), preset without web search, unknown options", async () => {
    answerWith(() => HttpResponse.json(fixture("agent-sonar-nb.json")));
    expect((await askError(request(), context({ apiKey: undefined }))).kind).toBe("auth");
    expect((await askError(request(), context({ apiKey: "" }))).kind).toBe("auth");
    const preset = await askError(request({ webSearch: false }), context({ options: { preset: "fast" } }));
    expect(preset.message).toContain("always searches");
    const typo = await askError(request(), context({ options: { maxTokens: 100 } }));
    expect(typo.message).toContain("invalid engine options");
    expect(sent).toEqual([]);
  });

  it("the options schema is strict", () => {
    expect(
      perplexityProvider.optionsSchema.safeParse({ preset: "pro-search", maxOutputTokens: 800 }).success,
    ).toBe(true);
    expect(perplexityProvider.optionsSchema.safeParse({ preset: "fast", search: true }).success).toBe(false);
    expect(perplexityProvider.optionsSchema.safeParse({ maxOutputTokens: -1 }).success).toBe(false);
  });
});

describe("result", () => {
  it("keeps the raw body as received, times the call with the injected clock, and takes the reported cost", async () => {
    const body = fixture("agent-sonar-nb.json");
    answerWith(() => HttpResponse.json(body));
    const result = await perplexityProvider.ask(request(), context());
    expect(result.raw).toEqual(body);
    expect(result.latencyMs).toBe(350);
    expect(result.costUsd).toBe(0.003491);
    expect(result.surface).toBe("api+web-search");
  });

  it("without a reported cost, prices tokens and searches from the served model's row", async () => {
    const body = fixture("agent-sonar-nb.json");
    delete (body.usage as Record<string, unknown>).cost;
    answerWith(() => HttpResponse.json(body));
    const result = await perplexityProvider.ask(request(), context());
    // 1843 × $0.25/M + 212 × $2.50/M + 1 search × $0.0025, rounded to 6 places.
    expect(result.costUsd).toBe(0.003491);
    expect(result.reportedCostUsd).toBeNull();
  });

  it("an unpriced model without a reported cost has no cost rather than a guessed one", async () => {
    const body = fixture("agent-sonar-nb.json");
    body.model = "anthropic/claude-haiku-5-5";
    delete (body.usage as Record<string, unknown>).cost;
    answerWith(() => HttpResponse.json(body));
    const result = await perplexityProvider.ask(request({ model: "anthropic/claude-haiku-5-5" }), context());
    expect(result.costUsd).toBeNull();
  });
});

describe("failures", () => {
  const cases: [string, number, string, Record<string, string>?][] = [
    ["error-401.json", 401, "auth"],
    ["error-401-insufficient-quota.json", 401, "quota"],
    ["error-429.json", 429, "rate-limit", { "retry-after": "12" }],
    ["error-500.json", 500, "server"],
    ["error-503.json", 503, "server"],
    ["error-400-unknown-field.json", 400, "bad-response"],
  ];
  for (const [name, status, kind, headers] of cases) {
    it(`HTTP ${status} (${name}) is ${kind}, after exactly one request`, async () => {
      answerWith(() => HttpResponse.json(fixture(name), { status, ...(headers ? { headers } : {}) }));
      const e = await askError(request(), context());
      expect(e.kind).toBe(kind);
      expect(e.status).toBe(status);
      if (headers) expect(e.retryAfterMs).toBe(12_000);
      expect(sent).toHaveLength(1);
    });
  }

  it("a key echoed in an error body does not reach the error", async () => {
    answerWith(() =>
      HttpResponse.json(
        { error: { message: `Invalid API key: ${KEY}`, type: "invalid_api_key" } },
        { status: 401 },
      ),
    );
    const e = await askError(request(), context());
    expect(e.message).toContain("[redacted]");
    expect(JSON.stringify(e)).not.toContain(KEY);
  });

  it("status failed and cancelled under HTTP 200 are server failures", async () => {
    for (const name of ["agent-failed.json", "agent-cancelled.json"]) {
      answerWith(() => HttpResponse.json(fixture(name)));
      expect((await askError(request(), context())).kind).toBe("server");
    }
  });

  it("malformed JSON and an empty body under HTTP 200 are bad-response", async () => {
    for (const text of [fixtureText("malformed.txt"), ""]) {
      answerWith(
        () => new HttpResponse(text, { status: 200, headers: { "content-type": "application/json" } }),
      );
      expect((await askError(request(), context())).kind).toBe("bad-response");
    }
  });

  it("a network error is a server failure", async () => {
    answerWith(() => HttpResponse.error());
    const e = await askError(request(), context());
    expect(e.kind).toBe("server");
    expect(e.message).toContain("network");
  });

  it("a caller signal that times out is a timeout; a plain abort is not", async () => {
    answerWith(async () => {
      await delay("infinite");
      return HttpResponse.json({});
    });
    const timedOut = await askError(request({ signal: AbortSignal.timeout(30) }), context());
    expect(timedOut.kind).toBe("timeout");
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const aborted = await askError(request({ signal: controller.signal }), context());
    expect(aborted.kind).toBe("server");
  });
});

describe("postJson deadline", () => {
  it("its own timeout, body read included, is a timeout", async () => {
    answerWith(async () => {
      await delay("infinite");
      return HttpResponse.json({});
    });
    const error = await postJson({ url: URL_AGENT, apiKey: KEY, body: {}, timeoutMs: 30 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).kind).toBe("timeout");
    expect((error as ProviderError).message).toBe("perplexity: request timed out");
  });
});
