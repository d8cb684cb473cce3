import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { systemClock } from "../../../src/core/clock.ts";
import { ProviderError } from "../../../src/core/errors.ts";
import { openaiCompatibleProvider as provider } from "../../../src/providers/openai-compatible/index.ts";
import type { AskRequest, ProviderContext } from "../../../src/providers/types.ts";
import { fixture, httpFixtureResponse, textFixture } from "../openai/fixtures.ts";

const dir = new URL("../../fixtures/providers/openai-compatible/", import.meta.url);
const OPENROUTER = "http://127.0.0.1:4022/api/v1";
const XAI = "http://127.0.0.1:4023/v1";
const OLLAMA = "http://127.0.0.1:4024/v1";
const KEY = "sk-or-v1-test-compatible-0000";
const server = setupServer();
const calls: Request[] = [];

beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
afterEach(() => {
  server.resetHandlers();
  calls.length = 0;
  vi.unstubAllEnvs();
});
afterAll(() => server.close());

function respond(url: string, make: () => Response) {
  server.use(
    http.post(url, async ({ request }) => {
      calls.push(request.clone());
      return make();
    }),
  );
}

const question: AskRequest = {
  question: "What is the best accounting software for a small business in Norway?",
  locale: "en-NO",
  model: "openai/gpt-6-luna",
  webSearch: true,
};
const openrouter = { baseUrl: OPENROUTER, keyEnv: "OPENROUTER_API_KEY", webSearchTool: "openrouter" };
const ctx = (options: Record<string, unknown>, over: Partial<ProviderContext> = {}): ProviderContext => ({
  apiKey: KEY,
  baseUrl: undefined,
  clock: systemClock,
  options,
  ...over,
});

