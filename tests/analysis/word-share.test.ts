import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Mention } from "../../src/analysis/types.ts";
import { sentenceRanges, wordCount, wordShares } from "../../src/analysis/word-share.ts";

/** A mention with evidence at the given offsets (only brand and offsets matter here). */
const mention = (brand: string, text: string, ...words: string[]): Mention => {
  const offsets = words.map((w, i) => {
    let at = -1;
    for (let k = 0; k <= i; k++) at = text.indexOf(w, at + 1);
    return at;
  });
  return {
    brand,
    count: offsets.length,
    firstOffset: offsets[0] ?? 0,
    rank: 1,
    listPosition: null,
    positionWeight: 1,
    evidence: offsets.map((offset) => ({ offset, length: brand.length, sentence: "" })),
  };
};

describe("word share (PAWC, spec §6)", () => {
  it("splits sentences at punctuation and line breaks, counts words longer than 2 characters", () => {
    const text = "Fiken er enkel. Tripletex er stor!\n- Conta";
    expect(sentenceRanges(text).map((r) => text.slice(r.start, r.end).trim())).toEqual([
      "Fiken er enkel.",
      "Tripletex er stor!",
      "- Conta",
    ]);
    expect(wordCount("Fiken er enkel.")).toBe(2);
    expect(wordCount("Se [prisene](https://fiken.no/priser?utm=abc) her")).toBe(2);
  });

  it("matches a hand computation: position decay and shared sentences", () => {
    // Sentences: s0 "Fiken er veldig enkel." (3 words > 2 chars: Fiken, veldig, enkel)
    //            s1 "Fiken og Tripletex passer." (Fiken, Tripletex, passer = 3; C = 2)
    //            s2 "Tripletex koster mer." (Tripletex, koster, mer = 3)
    // N = 3: weights exp(0) = 1, exp(-1/2), exp(-1).
    const text = "Fiken er veldig enkel. Fiken og Tripletex passer. Tripletex koster mer.";
    const mentions = [
      mention("Fiken", text, "Fiken", "Fiken"),
      mention("Tripletex", text, "Tripletex", "Tripletex"),
    ];
    const w1 = Math.exp(-0.5);
    const w2 = Math.exp(-1);
    const fiken = 3 * 1 + (3 * w1) / 2;
    const tripletex = (3 * w1) / 2 + 3 * w2;
    const shares = wordShares(text, mentions);
    expect(shares.Fiken).toBeCloseTo(fiken / (fiken + tripletex), 12);
    expect(shares.Tripletex).toBeCloseTo(tripletex / (fiken + tripletex), 12);
  });

  it("a single-sentence answer weighs its sentence fully; no mentions gives no shares", () => {
    const text = "Fiken is simple.";
    expect(wordShares(text, [mention("Fiken", text, "Fiken")])).toEqual({ Fiken: 1 });
    expect(wordShares("Nothing here.", [])).toEqual({});
  });

  it("shares of mentioned brands sum to 1", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("Fiken", "Tripletex", "Conta", "er", "godt", "billig.", "\n", "bra!"), {
          minLength: 1,
          maxLength: 60,
        }),
        (picked) => {
          const words: string[] = picked;
          const text = words.join(" ");
          const mentions = ["Fiken", "Tripletex", "Conta"]
            .filter((b) => words.includes(b))
            .map((b) => mention(b, text, ...words.filter((w) => w === b)));
          const shares = Object.values(wordShares(text, mentions));
          if (mentions.length > 0 && shares.some((s) => s > 0))
            expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
        },
      ),
    );
  });
});
