import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateBrands } from "../../bench/analysis.ts";
import { densify } from "../../src/analysis/dense-automaton.ts";
import { readMarkdown } from "../../src/analysis/markdown.ts";
import { type CompiledBrands, compileBrands } from "../../src/analysis/matcher.ts";
import { scanMatches } from "../../src/analysis/scan.ts";
import type { TrackedBrand } from "../../src/core/brands.ts";
import { loadBrandSets, loadCases } from "./corpus-loader.ts";

/**
 * The transition-table matcher must report exactly what the edge-list automaton reports: same
 * matches, same order, on the corpus and on text made of pieces of the brands' own aliases.
 */

const sets = loadBrandSets();

/** The same brand set matched through the edge lists only. */
function edgeListOnly(compiled: CompiledBrands): CompiledBrands {
  return { ...compiled, dense: null };
}

function textFrom(brands: readonly TrackedBrand[]) {
  const pieces = brands.flatMap((b) => [...b.aliases.map((a) => a.text), ...b.domains]);
  const fragments = pieces.flatMap((p) => [
    p,
    p.slice(0, Math.ceil(p.length / 2)),
    p.slice(1),
    p.toUpperCase(),
  ]);
  const glue = [
    " ",
    "  ",
    "\u00a0",
    "-",
    "\u2011",
    "'",
    "’s",
    "s",
    "\u200b",
    "\u00ad",
    "\u0000",
    ".",
    "x",
    "1",
    "é",
  ];
  return fc
    .array(fc.oneof(fc.constantFrom(...fragments), fc.constantFrom(...glue)), { maxLength: 30 })
    .map((parts) => parts.join(""));
}

describe("dense automaton", () => {
  it("matches like the edge-list automaton on the corpus", () => {
    const compiled = new Map([...sets].map(([name, brands]) => [name, compileBrands(brands)]));
    for (const c of loadCases(sets)) {
      const dense = compiled.get(c.brandSet) as CompiledBrands;
      expect(dense.dense).not.toBeNull();
      const doc = readMarkdown(c.text, dense.isAlias);
      expect(scanMatches(dense, doc.visible.text, doc.bareUrls), c.id).toEqual(
        scanMatches(edgeListOnly(dense), doc.visible.text, doc.bareUrls),
      );
    }
  });

  it("matches like the edge-list automaton on text made of alias pieces", () => {
    for (const brands of [...sets.values(), generateBrands(50, 92), generateBrands(500, 542)]) {
      const compiled = compileBrands(brands);
      fc.assert(
        fc.property(textFrom(brands), (text) => {
          expect(scanMatches(compiled, text, [])).toEqual(scanMatches(edgeListOnly(compiled), text, []));
        }),
        { numRuns: 500 },
      );
    }
  });

  it("falls back to the edge lists when the table would be too large", () => {
    const compiled = compileBrands(generateBrands(50, 92));
    expect(densify(compiled.automaton, 1000)).toBeNull();
    expect(densify(compiled.automaton)).not.toBeNull();
  });
});
