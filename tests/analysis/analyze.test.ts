import { describe, expect, it } from "vitest";
import { analyzeAnswer, analyzeAnswerWithBrands } from "../../src/analysis/analyze.ts";
import { compileBrands } from "../../src/analysis/matcher.ts";
import type { TrackedBrand } from "../../src/core/brands.ts";

/** The whole analysis of one answer (spec §2–4) and the output shape of `sightline analyze --json`. */

const brands: TrackedBrand[] = [
  { name: "Fiken", role: "own", aliases: [{ text: "Fiken", caseSensitive: false }], domains: ["fiken.no"] },
  {
    name: "Tripletex",
    role: "competitor",
    aliases: [{ text: "Tripletex", caseSensitive: false }],
    domains: ["tripletex.no"],
  },
  {
    name: "Conta",
    role: "competitor",
    aliases: [{ text: "Conta", caseSensitive: false }],
    domains: ["conta.no"],
  },
];
const compiled = compileBrands(brands);

const ANSWER = [
  "De beste: 1. valg er enkelt.",
  "",
  "1. **Fiken** – enkelt og billig ([fiken.no](https://fiken.no/?utm_source=openai)).",
  "2. **Tripletex** – komplett, se priser [her](https://tripletex.no/priser).",
  "",
  "Fiken passer for ENK. Les mer på https://www.regnskapsforum.no/trad/123.",
].join("\n");

describe("analyzeAnswer", () => {
  it("produces mentions, ranking and citations in the documented shape", () => {
    const result = analyzeAnswer({ text: ANSWER, citations: [] }, compiled);
    const fiken = ANSWER.indexOf("Fiken");
    const fiken2 = ANSWER.indexOf("Fiken passer");
    const tripletex = ANSWER.indexOf("Tripletex");
    expect(result).toEqual({
      mentions: [
        {
          brand: "Fiken",
          count: 2,
          firstOffset: fiken,
          rank: 1,
          listPosition: 1,
          positionWeight: 1,
          evidence: [
            { offset: fiken, length: 5, sentence: "Fiken – enkelt og billig ." },
            { offset: fiken2, length: 5, sentence: "Fiken passer for ENK." },
          ],
        },
        {
          brand: "Tripletex",
          count: 1,
          firstOffset: tripletex,
          rank: 2,
          listPosition: 2,
          positionWeight: 0.9,
          evidence: [{ offset: tripletex, length: 9, sentence: "Tripletex – komplett, se priser her." }],
        },
      ],
      ranking: ["Fiken", "Tripletex"],
      citations: [
        {
          url: "https://fiken.no",
          domain: "fiken.no",
          owner: "Fiken",
          category: "owned",
          source: "link",
          title: "fiken.no",
        },
        {
          url: "https://tripletex.no/priser",
          domain: "tripletex.no",
          owner: "Tripletex",
          category: "competitor",
          source: "link",
          title: "her",
        },
        {
          url: "https://regnskapsforum.no/trad/123",
          domain: "regnskapsforum.no",
          owner: null,
          category: "other",
          source: "bare",
        },
      ],
      retrieved: [],
    });
  });

  it("serialises to JSON and back unchanged", () => {
    const result = analyzeAnswer({ text: ANSWER, citations: [] }, compiled);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it("puts engine citations first and de-duplicates the answer's links against them", () => {
    const result = analyzeAnswer(
      {
        text: ANSWER,
        citations: [{ url: "https://tripletex.no/priser/", title: "Priser" }],
        retrieved: [{ url: "https://conta.no/" }, { url: "https://tripletex.no/priser" }],
      },
      compiled,
    );
    expect(result.citations.map((c) => [c.url, c.source])).toEqual([
      ["https://tripletex.no/priser", "native"],
      ["https://fiken.no", "link"],
      ["https://regnskapsforum.no/trad/123", "bare"],
    ]);
    expect(result.retrieved.map((c) => [c.url, c.owner])).toEqual([["https://conta.no", "Conta"]]);
  });

  it("passes category overrides to the citation builder", () => {
    const result = analyzeAnswer({ text: ANSWER, citations: [] }, compiled, {
      categories: { "regnskapsforum.no": "ugc" },
    });
    expect(result.citations.at(-1)?.category).toBe("ugc");
  });

  it("gives no mentions and no ranking for an answer without tracked brands", () => {
    expect(analyzeAnswer({ text: "Jeg kan ikke hjelpe med det.", citations: [] }, compiled)).toEqual({
      mentions: [],
      ranking: [],
      citations: [],
      retrieved: [],
    });
  });

  it("is deterministic and independent of which compiled copy of the brand set is used", () => {
    const a = analyzeAnswer({ text: ANSWER, citations: [] }, compiled);
    const b = analyzeAnswer({ text: ANSWER, citations: [] }, compileBrands(structuredClone(brands)));
    expect(b).toEqual(a);
    expect(analyzeAnswerWithBrands({ text: ANSWER, citations: [] }, brands)).toEqual(a);
  });

  it("survives empty, whitespace-only and malformed markdown", () => {
    const odd = [
      "",
      "   \n\n  ",
      "[",
      "](",
      "**",
      "```",
      "| a |\n|",
      "<div",
      "&#0;",
      "\u0000Fiken",
      "\ud800Fiken",
    ];
    for (const text of odd) {
      expect(() => analyzeAnswer({ text, citations: [] }, compiled), JSON.stringify(text)).not.toThrow();
    }
    expect(analyzeAnswer({ text: "\u0000Fiken", citations: [] }, compiled).ranking).toEqual(["Fiken"]);
  });

  it("stays fast on long runs of unclosed brackets, backticks and emphasis", () => {
    const text = `${"[".repeat(20_000)} ${"`a ".repeat(10_000)} ${"*".repeat(10_000)}_x ${"[a](".repeat(5_000)} Fiken`;
    const started = performance.now();
    expect(analyzeAnswer({ text, citations: [] }, compiled).ranking).toEqual(["Fiken"]);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("handles deeply nested markup without failing", () => {
    const text = `${"> ".repeat(40)}Fiken\n\n${"- ".repeat(40)}Conta\n\n${"[".repeat(500)}Tripletex`;
    expect(analyzeAnswer({ text, citations: [] }, compiled).ranking).toEqual(["Fiken", "Conta", "Tripletex"]);
  });
});
