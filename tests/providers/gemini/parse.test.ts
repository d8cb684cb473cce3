import { describe, expect, it } from "vitest";
import { ProviderError } from "../../../src/core/errors.ts";
import { parse } from "../../../src/providers/gemini/parse.ts";
import { fixture } from "./helpers.ts";

/** Parsing stored Gemini bodies: text, cited vs retrieved sources, offsets, usage, failures. */

function kindOf(raw: unknown): string | undefined {
  try {
    parse(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(ProviderError);
    return (e as ProviderError).kind;
  }
  return undefined;
}

const part1 =
  "Her er regnskapsprogrammene som oftest anbefales for små bedrifter i Norge 🇳🇴:\n\n1. **Fiken** – enkelt og rimelig, laget for enkeltpersonforetak og små aksjeselskap. Fiken har bankintegrasjon og automatisk MVA-melding.\n2. **Tripletex** – mer omfattende, med lønn, timeføring og prosjektstyring; passer når bedriften vokser.\n";
const part2 =
  "3. **Conta** – gratis grunnpakke for små foretak, med betalte tillegg for lønn og fakturering.\n4. **PowerOffice Go** – skybasert og sterk på automatisering og integrasjoner mot bank og nettbutikk.\n\nFor et lite enkeltpersonforetak holder ofte Fiken eller Conta 👍 Velger du Tripletex, får du flere moduler, men betaler også mer. Prisene endres jevnlig, så sjekk leverandørenes sider før du bestemmer deg.";

describe("gemini parse: grounded Norwegian answer over two parts", () => {
  const answer = parse(fixture("grounded-nb-two-parts.json"));

  it("joins the answer parts as sent and leaves the thought part out", () => {
    expect(answer.text).toBe(part1 + part2);
    expect(answer.text).not.toContain("Sammenligner regnskapsprogram");
  });

  it("converts UTF-8 byte offsets (after 🇳🇴, æøå and 👍, in the second part) to UTF-16 indices", () => {
    const fiken = { url: "https://fiken.no", title: "fiken.no" };
    const tripletex = { url: "https://tripletex.no", title: "tripletex.no" };
    const search = {
      url: "https://www.google.com/search?q=regnskapsprogram+for+små%20bedrifter,%20Norge",
      title: "Regnskapsprogram for små bedrifter i Norge",
    };
    expect(answer.citations).toEqual([
      { ...fiken, startIndex: 82, endIndex: 166 },
      { ...fiken, startIndex: 167, endIndex: 219 },
      { ...tripletex, startIndex: 220, endIndex: 324 },
      { ...search, startIndex: 220, endIndex: 324 },
      { url: "https://conta.no", title: "conta.no", startIndex: 325, endIndex: 419 },
      { url: "https://poweroffice.no", title: "poweroffice.no", startIndex: 420, endIndex: 521 },
      { ...tripletex, startIndex: 588, endIndex: 652 },
    ]);
    const spans = answer.citations.map((c) => answer.text.slice(c.startIndex, c.endIndex));
    expect(spans[0]).toBe(
      "1. **Fiken** – enkelt og rimelig, laget for enkeltpersonforetak og små aksjeselskap.",
    );
    expect(spans[4]).toBe(
      "3. **Conta** – gratis grunnpakke for små foretak, med betalte tillegg for lønn og fakturering.",
    );
    expect(spans[6]).toBe("Velger du Tripletex, får du flere moduler, men betaler også mer.");
  });

  it("keeps the chunk no support names as retrieved only", () => {
    expect(answer.retrieved).toEqual([
      { url: "https://regnskapsprogram.net", title: "regnskapsprogram.net" },
    ]);
  });

  it("gives every source a URL that new URL accepts, with no expiring redirect left", () => {
    for (const s of [...answer.citations, ...answer.retrieved]) {
      expect(URL.canParse(s.url)).toBe(true);
      expect(s.url).not.toContain("vertexaisearch");
      expect(s.url).not.toMatch(/\s/);
    }
  });

  it("reads queries, served model and usage (tool results as input, thinking as output)", () => {
    expect(answer.searchQueries).toEqual([
      "beste regnskapsprogram små bedrifter Norge 2026",
      "Fiken Tripletex Conta PowerOffice Go pris sammenligning",
    ]);
    expect(answer.servedModel).toBe("gemini-3.5-flash-lite");
    expect(answer.usage).toEqual({
      inputTokens: 14 + 389,
      cachedInputTokens: 0,
      outputTokens: 231 + 313,
      reasoningTokens: 313,
      searches: 2,
    });
    expect(answer.reportedCostUsd).toBeNull();
    expect(answer.warnings).toEqual([]);
  });
});

describe("gemini parse: English answer from gemini-2.5-flash", () => {
  const answer = parse(fixture("grounded-en-gemini-2-5.json"));

  it("reads supports with partIndex and startIndex omitted, and offsets after ø", () => {
    const spans = answer.citations.map((c) => [c.startIndex, c.endIndex]);
    expect(spans).toEqual([
      [0, 119],
      [0, 119],
      [267, 304],
      [308, 468],
      [308, 468],
      [556, 623],
    ]);
    expect(answer.text.slice(556, 623)).toBe(
      "if you work with an accountant, PowerOffice Go is usually preferred",
    );
  });

  it("keeps the redirect URL, with a warning, when the chunk title is not a domain", () => {
    const guide = answer.citations.filter((c) => c.title === "Regnskapsførerens guide til skyregnskap");
    expect(guide).toHaveLength(2);
    expect(guide[0]?.url).toMatch(/^https:\/\/vertexaisearch\.cloud\.google\.com\/grounding-api-redirect\//);
    expect(answer.warnings).toEqual([
      "grounding chunk 2 is a Google redirect whose title is not a domain; kept the expiring redirect URL",
    ]);
    expect(answer.retrieved).toEqual([]);
  });

  it("bills one search per grounded prompt on Gemini 2.x, while listing all three queries", () => {
    expect(answer.searchQueries).toHaveLength(3);
    expect(answer.usage.searches).toBe(1);
    expect(answer.servedModel).toBe("gemini-2.5-flash");
  });

  it("counts cached tokens when the body reports them", () => {
    const body = fixture("grounded-en-gemini-2-5.json");
    (body.usageMetadata as Record<string, unknown>).cachedContentTokenCount = 12;
    expect(parse(body).usage.cachedInputTokens).toBe(12);
  });
});

describe("gemini parse: answers without sources", () => {
  it("groundingMetadata {} is an answer with no sources and no searches", () => {
    const answer = parse(fixture("grounding-empty-object.json"));
    expect(answer.text).toMatch(/^Fiken og Conta er gode valg/);
    expect(answer.citations).toEqual([]);
    expect(answer.retrieved).toEqual([]);
    expect(answer.searchQueries).toEqual([]);
    expect(answer.usage.searches).toBe(0);
    expect(answer.warnings).toEqual([]);
  });

  it("missing groundingMetadata is an answer too, with a warning when tool tokens show a search ran", () => {
    const answer = parse(fixture("grounding-missing.json"));
    expect(answer.text).toContain("Fiken, Tripletex, Conta og PowerOffice Go");
    expect(answer.citations).toEqual([]);
    expect(answer.usage).toEqual({
      inputTokens: 17 + 308,
      cachedInputTokens: 0,
      outputTokens: 37 + 333,
      reasoningTokens: 333,
      searches: 0,
    });
    expect(answer.warnings).toEqual([
      "the model used 308 tool-result tokens but the body names no search queries; searches may be undercounted",
    ]);
  });

  it("cites every chunk (without spans) when there are chunks but no supports", () => {
    const body = fixture("grounded-nb-two-parts.json");
    const candidate = (body.candidates as Record<string, Record<string, unknown>>[])[0]!;
    delete (candidate.groundingMetadata as Record<string, unknown>).groundingSupports;
    const answer = parse(body);
    expect(answer.citations).toHaveLength(6);
    expect(answer.citations.every((c) => c.startIndex === undefined)).toBe(true);
    expect(answer.retrieved).toEqual([]);
  });
});

describe("gemini parse: continued answers ({ responses: [...] })", () => {
  const answer = parse({
    responses: [fixture("continuation-hop-1.json"), fixture("continuation-hop-2.json")],
  });

  it("joins the hops' text and shifts the second hop's part and chunk indices", () => {
    expect(answer.text).toBe(
      "Kort oppsummert for små bedrifter i Norge:\n\n1. **Fiken** – rimelig og enkelt, særlig for enkeltpersonforetak. 2. **Conta** – gratis grunnpakke; betalte tillegg for lønn.\n3. **Tripletex** – best når du trenger lønn, prosjekter og timeføring.",
    );
    expect(answer.citations.map((c) => [c.url, answer.text.slice(c.startIndex, c.endIndex)])).toEqual([
      ["https://fiken.no", "1. **Fiken** – rimelig og enkelt, særlig for enkeltpersonforetak."],
      ["https://conta.no", "2. **Conta** – gratis grunnpakke; betalte tillegg for lønn."],
      ["https://tripletex.no", "3. **Tripletex** – best når du trenger lønn, prosjekter og timeføring."],
    ]);
  });

  it("sums usage and searches over hops (each request is billed)", () => {
    expect(answer.usage).toEqual({
      inputTokens: 12 + 160 + 12 + 121,
      cachedInputTokens: 0,
      outputTokens: 31 + 57 + 35 + 43,
      reasoningTokens: 57 + 43,
      searches: 2,
    });
    expect(answer.searchQueries).toEqual([
      "regnskapsprogram små bedrifter Norge",
      "Tripletex lønn prosjekt pris",
    ]);
  });

  it("an answer that stops at CONTINUATION is incomplete: bad-response", () => {
    expect(kindOf(fixture("continuation-hop-1.json"))).toBe("bad-response");
  });
});

describe("gemini parse: bodies with no usable answer", () => {
  it("finishReason SAFETY is refused", () => {
    expect(kindOf(fixture("finish-safety.json"))).toBe("refused");
  });

  it("promptFeedback.blockReason is refused", () => {
    expect(kindOf(fixture("prompt-blocked.json"))).toBe("refused");
  });

  it("MAX_TOKENS is a truncated answer: bad-response", () => {
    expect(kindOf(fixture("finish-max-tokens.json"))).toBe("bad-response");
  });

  it.each([
    ["RECITATION", "refused"],
    ["PROHIBITED_CONTENT", "refused"],
    ["LANGUAGE", "refused"],
    ["SPII", "refused"],
    ["PUP_LIMITED_DISABLED", "auth"],
    ["MALFORMED_FUNCTION_CALL", "bad-response"],
    ["TOO_MANY_TOOL_CALLS", "bad-response"],
    ["OTHER", "bad-response"],
    ["SOMETHING_NEW", "bad-response"],
  ])("finishReason %s is %s", (reason, kind) => {
    const body = fixture("grounded-nb-two-parts.json");
    (body.candidates as Record<string, unknown>[])[0]!.finishReason = reason;
    expect(kindOf(body)).toBe(kind);
  });

  it("an answer with only a thought part has no text: bad-response", () => {
    const body = fixture("grounding-empty-object.json");
    const candidate = (body.candidates as Record<string, Record<string, unknown>>[])[0]!;
    candidate.content = { parts: [{ text: "Tenker på Fiken ...", thought: true }], role: "model" };
    expect(kindOf(body)).toBe("bad-response");
  });

  it.each([
    ["null", null],
    ["an array", []],
    ["an error body", fixture("error-503-unavailable.json")],
    ["no candidates", { modelVersion: "gemini-3.5-flash-lite" }],
    ["empty candidates", { candidates: [] }],
    ["a chain with junk", { responses: [fixture("continuation-hop-1.json"), 42] }],
    ["an empty chain", { responses: [] }],
  ])("%s is bad-response", (_name, raw) => {
    expect(kindOf(raw)).toBe("bad-response");
  });
});
