import { describe, expect, it } from "vitest";
import { ProviderError } from "../../../src/core/errors.ts";
import { parse } from "../../../src/providers/perplexity/parse.ts";
import { agentText, fixture, withAgentText } from "./fixtures.ts";

function parseError(raw: unknown): ProviderError {
  try {
    parse(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(ProviderError);
    return e as ProviderError;
  }
  throw new Error("parse did not throw");
}

describe("Agent API body: result ids out of array order, some never cited", () => {
  const body = fixture("agent-sonar-nb.json");
  const text = agentText(body);
  const answer = parse(body);

  it("keeps the answer text as returned, markers included", () => {
    expect(answer.text).toBe(text);
    expect(answer.text).toContain("regnskapsprogrammene.[3][1]");
  });

  it("cites the results whose id a marker names, in order of first marker, with that marker's UTF-16 span", () => {
    expect(answer.citations).toStrictEqual([
      { url: "https://fiken.no/priser", title: "Priser – Fiken", startIndex: 92, endIndex: 95 },
      {
        url: "https://www.tripletex.no/regnskapsprogram/",
        title: "Regnskapsprogram for små og store bedrifter | Tripletex",
        startIndex: 95,
        endIndex: 98,
      },
      {
        url: "https://www.dinside.no/okonomi/slik-velger-du-regnskapsprogram/81234567",
        title: "Slik velger du regnskapsprogram for enkeltpersonforetak",
        startIndex: 276,
        endIndex: 279,
      },
    ]);
    // id 3 is the first array entry, id 1 the second, id 7 the third: markers name ids, not positions.
    for (const [c, id] of answer.citations.map((c, i) => [c, [3, 1, 7][i]] as const)) {
      expect(text.slice(c.startIndex, c.endIndex)).toBe(`[${id}]`);
      expect(c.startIndex).toBe(text.indexOf(`[${id}]`));
    }
    // "små" before the first marker: a byte offset would be 93, the UTF-16 index is 92.
    expect(new TextEncoder().encode(text.slice(0, 92)).length).toBe(93);
  });

  it("keeps results no marker names as retrieved, in body order, without spans", () => {
    expect(answer.retrieved).toStrictEqual([
      { url: "https://www.visma.no/eaccounting/", title: "Visma eAccounting – regnskapsprogram på nett" },
      { url: "https://poweroffice.com/no/go", title: "PowerOffice Go – skybasert regnskap" },
    ]);
  });

  it("reads queries, served model, usage, searches and the reported USD cost", () => {
    expect(answer.searchQueries).toEqual([
      "beste regnskapsprogram små bedrifter Norge",
      "Fiken Tripletex Conta pris 2026",
    ]);
    expect(answer.servedModel).toBe("perplexity/sonar");
    expect(answer.usage).toEqual({
      inputTokens: 1843,
      cachedInputTokens: 0,
      outputTokens: 212,
      reasoningTokens: 0,
      searches: 1,
    });
    expect(answer.reportedCostUsd).toBe(0.003491);
    expect(answer.warnings).toEqual([]);
  });
});

describe("Agent API body without markers", () => {
  const answer = parse(fixture("agent-sonar-no-markers.json"));

  it("cites every result, without spans, and retrieves none", () => {
    expect(answer.citations).toStrictEqual([
      { url: "https://conta.no/priser/", title: "Priser | Conta" },
      { url: "https://conta.no/enkeltpersonforetak/", title: "Regnskap for enkeltpersonforetak – Conta" },
      {
        url: "https://www.reddit.com/r/norge/comments/1k2x9zq/regnskapsprogram_for_enk/",
        title: "Regnskapsprogram for ENK? : r/norge",
      },
    ]);
    expect(answer.retrieved).toEqual([]);
    expect(answer.text).toMatch(/^Yes\. Conta offers a free plan/);
    expect(answer.reportedCostUsd).toBe(0.002968);
  });
});

describe("preset body answered by another vendor's model", () => {
  const body = fixture("agent-preset-fast-luna.json");
  const text = agentText(body);
  const answer = parse(body);

  it("stores the model that answered", () => {
    expect(answer.servedModel).toBe("openai/gpt-6-luna");
  });

  it("spans a source cited twice at its first marker only", () => {
    expect(answer.citations.map((c) => [c.url, c.startIndex, c.endIndex])).toEqual([
      ["https://poweroffice.com/no/go/bankintegrasjon", 180, 183],
      ["https://www.tripletex.no/funksjoner/bank/", 281, 284],
      ["https://hjelp.tripletex.no/hc/no/articles/4409445201553-Bankavstemming", 284, 287],
    ]);
    expect(text.indexOf("[4]", 181)).toBe(366);
    expect(answer.retrieved.map((r) => r.url)).toEqual([
      "https://fiken.no/",
      "https://www.visma.no/eaccounting/bankintegrasjon/",
      "https://www.finansportalen.no/bank/regnskapsprogram/",
    ]);
  });

  it("reads cached and reasoning tokens, two billed searches and the reported cost", () => {
    expect(answer.usage).toEqual({
      inputTokens: 3542,
      cachedInputTokens: 1915,
      outputTokens: 121,
      reasoningTokens: 14,
      searches: 2,
    });
    expect(answer.searchQueries).toHaveLength(2);
    expect(answer.reportedCostUsd).toBe(0.002273);
  });
});

describe("failures inside HTTP 200 bodies", () => {
  it("status failed is a server failure carrying Perplexity's code", () => {
    const e = parseError(fixture("agent-failed.json"));
    expect(e.kind).toBe("server");
    expect(e.code).toBe("server_error");
    expect(e.message).toContain("response failed: The model failed to generate a response");
  });

  it("status cancelled is a server failure (we never cancel, so Perplexity did)", () => {
    const e = parseError(fixture("agent-cancelled.json"));
    expect(e.kind).toBe("server");
    expect(e.message).toContain("cancelled");
  });

  it("a failed body without output still reports the failure, not a shape error", () => {
    const { output: _dropped, ...rest } = fixture("agent-failed.json");
    expect(parseError(rest).kind).toBe("server");
  });

  it("status incomplete is bad-response with the reason", () => {
    const body = fixture("agent-sonar-nb.json");
    body.status = "incomplete";
    body.incomplete_details = { reason: "max_output_tokens" };
    const e = parseError(body);
    expect(e.kind).toBe("bad-response");
    expect(e.message).toContain("max_output_tokens");
  });

  it("a refusal part instead of text is refused", () => {
    const body = fixture("agent-sonar-nb.json");
    body.output = [
      { type: "message", content: [{ type: "refusal", refusal: "I can't help with that request." }] },
    ];
    const e = parseError(body);
    expect(e.kind).toBe("refused");
    expect(e.message).toContain("I can't help with that request.");
  });

  it("a completed body without a message, or with an empty one, is bad-response", () => {
    const noMessage = fixture("agent-sonar-nb.json");
    noMessage.output = (noMessage.output as { type: string }[]).filter((i) => i.type !== "message");
    expect(parseError(noMessage).kind).toBe("bad-response");
    expect(parseError(withAgentText(fixture("agent-sonar-nb.json"), "  \n")).kind).toBe("bad-response");
  });

  it("junk and bodies of neither shape are bad-response", () => {
    for (const junk of [null, 42, "text", [], {}, { unexpected: true }, { output: "nope" }]) {
      expect(parseError(junk).kind).toBe("bad-response");
    }
    const badResults = fixture("agent-sonar-nb.json");
    (badResults.output as Record<string, unknown>[])[0] = { type: "search_results", results: "none" };
    expect(parseError(badResults).kind).toBe("bad-response");
  });
});

describe("tolerance", () => {
  it("warns about a marker that names no result and does not invent a citation", () => {
    const answer = parse(
      withAgentText(fixture("agent-sonar-nb.json"), "Fiken er billigst.[3] Tripletex.[9]"),
    );
    expect(answer.citations.map((c) => c.url)).toEqual(["https://fiken.no/priser"]);
    expect(answer.retrieved).toHaveLength(4);
    expect(answer.warnings).toEqual(["marker [9] names no search result"]);
  });

  it("reads a year in brackets as text, not as a marker", () => {
    const text = "Priser for [2026]: se Fiken.[1]";
    const answer = parse(withAgentText(fixture("agent-sonar-nb.json"), text));
    expect(answer.citations.map((c) => c.startIndex)).toEqual([text.indexOf("[1]")]);
    expect(answer.warnings).toEqual([]);
  });

  it("drops a result whose URL does not parse, with a warning", () => {
    const body = fixture("agent-sonar-no-markers.json");
    const results = (body.output as { results?: { url: string }[] }[])[0]?.results;
    if (!results?.[1]) throw new Error("fixture changed");
    results[1].url = "not a url";
    const answer = parse(body);
    expect(answer.citations).toHaveLength(2);
    expect(answer.warnings).toEqual(["source 2 dropped: not a URL (not a url)"]);
  });

  it("counts search_results items when usage has no search_web invocation, and says so", () => {
    const body = fixture("agent-sonar-nb.json");
    body.usage = { input_tokens: 10, output_tokens: 5 };
    const answer = parse(body);
    expect(answer.usage.searches).toBe(1);
    expect(answer.reportedCostUsd).toBeNull();
    expect(answer.warnings).toEqual([
      "usage has no search_web invocation count; counted search_results items instead",
    ]);
  });

  it("ignores a reported cost in another currency", () => {
    const body = fixture("agent-sonar-nb.json");
    (body.usage as { cost: Record<string, unknown> }).cost = { total_cost: 0.04, currency: "EUR" };
    const answer = parse(body);
    expect(answer.reportedCostUsd).toBeNull();
    expect(answer.warnings).toEqual(["reported cost is in EUR, not USD; ignored"]);
  });

  it("joins several messages with a blank line and skips output items it does not know", () => {
    const body = fixture("agent-sonar-no-markers.json");
    const output = body.output as unknown[];
    output.unshift({ type: "reasoning", summary: [] });
    output.push({ type: "message", content: [{ type: "output_text", text: "Se også Fiken." }] });
    const answer = parse(body);
    expect(answer.text.endsWith("bank integration.\n\nSe også Fiken.")).toBe(true);
  });
});
