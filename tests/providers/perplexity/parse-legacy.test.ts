import { describe, expect, it } from "vitest";
import { ProviderError } from "../../../src/core/errors.ts";
import { parse } from "../../../src/providers/perplexity/parse.ts";
import { fixture, legacyText } from "./fixtures.ts";

function parseError(raw: unknown): ProviderError {
  try {
    parse(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(ProviderError);
    return e as ProviderError;
  }
  throw new Error("parse did not throw");
}

/** A legacy fixture with its first choice's message replaced. */
function withMessage(name: string, message: Record<string, unknown>, finishReason = "stop") {
  const body = fixture(name);
  body.choices = [{ index: 0, finish_reason: finishReason, message: { role: "assistant", ...message } }];
  return body;
}

describe("legacy chat body with citations only", () => {
  const body = fixture("legacy-citations-only.json");
  const text = legacyText(body);
  const answer = parse(body);

  it("keeps the text and cites the 1-based citations entries markers name, in order of first marker", () => {
    expect(answer.text).toBe(text);
    expect(answer.citations).toStrictEqual([
      { url: "https://fiken.no/", startIndex: 105, endIndex: 108 },
      { url: "https://www.tripletex.no/", startIndex: 108, endIndex: 111 },
      { url: "https://www.visma.no/eaccounting/", startIndex: 248, endIndex: 251 },
    ]);
    for (const [c, n] of answer.citations.map((c, i) => [c, [1, 2, 4][i]] as const)) {
      expect(text.slice(c.startIndex, c.endIndex)).toBe(`[${n}]`);
    }
  });

  it("keeps entries no marker names as retrieved", () => {
    expect(answer.retrieved).toStrictEqual([
      { url: "https://www.kode24.no/artikkel/vi-testet-fem-regnskapsprogrammer/82044113" },
      { url: "https://poweroffice.com/no/" },
    ]);
  });

  it("reads model, tokens, one search per answered request and usage.cost.total_cost", () => {
    expect(answer.servedModel).toBe("sonar");
    expect(answer.usage).toEqual({
      inputTokens: 14,
      cachedInputTokens: 0,
      outputTokens: 148,
      reasoningTokens: 0,
      searches: 1,
    });
    expect(answer.reportedCostUsd).toBe(0.005162);
    expect(answer.searchQueries).toEqual([]);
    expect(answer.warnings).toEqual([]);
  });
});

describe("legacy chat body with search_results only (gateway)", () => {
  const answer = parse(fixture("legacy-search-results-only.json"));

  it("indexes markers into search_results and keeps their titles", () => {
    expect(answer.citations).toStrictEqual([
      {
        url: "https://developer.poweroffice.net/",
        title: "PowerOffice Go API",
        startIndex: 108,
        endIndex: 111,
      },
      { url: "https://tripletex.no/v2-docs/", title: "Tripletex API 2.0", startIndex: 111, endIndex: 114 },
      { url: "https://api.fiken.no/api/v2/docs/", title: "Fiken API", startIndex: 152, endIndex: 155 },
    ]);
    expect(answer.retrieved).toStrictEqual([
      { url: "https://developer.vismaonline.com/", title: "Visma eAccounting API" },
    ]);
  });

  it("has no reported cost when usage carries none", () => {
    expect(answer.servedModel).toBe("perplexity/sonar");
    expect(answer.reportedCostUsd).toBeNull();
    expect(answer.usage.searches).toBe(1);
  });
});

describe("legacy variants", () => {
  it("takes titles from search_results for citations URLs when both are present", () => {
    const body = fixture("legacy-citations-only.json");
    body.search_results = [{ title: "Tripletex – regnskap", url: "https://www.tripletex.no/", date: null }];
    const answer = parse(body);
    expect(answer.citations[1]).toStrictEqual({
      url: "https://www.tripletex.no/",
      title: "Tripletex – regnskap",
      startIndex: 108,
      endIndex: 111,
    });
  });

  it("with neither citations nor search_results: no sources, no searches, markers become warnings", () => {
    const body = fixture("legacy-search-results-only.json");
    delete body.search_results;
    const answer = parse(body);
    expect(answer.citations).toEqual([]);
    expect(answer.retrieved).toEqual([]);
    expect(answer.usage.searches).toBe(0);
    expect(answer.warnings).toHaveLength(3);
  });

  it("without markers cites every citations entry", () => {
    const answer = parse(withMessage("legacy-citations-only.json", { content: "Fiken er et godt valg." }));
    expect(answer.citations.map((c) => c.url)).toHaveLength(5);
    expect(answer.citations.every((c) => c.startIndex === undefined)).toBe(true);
    expect(answer.retrieved).toEqual([]);
  });

  it("reads OpenRouter's numeric usage.cost and num_search_queries", () => {
    const body = fixture("legacy-search-results-only.json");
    body.usage = { prompt_tokens: 11, completion_tokens: 41, cost: 0.005052, num_search_queries: 2 };
    const answer = parse(body);
    expect(answer.reportedCostUsd).toBe(0.005052);
    expect(answer.usage.searches).toBe(2);
  });

  it("a cut-off answer is bad-response, a filtered or refused one is refused, an empty one bad-response", () => {
    expect(
      parseError(withMessage("legacy-citations-only.json", { content: "Fiken er" }, "length")).kind,
    ).toBe("bad-response");
    expect(
      parseError(withMessage("legacy-citations-only.json", { content: "" }, "content_filter")).kind,
    ).toBe("refused");
    expect(
      parseError(withMessage("legacy-citations-only.json", { content: null, refusal: "I can't help." })).kind,
    ).toBe("refused");
    expect(parseError(withMessage("legacy-citations-only.json", { content: " " })).kind).toBe("bad-response");
  });

  it("a chat body with empty or malformed choices is bad-response", () => {
    expect(parseError({ choices: [] }).kind).toBe("bad-response");
    expect(parseError({ choices: [{ text: "completion-style" }] }).kind).toBe("bad-response");
    expect(
      parseError({ ...fixture("legacy-citations-only.json"), citations: "https://fiken.no/" }).kind,
    ).toBe("bad-response");
  });
});
