import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findMarkers, type KeyedSource, splitByMarkers } from "../../../src/providers/perplexity/markers.ts";

const sourceFor = (key: number): KeyedSource => ({ key, ref: { url: `https://example.no/${key}` } });

/** Text made of words, Norwegian letters, an emoji (two UTF-16 units) and `[n]` markers. */
const textWithMarkers = fc
  .array(
    fc.oneof(
      fc.constantFrom("Fiken ", "Tripletex", " – ", "æøå ", "🇳🇴 ", "\n", "[2026] "),
      fc.integer({ min: 1, max: 12 }).map((n) => `[${n}]`),
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(""));

describe("splitByMarkers", () => {
  it("partitions the sources into cited and retrieved, cited in order of first marker, spans slicing to the marker", () => {
    fc.assert(
      fc.property(textWithMarkers, fc.uniqueArray(fc.integer({ min: 1, max: 12 })), (text, keys) => {
        const sources = keys.map(sourceFor);
        const split = splitByMarkers(text, sources);
        const markers = findMarkers(text);

        expect(split.citations.length + split.retrieved.length).toBe(sources.length);
        const all = [...split.citations, ...split.retrieved].map((s) => s.url).sort();
        expect(all).toEqual(sources.map((s) => s.ref.url).sort());

        if (markers.length === 0) {
          expect(split.retrieved).toEqual([]);
          expect(split.citations.every((c) => c.startIndex === undefined)).toBe(true);
          return;
        }
        const starts = split.citations.map((c) => c.startIndex ?? -1);
        expect(starts).toEqual([...starts].sort((a, b) => a - b));
        for (const c of split.citations) {
          const key = Number(c.url.split("/").pop());
          expect(text.slice(c.startIndex, c.endIndex)).toBe(`[${key}]`);
          expect(c.startIndex).toBe(text.indexOf(`[${key}]`));
        }
        for (const r of split.retrieved) expect(text).not.toContain(`[${r.url.split("/").pop()}]`);
        const named = new Set(markers.map((m) => m.n));
        expect(split.dangling.sort()).toEqual([...named].filter((n) => !keys.includes(n)).sort());
      }),
    );
  });

  it("never reads four-digit brackets as markers", () => {
    expect(findMarkers("I [2026] kostet Fiken 99 kr.[1]")).toEqual([{ n: 1, start: 28, end: 31 }]);
  });

  it("a source without a key is retrieved when markers exist and cited when none do", () => {
    const keyless: KeyedSource = { key: null, ref: { url: "https://fiken.no/" } };
    expect(splitByMarkers("Fiken.[1]", [keyless]).retrieved).toEqual([{ url: "https://fiken.no/" }]);
    expect(splitByMarkers("Fiken.", [keyless]).citations).toEqual([{ url: "https://fiken.no/" }]);
  });
});
