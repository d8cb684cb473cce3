import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ProviderError } from "../../../src/core/errors.ts";
import { geminiProvider } from "../../../src/providers/gemini/index.ts";
import type { AskRequest, ProviderContext } from "../../../src/providers/types.ts";
import { askRequest, context, fixture, fixtureText, generateUrl, testKey } from "./helpers.ts";

/** One live-shaped call over msw: what is sent, what is kept, what it costs. */

const server = setupServer();
const calls: Request[] = [];

function answerWith(respond: (req: Request, n: number) => Response | Promise<Response>) {
  server.use(
    http.post(generateUrl, async ({ request }) => {
      calls.push(request.clone());
      return respond(request, calls.length);
    }),
  );
}

const jsonText = (text: string, status = 200) =>
  new HttpResponse(text, { status, headers: { "content-type": "application/json; charset=UTF-8" } });

async function askError(request: AskRequest = askRequest(), ctx: ProviderContext = context()) {
  const error = await geminiProvider.ask(request, ctx).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
afterEach(() => {
  server.resetHandlers();
  calls.length = 0;
});
afterAll(() => server.close());

describe("gemini ask: the request", () => {
  it("posts the bare question with Google Search grounding, the key in x-goog-api-key only", async () => {
    answerWith(() => HttpResponse.json(fixture("grounded-nb-two-parts.json")));
    await geminiProvider.ask(askRequest(), context());
    expect(calls).toHaveLength(1);
    const sent = calls[0]!;
    const url = new URL(sent.url);
    expect(url.pathname).toBe("/v1beta/models/gemini-3.5-flash-lite:generateContent");
    expect(url.search).toBe("");
    expect(sent.headers.get("x-goog-api-key")).toBe(testKey);
    const body = (await sent.json()) as Record<string, unknown>;
    expect(body.contents).toEqual([
      { role: "user", parts: [{ text: "Hva er det beste regnskapsprogrammet for små bedrifter i Norge?" }] },
    ]);
    expect(body.tools).toEqual([{ googleSearch: {} }]);
    expect(body).not.toHaveProperty("systemInstruction");
    expect(body.generationConfig ?? {}).toEqual({});
  });

  it("sends no tools without web search, and reports the plain api surface", async () => {
    answerWith(() => HttpResponse.json(fixture("grounding-empty-object.json")));
    const result = await geminiProvider.ask(askRequest({ webSearch: false }), context());
    const body = (await calls[0]!.json()) as Record<string, unknown>;
    expect(body).not.toHaveProperty("tools");
    expect(result.surface).toBe("api");
  });

  it("passes the thinking level option as the SDK enum", async () => {
    answerWith(() => HttpResponse.json(fixture("grounded-nb-two-parts.json")));
    await geminiProvider.ask(askRequest(), context({ options: { thinkingLevel: "low" } }));
    const body = (await calls[0]!.json()) as { generationConfig?: Record<string, unknown> };
    expect(body.generationConfig?.thinkingConfig).toEqual({ thinkingLevel: "LOW" });
  });

  it("rejects unknown options before any request", async () => {
    const e = await askError(askRequest(), context({ options: { temperature: 0.2 } }));
    expect(e.kind).toBe("bad-response");
    expect(e.message).toContain("temperature");
    expect(calls).toHaveLength(0);
  });

  it("a missing key is auth, before any request", async () => {
    for (const apiKey of [undefined, "", "  "]) {
      const e = await askError(askRequest(), context({ apiKey }));
      expect(e.kind).toBe("auth");
    }
    expect(calls).toHaveLength(0);
  });
});

describe("gemini ask: the result", () => {
  it("keeps the body exactly as received, unknown fields included", async () => {
    const body = fixture("grounded-nb-two-parts.json");
    body.futureField = { nested: ["kept"] };
    answerWith(() => jsonText(JSON.stringify(body)));
    const result = await geminiProvider.ask(askRequest(), context());
    expect(result.raw).toEqual(body);
    expect(result.latencyMs).toBe(250);
    expect(result.requestedModel).toBe("gemini-3.5-flash-lite");
    expect(result.surface).toBe("api+web-search");
  });

  it("costs tokens plus one fee per search query on Gemini 3", async () => {
    answerWith(() => jsonText(fixtureText("grounded-nb-two-parts.json")));
    const result = await geminiProvider.ask(askRequest(), context());
    // 403 input × $0.30/M + 544 output × $2.50/M + 2 queries × $0.014
    expect(result.costUsd).toBe(0.029481);
  });

  it("costs one fee per grounded prompt on Gemini 2.5", async () => {
    answerWith(() => jsonText(fixtureText("grounded-en-gemini-2-5.json")));
    const result = await geminiProvider.ask(askRequest({ model: "gemini-2.5-flash" }), context());
    // 418 input × $0.30/M + 680 output × $2.50/M + 1 grounded prompt × $0.035
    expect(result.costUsd).toBe(0.036825);
  });

  it("prices the model that answered when Google serves a successor", async () => {
    answerWith(() => jsonText(fixtureText("grounded-nb-two-parts.json")));
    const result = await geminiProvider.ask(askRequest({ model: "gemini-2.5-flash" }), context());
    expect(result.requestedModel).toBe("gemini-2.5-flash");
    expect(result.servedModel).toBe("gemini-3.5-flash-lite");
    expect(result.costUsd).toBe(0.029481);
  });

  it("follows a continuation and keeps both bodies as { responses }", async () => {
    const hop1 = fixture("continuation-hop-1.json");
    const hop2 = fixture("continuation-hop-2.json");
    answerWith((_req, n) => HttpResponse.json(n === 1 ? hop1 : hop2));
    const result = await geminiProvider.ask(askRequest(), context());
    expect(calls).toHaveLength(2);
    const second = (await calls[1]!.json()) as Record<string, unknown>;
    expect(second.continuationToken).toBe("Q2hJS0VnZGxjR3hwWTJGMGFXOXVFZ0ZoSWdJSUFR");
    expect(result.raw).toEqual({ responses: [hop1, hop2] });
    expect(result.citations.map((c) => c.url)).toEqual([
      "https://fiken.no",
      "https://conta.no",
      "https://tripletex.no",
    ]);
    expect(result.usage.searches).toBe(2);
    expect(geminiProvider.parse(result.raw)).toEqual({
      text: result.text,
      citations: result.citations,
      retrieved: result.retrieved,
      searchQueries: result.searchQueries,
      servedModel: result.servedModel,
      usage: result.usage,
      reportedCostUsd: null,
      warnings: result.warnings,
    });
  });
});

describe("gemini ask: 200 bodies without an answer", () => {
  it.each([
    ["finish-safety.json", "refused"],
    ["prompt-blocked.json", "refused"],
    ["finish-max-tokens.json", "bad-response"],
  ])("%s is %s", async (name, kind) => {
    answerWith(() => jsonText(fixtureText(name)));
    expect((await askError()).kind).toBe(kind);
    expect(calls).toHaveLength(1);
  });

  it("a truncated JSON body is bad-response", async () => {
    answerWith(() => jsonText(fixtureText("malformed.txt")));
    expect((await askError()).kind).toBe("bad-response");
  });

  it("an empty body is bad-response", async () => {
    answerWith(() => jsonText(""));
    expect((await askError()).kind).toBe("bad-response");
  });
});
