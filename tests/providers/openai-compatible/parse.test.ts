import { describe, expect, it } from "vitest";
import { ProviderError } from "../../../src/core/errors.ts";
import { parse } from "../../../src/providers/openai-compatible/parse.ts";
import { fixture, variant } from "../openai/fixtures.ts";

const dir = new URL("../../fixtures/providers/openai-compatible/", import.meta.url);
const load = (name: string) => fixture(name, dir);

interface ChatChoice {
  finish_reason: string;
  message: { content: string | null; refusal?: string | null; annotations?: unknown[] };
}
type ChatBody = Record<string, unknown> & { choices: ChatChoice[] };

function failureOf(raw: unknown): ProviderError {
  try {
    parse(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(ProviderError);
    return e as ProviderError;
  }
  throw new Error("parse accepted a failure body");
}

describe("openai-compatible parse: OpenRouter chat with openrouter:web_search", () => {
  const body = load("openrouter-chat-web-search.json") as ChatBody;
  const a = parse(body);

  it("reads the text exactly", () => {
    expect(a.text).toBe(body.choices[0]?.message.content);
    expect(a.text).toMatch(
      /^Here are the accounting programs most small businesses in Norway shortlist in 2026 🧾:/,
    );
  });

  it("keeps nested url_citations in order with titles, and no positions for 0/0", () => {
    expect(a.citations).toEqual([
      { url: "https://fiken.no/priser", title: "Priser – Fiken regnskapsprogram" },
      { url: "https://www.tripletex.no/priser/", title: "Priser | Tripletex" },
      { url: "https://conta.no/priser/", title: "Priser – Conta" },
      { url: "https://poweroffice.no/go/", title: "PowerOffice Go – regnskapsprogram i skyen" },
      { url: "https://fiken.no/priser", title: "Priser – Fiken regnskapsprogram" },
    ]);
    expect(a.retrieved).toEqual([]);
  });

  it("takes OpenRouter's cost and search count", () => {
    expect(a.reportedCostUsd).toBe(0.020879);
    expect(a.usage).toEqual({
      inputTokens: 6230,
      cachedInputTokens: 0,
      outputTokens: 512,
      reasoningTokens: 192,
      searches: 2,
    });
    expect(a.servedModel).toBe("openai/gpt-6-luna");
    expect(a.searchQueries).toEqual([]);
  });

  it("reads the search count from server_tool_use when that is the field sent", () => {
    const other = variant(body, (b) => {
      const usage = b.usage as Record<string, unknown>;
      delete usage.server_tool_use_details;
      usage.server_tool_use = { web_search_requests: 4, tool_calls_requested: 4 };
    });
    expect(parse(other).usage.searches).toBe(4);
  });
});

describe("openai-compatible parse: chat search model with positions", () => {
  const body = load("chat-search-positions.json") as ChatBody;
  const a = parse(body);

  it("maps code-point positions to UTF-16 spans (emoji before both citations)", () => {
    expect(a.citations.map((c) => a.text.slice(c.startIndex, c.endIndex))).toEqual([
      "([fiken.no](https://fiken.no/priser?utm_source=openai))",
      "([tripletex.no](https://www.tripletex.no/priser/?utm_source=openai))",
    ]);
    const raw = (body.choices[0]?.message.annotations ?? []) as { url_citation: { start_index: number } }[];
    expect(a.citations[0]?.startIndex).toBe((raw[0]?.url_citation.start_index ?? 0) + 1);
    expect(a.citations[1]?.startIndex).toBe((raw[1]?.url_citation.start_index ?? 0) + 2);
  });

  it("reports no cost and no searches when the endpoint says nothing", () => {
    expect(a.reportedCostUsd).toBeNull();
    expect(a.usage.searches).toBe(0);
    expect(a.servedModel).toBe("gpt-5-search-api-2025-10-14");
  });

  it("accepts flat annotations some gateways send", () => {
    const flat = variant(body, (b) => {
      const m = b.choices[0]?.message;
      if (m) m.annotations = [{ type: "url_citation", url: "https://conta.no/", title: "Conta" }];
    });
    expect(parse(flat).citations).toEqual([{ url: "https://conta.no/", title: "Conta" }]);
  });
});

describe("openai-compatible parse: plain chat (Ollama)", () => {
  it("answers without sources, cost or searches", () => {
    const a = parse(load("chat-plain-ollama.json"));
    expect(a.text).toMatch(/^For små bedrifter i Norge er Fiken, Conta og Tripletex/);
    expect(a.citations).toEqual([]);
    expect(a.usage).toEqual({
      inputTokens: 31,
      cachedInputTokens: 0,
      outputTokens: 74,
      reasoningTokens: 0,
      searches: 0,
    });
    expect(a.reportedCostUsd).toBeNull();
    expect(a.servedModel).toBe("qwen3:8b");
    expect(a.warnings).toEqual([]);
  });
});

describe("openai-compatible parse: xAI Responses with web_search", () => {
  const a = parse(load("xai-responses-web-search.json"));

  it("reuses the Responses parser: text, citations with UTF-16 spans, retrieved, queries", () => {
    expect(a.text).toMatch(/^For et lite norsk foretak er Fiken \[\[1\]\]/);
    expect(a.citations.map((c) => [c.url, c.title, a.text.slice(c.startIndex, c.endIndex)])).toEqual([
      ["https://fiken.no/priser", "1", "[[1]](https://fiken.no/priser)"],
      ["https://conta.no/priser/", "2", "[[2]](https://conta.no/priser/)"],
      ["https://www.tripletex.no/priser/", "3", "[[3]](https://www.tripletex.no/priser/)"],
    ]);
    expect(a.retrieved).toEqual([
      { url: "https://www.regnskapnorge.no/faget/artikler/2026/valg-av-regnskapssystem/" },
    ]);
    expect(a.searchQueries).toEqual([
      "regnskapsprogram små bedrifter Norge priser",
      "Tripletex lønn pris 2026",
    ]);
  });

  it("takes xAI's cost in ticks and its search count", () => {
    expect(a.reportedCostUsd).toBeCloseTo(0.011842, 12);
    expect(a.usage).toEqual({
      inputTokens: 11873,
      cachedInputTokens: 320,
      outputTokens: 244,
      reasoningTokens: 131,
      searches: 2,
    });
    expect(a.servedModel).toBe("grok-4.5");
  });

  it("reports its own provider id on Responses failures", () => {
    const e = failureOf(
      variant(load("xai-responses-web-search.json"), (b) => Object.assign(b, { status: "failed" })),
    );
    expect(e.kind).toBe("server");
    expect(e.provider).toBe("openai-compatible");
  });
});

describe("openai-compatible parse: failures", () => {
  const ok = load("openrouter-chat-web-search.json") as ChatBody;
  const withChoice = (edit: (c: ChatChoice) => void) =>
    variant(ok, (b) => {
      const c = b.choices[0];
      if (c) edit(c);
    });

  it("an OpenRouter error inside HTTP 200 is classified by its code", () => {
    expect(failureOf(load("openrouter-error-in-200.json")).kind).toBe("server");
    expect(failureOf({ error: { code: 429, message: "slow down" } }).kind).toBe("rate-limit");
    expect(failureOf({ error: { code: 402, message: "Insufficient credits" } }).kind).toBe("quota");
    expect(failureOf({ error: { code: "upstream_error", message: "?" } }).kind).toBe("server");
  });

  it("refusal, content filter, cut-off and empty answers", () => {
    expect(
      failureOf(withChoice((c) => Object.assign(c.message, { refusal: "I can't help with that." }))).kind,
    ).toBe("refused");
    expect(failureOf(withChoice((c) => Object.assign(c, { finish_reason: "content_filter" }))).kind).toBe(
      "refused",
    );
    expect(failureOf(withChoice((c) => Object.assign(c, { finish_reason: "length" }))).kind).toBe(
      "bad-response",
    );
    expect(failureOf(withChoice((c) => Object.assign(c.message, { content: null }))).kind).toBe(
      "bad-response",
    );
    expect(failureOf(variant(ok, (b) => Object.assign(b, { choices: [] }))).kind).toBe("bad-response");
  });

  it("junk is bad-response", () => {
    for (const junk of [null, 42, "text", [], {}, { unexpected: true }, { choices: "x" }, { output: {} }]) {
      expect(failureOf(junk).kind).toBe("bad-response");
    }
  });
});
