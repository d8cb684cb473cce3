import { HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ProviderError } from "../../../src/core/errors.ts";
import { anthropicProvider } from "../../../src/providers/anthropic/index.ts";
import { askRequest, context, fixture, serveMessages, testKey } from "./helpers.ts";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const json = (body: Record<string, unknown>) => () => HttpResponse.json(body);

describe("anthropic ask: the request", () => {
  it("asks the question as a user would, with the web search tool and the market's country", async () => {
    const sent = serveMessages(server, [json(fixture("answer-two-searches.json"))]);
    await anthropicProvider.ask(askRequest(), context());
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body).toEqual({
      model: "claude-haiku-5-5",
      max_tokens: 4096,
      messages: [
        { role: "user", content: "Hva er det beste regnskapsprogrammet for små bedrifter i Norge?" },
      ],
      tools: [
        {
          type: "web_search_20250305",
          name: "web_search",
          max_uses: 5,
          user_location: { type: "approximate", country: "NO" },
        },
      ],
    });
  });

  it("sends the key and API version the way @anthropic-ai/sdk 1.13 does", async () => {
    const sent = serveMessages(server, [json(fixture("answer-two-searches.json"))]);
    await anthropicProvider.ask(askRequest(), context());
    expect(sent[0]?.headers.get("authorization")).toBe(`Bearer ${testKey}`);
    expect(sent[0]?.headers.get("x-api-key")).toBeNull();
    // SDK 1.x speaks API version 2026-10-21; the public recordings were made with 2023-06-01.
    expect(sent[0]?.headers.get("anthropic-version")).toBe("2026-10-21");
  });

  it("applies engine options and leaves the tool out without web search", async () => {
    const sent = serveMessages(server, [json(fixture("answer-two-searches.json"))]);
    const options = { maxTokens: 2048, maxUses: 2, searchTool: "web_search_20260318" };
    await anthropicProvider.ask(askRequest({ locale: "en" }), context({ options }));
    expect(sent[0]?.body.max_tokens).toBe(2048);
    expect(sent[0]?.body.tools).toEqual([{ type: "web_search_20260318", name: "web_search", max_uses: 2 }]);
    const result = await anthropicProvider.ask(askRequest({ webSearch: false }), context());
    expect(sent[1]?.body.tools).toBeUndefined();
    expect(result.surface).toBe("api");
  });

  it("rejects unknown or invalid engine options (strict schema)", async () => {
    expect(anthropicProvider.optionsSchema.safeParse({ maxUse: 3 }).success).toBe(false);
    expect(anthropicProvider.optionsSchema.safeParse({ searchTool: "web_search_2024" }).success).toBe(false);
    expect(anthropicProvider.optionsSchema.safeParse({ maxUses: 3, keyEnv: "CLAUDE_KEY" }).success).toBe(
      true,
    );
    const error = await anthropicProvider
      .ask(askRequest(), context({ options: { maxTokens: -1 } }))
      .catch((e) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).message).toContain("maxTokens");
  });
});

describe("anthropic ask: the result", () => {
  it("prices searches and tokens from the model table, measures latency and keeps the raw body", async () => {
    const body = fixture("answer-two-searches.json");
    serveMessages(server, [json(body)]);
    const result = await anthropicProvider.ask(askRequest(), context());
    // Haiku 5.5: 18,422 in x $0.10/M + 912 out x $0.50/M + 2 searches x $0.01.
    expect(result.costUsd).toBe(0.022298);
    expect(result.latencyMs).toBe(250);
    expect(result.requestedModel).toBe("claude-haiku-5-5");
    expect(result.surface).toBe("api+web-search");
    expect(result.raw).toEqual(body);
    expect(JSON.stringify(result)).not.toContain(testKey);
  });

  it("has no cost for a model missing from the table", async () => {
    const body = fixture("answer-two-searches.json");
    body.model = "claude-opus-5-5";
    serveMessages(server, [json(body)]);
    const result = await anthropicProvider.ask(askRequest({ model: "claude-opus-5-5" }), context());
    expect(result.servedModel).toBe("claude-opus-5-5");
    expect(result.costUsd).toBeNull();
  });
});

describe("anthropic ask: pause_turn", () => {
  it("re-sends the conversation with the paused content appended, and keeps both bodies", async () => {
    const paused = fixture("pause-turn-1.json");
    const resumed = fixture("pause-turn-2.json");
    const sent = serveMessages(server, [json(paused), json(resumed)]);
    const result = await anthropicProvider.ask(askRequest(), context());
    expect(sent).toHaveLength(2);
    const first = sent[0]?.body as { messages: unknown[] };
    expect(sent[1]?.body).toEqual({
      ...first,
      messages: [first.messages[0], { role: "assistant", content: paused.content }],
    });
    expect(result.raw).toEqual({ responses: [paused, resumed] });
    expect(result.text.startsWith("For et AS med fem ansatte")).toBe(true);
    expect(result.usage.searches).toBe(2);
    // (24,000 uncached x $0.10 + 8,704 cached x $0.01 + 677 out x $0.50) / 1M + 2 x $0.01.
    expect(result.costUsd).toBe(0.022826);
    const reparsed = anthropicProvider.parse(JSON.parse(JSON.stringify(result.raw)));
    expect(reparsed.citations).toEqual(result.citations);
    expect(reparsed.usage).toEqual(result.usage);
  });

  it("appends every paused response's content when the turn pauses twice", async () => {
    const paused = fixture("pause-turn-1.json");
    const resumed = fixture("pause-turn-2.json");
    const againContent = [
      (resumed.content as unknown[])[0],
      {
        type: "server_tool_use",
        id: "srvtoolu_01Zx",
        name: "web_search",
        input: { query: "Tripletex anmeldelse" },
      },
    ];
    const pausedAgain = { ...structuredClone(paused), content: againContent };
    const sent = serveMessages(server, [json(paused), json(pausedAgain), json(resumed)]);
    const result = await anthropicProvider.ask(askRequest(), context());
    expect(sent).toHaveLength(3);
    const messages = sent[2]?.body.messages as Array<{ content: unknown[] }>;
    expect(messages[1]?.content).toEqual([...(paused.content as unknown[]), ...againContent]);
    expect((result.raw as { responses: unknown[] }).responses).toHaveLength(3);
    expect(result.searchQueries).toHaveLength(3);
  });

  it("gives up after maxContinuations with bad-response", async () => {
    const sent = serveMessages(server, [json(fixture("pause-turn-1.json"))]);
    const error = await anthropicProvider
      .ask(askRequest(), context({ options: { maxContinuations: 1 } }))
      .catch((e: unknown) => e);
    expect(sent).toHaveLength(2);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).kind).toBe("bad-response");
    expect((error as ProviderError).message).toContain("pause_turn");
  });
});
