import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../src/core/clock.ts";
import { ProviderError } from "../../src/core/errors.ts";
import { anthropicProvider } from "../../src/providers/anthropic/index.ts";
import { geminiProvider } from "../../src/providers/gemini/index.ts";
import { classifyHttpFailure } from "../../src/providers/http/classify.ts";
import { openaiProvider } from "../../src/providers/openai/index.ts";
import { perplexityProvider } from "../../src/providers/perplexity/index.ts";
import {
  bingCopilotProvider,
  googleAiModeProvider,
  googleAiOverviewProvider,
} from "../../src/providers/serpapi/index.ts";
import type { AskResult, Provider } from "../../src/providers/types.ts";
import {
  defaultBrands,
  generateAnswer,
  type MockAiServer,
  type MockProvider,
  startMockAiServer,
} from "./mock-ai/server.ts";

/**
 * The mock AI server against the real providers: every answer must parse cleanly (no warnings),
 * and the failure behaviours must reach the retry layer as the right `ProviderError` kinds.
 */

interface Engine {
  mock: MockProvider;
  provider: Provider;
  /** What a citation's span covers in this format. */
  span: RegExp;
}

const engines: Engine[] = [
  { mock: "openai", provider: openaiProvider, span: /^ \(\[[^\]]+\]\(https:\/\/[^)]+\)\)$/ },
  { mock: "anthropic", provider: anthropicProvider, span: /\S/ },
  { mock: "perplexity", provider: perplexityProvider, span: /^\[\d+\]$/ },
  { mock: "gemini", provider: geminiProvider, span: /^\S(.*\S)?$/ },
  { mock: "serpapi", provider: googleAiOverviewProvider, span: /\S/ },
  { mock: "serpapi", provider: googleAiModeProvider, span: /\S/ },
  { mock: "serpapi", provider: bingCopilotProvider, span: /\S/ },
];

const questions = [
  "Hva er det beste regnskapsprogrammet for små bedrifter i Norge?",
  "Which accounting software should a small Norwegian company use?",
];

let server: MockAiServer;
beforeAll(async () => {
  server = await startMockAiServer({ seed: 42 });
});
afterAll(() => server.close());

interface AskOptions {
  question?: string;
  /** null sends no key at all. */
  apiKey?: string | null;
  webSearch?: boolean;
}

function ask(engine: Engine, s: MockAiServer, options: AskOptions = {}) {
  const { question = questions[0] ?? "", apiKey = "test-key", webSearch = true } = options;
  return engine.provider.ask(
    { question, model: engine.provider.defaultModel, webSearch, locale: "nb-NO" },
    { apiKey: apiKey ?? undefined, baseUrl: s.baseUrls[engine.mock], clock: systemClock, options: {} },
  );
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ProviderError)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error;
}

const mentioned = (text: string) => defaultBrands.filter((b) => text.includes(b.name)).map((b) => b.name);
/** Brands in order of first mention: what a report's rank is based on. */
const ranking = (text: string) =>
  mentioned(text)
    .map((name) => ({ name, at: text.indexOf(name) }))
    .sort((a, b) => a.at - b.at)
    .map((b) => b.name)
    .join(" > ");

describe.each(engines)("$provider.id against the mock server", (engine) => {
  afterEach(() => server.setBehaviour(engine.mock, {}));

  it("gets answers the real parser reads without a warning", async () => {
    const answers: AskResult[] = [];
    for (let i = 0; i < 8; i++) answers.push(await ask(engine, server, { question: questions[i % 2] }));
    for (const answer of answers) {
      expect(answer.warnings).toEqual([]);
      expect(mentioned(answer.text).length).toBeGreaterThanOrEqual(3);
      expect(answer.text.length).toBeGreaterThan(600);
      expect(answer.citations.length).toBeGreaterThan(0);
      for (const c of answer.citations) {
        expect(URL.canParse(c.url), c.url).toBe(true);
        if (c.startIndex === undefined || c.endIndex === undefined) continue;
        expect(c.endIndex).toBeGreaterThan(c.startIndex);
        expect(answer.text.slice(c.startIndex, c.endIndex)).toMatch(engine.span);
      }
      expect(answer.usage.searches).toBeGreaterThan(0);
      expect(answer.costUsd).toBeGreaterThan(0);
      if (engine.mock === "serpapi") {
        // SerpApi bodies never name a model, so the parser reports none.
        expect(answer.servedModel).toBeNull();
      } else {
        expect(answer.servedModel).toMatch(/\S/);
        expect(answer.usage.inputTokens).toBeGreaterThan(0);
        expect(answer.usage.outputTokens).toBeGreaterThan(0);
      }
    }
    expect(new Set(answers.map((a) => ranking(a.text))).size).toBeGreaterThan(1);
    // An emoji before a citation tells UTF-16, code point and byte offsets apart.
    expect(answers.some((a) => /\p{Extended_Pictographic}/u.test(a.text))).toBe(true);
  });

  it("rateLimitFirst gives a rate-limit error with the server's wait, then answers", async () => {
    server.setBehaviour(engine.mock, { rateLimitFirst: 1, retryAfterSec: 7 });
    const error = await failure(ask(engine, server));
    expect(error.kind).toBe("rate-limit");
    expect(error.status).toBe(429);
    expect(error.retryAfterMs).toBe(7000);
    expect((await ask(engine, server)).text).toMatch(/\S/);
  });

  it("down gives a server error", async () => {
    server.setBehaviour(engine.mock, { down: true });
    const error = await failure(ask(engine, server));
    expect(error.kind).toBe("server");
    expect(error.status).toBe(503);
  });

  it("a missing key is an auth error", async () => {
    expect((await failure(ask(engine, server, { apiKey: null }))).kind).toBe("auth");
  });

  it.skipIf(engine.mock === "serpapi")("answers without sources when web search is off", async () => {
    const answer = await ask(engine, server, { webSearch: false });
    expect(answer.warnings).toEqual([]);
    expect(mentioned(answer.text).length).toBeGreaterThanOrEqual(3);
    expect([answer.citations, answer.retrieved, answer.usage.searches]).toEqual([[], [], 0]);
  });
});