async function askError(request: AskRequest, context: ProviderContext): Promise<ProviderError> {
  const error = await provider.ask(request, context).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe("openai-compatible ask: request per style", () => {
  it("OpenRouter: chat with the openrouter:web_search tool, the key, and the reported cost", async () => {
    respond(`${OPENROUTER}/chat/completions`, () =>
      HttpResponse.json(fixture("openrouter-chat-web-search.json", dir)),
    );
    const result = await provider.ask(question, ctx(openrouter));
    expect(await calls[0]?.json()).toEqual({
      model: "openai/gpt-6-luna",
      messages: [{ role: "user", content: question.question }],
      tools: [{ type: "openrouter:web_search" }],
    });
    expect(calls[0]?.headers.get("authorization")).toBe(`Bearer ${KEY}`);
    expect(result.costUsd).toBe(0.020879);
    expect(result.surface).toBe("api+web-search");
    expect(result.usage.searches).toBe(2);
  });

  it("chat defaults to web_search_options", async () => {
    respond(`${OPENROUTER}/chat/completions`, () =>
      HttpResponse.json(fixture("chat-search-positions.json", dir)),
    );
    const result = await provider.ask(question, ctx({ baseUrl: OPENROUTER, keyEnv: "K" }));
    expect(await calls[0]?.json()).toMatchObject({ web_search_options: {} });
    expect(result.surface).toBe("api+web-search");
    expect(result.costUsd).toBeNull();
  });

  it("webSearchTool none, or webSearch false, asks the plain model (surface api)", async () => {
    for (const [options, webSearch] of [
      [{ ...openrouter, webSearchTool: "none" }, true],
      [openrouter, false],
    ] as const) {
      respond(`${OPENROUTER}/chat/completions`, () =>
        HttpResponse.json(fixture("chat-plain-ollama.json", dir)),
      );
      const result = await provider.ask({ ...question, webSearch }, ctx(options));
      const body = (await calls.at(-1)?.json()) as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(["messages", "model"]);
      expect(result.surface).toBe("api");
    }
  });

  it("xAI: Responses style with the web_search tool and cost from ticks", async () => {
    respond(`${XAI}/responses`, () => HttpResponse.json(fixture("xai-responses-web-search.json", dir)));
    const options = { baseUrl: XAI, keyEnv: "XAI_API_KEY", apiStyle: "responses" };
    const result = await provider.ask({ ...question, model: "grok-4.5" }, ctx(options));
    expect(await calls[0]?.json()).toEqual({
      model: "grok-4.5",
      input: question.question,
      tools: [{ type: "web_search" }],
    });
    expect(result.costUsd).toBe(0.011842);
    expect(result.citations).toHaveLength(3);
    expect(result.servedModel).toBe("grok-4.5");
  });

  it("local Ollama without keyEnv sends no Authorization header, never an OpenAI key from the environment", async () => {
    vi.stubEnv("OPENAI_API_KEY", "sk-env-openai-must-not-leave");
    respond(`${OLLAMA}/chat/completions`, () => HttpResponse.json(fixture("chat-plain-ollama.json", dir)));
    const options = { baseUrl: OLLAMA, webSearchTool: "none" };
    const result = await provider.ask(
      { ...question, model: "qwen3:8b" },
      ctx(options, { apiKey: undefined }),
    );
    expect(calls[0]?.headers.get("authorization")).toBeNull();
    expect(result.servedModel).toBe("qwen3:8b");
    expect(result.costUsd).toBeNull();
  });

  it("a keyEnv without a key is auth before any request", async () => {
    respond(`${OPENROUTER}/chat/completions`, () =>
      HttpResponse.json(fixture("openrouter-chat-web-search.json", dir)),
    );
    const e = await askError(question, ctx(openrouter, { apiKey: undefined }));
    expect(e.kind).toBe("auth");
    expect(e.message).toContain("OPENROUTER_API_KEY");
    expect(calls).toHaveLength(0);
  });

  it("context.baseUrl overrides the configured baseUrl", async () => {
    const override = "http://127.0.0.1:4025/proxy/v1";
    respond(`${override}/chat/completions`, () =>
      HttpResponse.json(fixture("openrouter-chat-web-search.json", dir)),
    );
    await provider.ask(question, ctx(openrouter, { baseUrl: override }));
    expect(calls).toHaveLength(1);
  });
});

describe("openai-compatible ask: failures", () => {
  const url = `${OPENROUTER}/chat/completions`;
  const cases: [string, string, number | undefined][] = [
    ["http-401.json", "auth", undefined],
    ["http-402-insufficient-credits.json", "quota", undefined],
    ["http-429.json", "rate-limit", 12_000],
    ["http-503.json", "server", undefined],
  ];
  for (const [name, kind, retryAfterMs] of cases) {
    it(`${name} → ${kind}, one request`, async () => {
      respond(url, () => httpFixtureResponse(name, dir));
      const e = await askError(question, ctx(openrouter));
      expect(e.kind).toBe(kind);
      expect(e.retryAfterMs).toBe(retryAfterMs);
      expect(calls).toHaveLength(1);
    });
  }

  it("an error inside HTTP 200 and a malformed body", async () => {
    respond(url, () => HttpResponse.json(fixture("openrouter-error-in-200.json", dir)));
    expect((await askError(question, ctx(openrouter))).kind).toBe("server");
    respond(
      url,
      () =>
        new HttpResponse(textFixture("malformed.txt", dir), {
          headers: { "content-type": "application/json" },
        }),
    );
    expect((await askError(question, ctx(openrouter))).kind).toBe("bad-response");
  });
});

describe("openai-compatible options", () => {
  const schema = provider.optionsSchema;
  it("needs an http(s) baseUrl and rejects unknown keys", () => {
    expect(schema.safeParse({}).success).toBe(false);
    expect(schema.safeParse({ baseUrl: "ftp://x.no/v1" }).success).toBe(false);
    expect(schema.safeParse({ baseUrl: OLLAMA, keyenv: "X" }).success).toBe(false);
    expect(schema.safeParse({ baseUrl: OLLAMA, keyEnv: "not a name" }).success).toBe(false);
    expect(schema.safeParse({ baseUrl: OLLAMA, webSearchTool: "bing" }).success).toBe(false);
  });
  it("applies the chat default and refuses web_search_options with responses", () => {
    expect(schema.parse({ baseUrl: OLLAMA })).toEqual({ baseUrl: OLLAMA, apiStyle: "chat" });
    expect(
      schema.safeParse({ baseUrl: XAI, apiStyle: "responses", webSearchTool: "web_search_options" }).success,
    ).toBe(false);
    expect(
      schema.safeParse({ baseUrl: XAI, apiStyle: "responses", webSearchTool: "openrouter" }).success,
    ).toBe(true);
  });
});
