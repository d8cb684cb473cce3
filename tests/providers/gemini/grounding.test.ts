import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { groundAnswer, utf16IndexOfByte } from "../../../src/providers/gemini/grounding.ts";
import { encodeUnsafe, looksLikeDomain, sourceOfChunk } from "../../../src/providers/gemini/source-url.ts";

/** The pieces under the parser: byte offsets to string indices, and chunk URLs to stored URLs. */

const bytes = (s: string) => Buffer.byteLength(s, "utf8");

describe("utf16IndexOfByte", () => {
  it("maps the byte length of any prefix to that prefix's string length", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.string({ unit: "grapheme" }), (prefix, rest) => {
        expect(utf16IndexOfByte(prefix + rest, bytes(prefix))).toBe(prefix.length);
      }),
    );
  });

  it("counts æ, ø, å as two bytes and emoji as four", () => {
    const text = "Små 🇳🇴 bø: Fiken";
    // S m å␠ = 5 bytes, 🇳🇴 = 8, ␠ b ø : ␠ = 6: 19 bytes for 13 UTF-16 units.
    expect(bytes("Små 🇳🇴 bø: ")).toBe(19);
    expect(utf16IndexOfByte(text, 19)).toBe(13);
    expect(text.slice(13)).toBe("Fiken");
  });

  it("is undefined inside a character or past the end", () => {
    expect(utf16IndexOfByte("å", 1)).toBeUndefined();
    expect(utf16IndexOfByte("👍", 2)).toBeUndefined();
    expect(utf16IndexOfByte("abc", 4)).toBeUndefined();
    expect(utf16IndexOfByte("abc", 3)).toBe(3);
  });
});

describe("sourceOfChunk", () => {
  const redirect = "https://vertexaisearch.cloud.google.com/grounding-api-redirect/AUZIYQabc==";

  it("resolves a grounding redirect to the domain its title names", () => {
    expect(sourceOfChunk({ web: { uri: redirect, title: "Tripletex.no" } }, 0)).toEqual({
      source: { url: "https://tripletex.no", title: "Tripletex.no" },
    });
  });

  it("keeps other URIs as sent, percent-encoding only their raw spaces", () => {
    const uri = "https://www.google.com/search?q=weather+in+San Francisco, CA,+US";
    const { source, warning } = sourceOfChunk({ web: { uri, title: "Weather information" } }, 3);
    expect(warning).toBeUndefined();
    expect(source).toEqual({
      url: "https://www.google.com/search?q=weather+in+San%20Francisco,%20CA,+US",
      title: "Weather information",
    });
    expect(new URL(source!.url).searchParams.get("q")).toBe("weather in San Francisco, CA, US");
  });

  it("skips chunks without a usable web URI, saying why", () => {
    expect(sourceOfChunk({}, 4).warning).toBe("grounding chunk 4 has no web URI; skipped");
    expect(sourceOfChunk({ web: { uri: "not a url" } }, 5).warning).toBe(
      "grounding chunk 5 has an unparsable URI; skipped",
    );
  });

  it("tells domains from page titles", () => {
    expect(looksLikeDomain("fiken.no")).toBe(true);
    expect(looksLikeDomain("www.bbc.co.uk")).toBe(true);
    expect(looksLikeDomain("blåbær.no")).toBe(true);
    expect(looksLikeDomain("Fiken – regnskap")).toBe(false);
    expect(looksLikeDomain("localhost")).toBe(false);
    expect(encodeUnsafe(' https://a.no/x y"z ')).toBe("https://a.no/x%20y%22z");
  });
});

describe("groundAnswer edge cases", () => {
  const web = (title: string) => ({
    web: { uri: `https://vertexaisearch.cloud.google.com/grounding-api-redirect/${title}`, title },
  });

  it("locates a segment by its text, with a warning, when its offsets are not bytes", () => {
    const text = "Prøv Conta først. Fiken er også bra.";
    const sentence = "Fiken er også bra.";
    const codePointStart = text.indexOf(sentence); // what a code-point count would say
    const result = groundAnswer({
      parts: [{ text }],
      chunks: [web("fiken.no")],
      supports: [
        {
          segment: { startIndex: codePointStart, endIndex: codePointStart + sentence.length, text: sentence },
          groundingChunkIndices: [0],
        },
      ],
    });
    expect(result.citations).toEqual([
      { url: "https://fiken.no", title: "fiken.no", startIndex: 18, endIndex: 36 },
    ]);
    expect(result.warnings).toEqual([
      "grounding segment bytes 18-36 disagree with its text; located by text",
    ]);
  });

  it("cites without a span when the support names a thought part, and reports missing chunks", () => {
    const result = groundAnswer({
      parts: [{ text: "tenker", thought: true }, { text: "Conta er gratis." }],
      chunks: [web("conta.no"), web("fiken.no")],
      supports: [{ segment: { endIndex: 6, text: "tenker" }, groundingChunkIndices: [0, 7] }],
    });
    expect(result.text).toBe("Conta er gratis.");
    expect(result.citations).toEqual([{ url: "https://conta.no", title: "conta.no" }]);
    expect(result.retrieved).toEqual([{ url: "https://fiken.no", title: "fiken.no" }]);
    expect(result.warnings).toEqual([
      "grounding support names part 0, which is not answer text; span dropped",
      "grounding support names chunk 7, which does not exist",
    ]);
  });
});