describe("mock server behaviour", () => {
  const agent = (s: MockAiServer, headers: Record<string, string>) =>
    fetch(`${s.baseUrls.perplexity}/v1/agent`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({
        model: "perplexity/sonar",
        input: questions[0],
        tools: [{ type: "web_search" }],
      }),
    });

  it("answers 401 with the provider's error body when the credential is missing", async () => {
    const calls: Record<MockProvider, [string, RequestInit]> = {
      openai: [`${server.baseUrls.openai}/responses`, { method: "POST", body: '{"model":"m","input":"q"}' }],
      anthropic: [`${server.baseUrls.anthropic}/v1/messages`, { method: "POST", body: "{}" }],
      perplexity: [`${server.baseUrls.perplexity}/v1/agent`, { method: "POST", body: "{}" }],
      gemini: [
        `${server.baseUrls.gemini}/v1beta/models/gemini-3.5-flash-lite:generateContent`,
        { method: "POST" },
      ],
      serpapi: [`${server.baseUrls.serpapi}/search.json?engine=google&q=x`, { method: "GET" }],
    };
    for (const [provider, [url, init]] of Object.entries(calls)) {
      const response = await fetch(url, init);
      const body: unknown = await response.json();
      expect(response.status, provider).toBe(401);
      expect(classifyHttpFailure(provider, { status: 401, body }).kind).toBe("auth");
    }
  });

  it("rateLimitEvery limits every k-th request and stats count statuses", async () => {
    const s = await startMockAiServer({ behaviours: { perplexity: { rateLimitEvery: 3 } } });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await agent(s, { authorization: "Bearer k" })).status);
    expect(statuses).toEqual([200, 200, 429, 200, 200, 429]);
    expect(s.stats().perplexity).toEqual({ requests: 6, peakInFlight: 1, status: { 200: 4, 429: 2 } });
    await s.close();
  });

  it("failStatus 529 reaches Anthropic's client as an overloaded server error", async () => {
    server.setBehaviour("anthropic", { failStatus: 529 });
    const error = await failure(ask(engines[1] as Engine, server));
    server.setBehaviour("anthropic", {});
    expect([error.kind, error.status, error.code]).toEqual(["server", 529, "overloaded_error"]);
  });

  it("answers are deterministic per seed and request number, and vary across samples", async () => {
    const input = { question: questions[0] ?? "", counter: 3, seed: 9 };
    expect(generateAnswer(input)).toEqual(generateAnswer(input));
    expect(generateAnswer(input)).not.toEqual(generateAnswer({ ...input, counter: 4 }));

    const perplexity = engines[2] as Engine;
    const run = async (seed: number) => {
      const s = await startMockAiServer({ seed });
      const texts: string[] = [];
      for (let i = 0; i < 6; i++) texts.push((await ask(perplexity, s)).text);
      await s.close();
      return texts;
    };
    const [first, again, other] = [await run(5), await run(5), await run(6)];
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
    expect(new Set(first).size).toBe(6);
    expect(new Set(first.map(ranking)).size).toBeGreaterThan(1);
  });

  it("serves 48 concurrent slow requests at once", async () => {
    const s = await startMockAiServer({ behaviours: { openai: { latencyMs: 300 } } });
    const started = performance.now();
    const answers = await Promise.all(Array.from({ length: 48 }, () => ask(engines[0] as Engine, s)));
    const elapsed = performance.now() - started;
    expect(answers).toHaveLength(48);
    expect(elapsed).toBeLessThan(1500);
    expect(s.stats().openai.peakInFlight).toBe(48);
    await s.close();
  });

  it("close() ends keep-alive sockets and requests waiting out a latency promptly", async () => {
    const s = await startMockAiServer({ behaviours: { perplexity: { latencyMs: 10_000 } } });
    s.setBehaviour("perplexity", {});
    expect((await agent(s, { authorization: "Bearer k" })).status).toBe(200);
    s.setBehaviour("perplexity", { latencyMs: 10_000 });
    const pending = agent(s, { authorization: "Bearer k" }).then(
      () => "answered",
      () => "dropped",
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    await s.close();
    expect(await pending).toBe("dropped");
    expect(performance.now() - started).toBeLessThan(500);
  });
});
