import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitSentences } from "../../src/analysis/sentences.ts";

/** The sentence splitter against the RegExp-per-character form it was written in first. */

function reference(text: string, from: number, to: number): number[] {
  const terminator = /[.!?…]/g;
  const closing = /["')\]’”»*_]/;
  const lowerCase = /\p{Ll}/u;
  const starts = [from];
  terminator.lastIndex = from;
  for (let m = terminator.exec(text); m !== null && m.index < to; m = terminator.exec(text)) {
    let j = m.index + 1;
    while (j < to && (text[j] === "." || closing.test(text[j] as string))) j++;
    if (j >= to || !/\s/.test(text[j] as string)) continue;
    while (j < to && /\s/.test(text[j] as string)) j++;
    if (j >= to) break;
    if (m[0] === "." && lowerCase.test(text[j] as string)) continue;
    starts.push(j);
    terminator.lastIndex = j;
  }
  starts.push(to);
  return starts;
}

const PIECES = [
  "a",
  "B",
  "é",
  "É",
  "ß",
  "ø",
  "Ø",
  "1",
  " ",
  "  ",
  "\n",
  "\u00a0",
  "\u2009",
  "\u3000",
  "\ufeff",
  ".",
  "..",
  "!",
  "?",
  "…",
  '"',
  "'",
  ")",
  "]",
  "’",
  "”",
  "»",
  "*",
  "_",
  "f.eks.",
  "e.g.",
  "\u0000",
  "\ud835\udc00",
  "\ud835",
];

describe("splitSentences", () => {
  it("finds the sentence starts the RegExp form finds", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }),
        fc.nat(),
        fc.nat(),
        (parts, a, b) => {
          const text = parts.join("");
          const from = text.length === 0 ? 0 : a % text.length;
          const to = from + (b % (text.length - from + 1));
          expect(splitSentences(text, from, to)).toEqual(reference(text, from, to));
        },
      ),
      { numRuns: 20_000 },
    );
  });
});
