import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  citationRef,
  codePointOffsets,
  retrievedOnly,
  sourceKey,
} from "../../../src/providers/openai/sources.ts";

describe("codePointOffsets", () => {
  it("maps code-point offsets to UTF-16 indices for any text (astral characters included)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.nat(), (text, raw) => {
        const points = Array.from(text);
        const k = raw % (points.length + 1);
        expect(codePointOffsets(text)(k)).toBe(points.slice(0, k).join("").length);
      }),
    );
  });

  it("clamps offsets past either end", () => {
    const map = codePointOffsets("æø📈");
    expect(map(3)).toBe(4);
    expect(map(99)).toBe(4);
    expect(map(-1)).toBe(0);
  });
});

describe("citationRef", () => {
  const map = codePointOffsets("Fiken 👍 ([fiken.no](https://fiken.no))");
  it("shifts by the part start and converts units", () => {
    expect(citationRef({ url: "https://fiken.no", title: "Fiken", start: 8, end: 38 }, map, 100)).toEqual({
      url: "https://fiken.no",
      title: "Fiken",
      startIndex: 109,
      endIndex: 139,
    });
  });
  it("treats 0/0, missing and reversed offsets as no position, and empty titles as none", () => {
    for (const [start, end] of [
      [0, 0],
      [undefined, undefined],
      [10, 4],
    ]) {
      expect(citationRef({ url: "https://a.no", title: "", start, end }, map, 0)).toEqual({
        url: "https://a.no",
      });
    }
  });
});

describe("sourceKey and retrievedOnly", () => {
  it("uses the analysis normalisation: www, tracking parameters, fragments, trailing slashes", () => {
    expect(sourceKey("https://www.Tripletex.no/priser/?utm_source=openai#top")).toBe(
      sourceKey("https://tripletex.no/priser"),
    );
    expect(sourceKey("https://a.no/p?id=2&utm_medium=x")).toBe("https://a.no/p?id=2");
    expect(sourceKey("https://a.no/p?id=2")).not.toBe(sourceKey("https://a.no/p?id=3"));
  });

  it("drops cited pages and repeats, skips unusable URLs with a warning", () => {
    const { retrieved, warnings } = retrievedOnly(
      [
        "https://fiken.no/priser",
        "https://g2.com/x",
        "not a url",
        "https://www.g2.com/x/",
        "ftp://files.no/a",
      ],
      [{ url: "https://fiken.no/priser?utm_source=openai" }],
    );
    expect(retrieved).toEqual([{ url: "https://g2.com/x" }]);
    expect(warnings).toHaveLength(2);
  });
});
