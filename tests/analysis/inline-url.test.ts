import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { insideUrl } from "../../src/analysis/inline.ts";

/** The reader's hand-written URL-start test against the RegExp it stands for. */

const URL_START = /https?:\/\/|www\./i;

function reference(s: string, i: number): boolean {
  let j = i;
  const space = (k: number) => {
    const c = s.charCodeAt(k);
    return c <= 0x20 || c === 0xa0 || (c >= 0x2000 && c <= 0x200b) || c === 0x202f || c === 0x3000;
  };
  while (j > 0 && i - j < 2048 && !space(j - 1)) j--;
  return URL_START.test(s.slice(j, i));
}

const PIECES = [
  "http",
  "HTTP",
  "https",
  "hTtPs",
  "httpS",
  "://",
  ":/",
  "/",
  "www",
  "WwW",
  ".",
  "w",
  "s",
  "ſ",
  " ",
  "x",
  "_",
];

describe("insideUrl", () => {
  it("answers what /https?:\\/\\/|www\\./i on the word before the index answers", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 10 }),
        fc.nat(),
        (pieces, at) => {
          const s = pieces.join("");
          const i = at % (s.length + 1);
          expect(insideUrl(s, i)).toBe(reference(s, i));
        },
      ),
      { numRuns: 20_000 },
    );
  });
});
