import { describe, expect, it } from "vitest";
import { analyzeAnswer } from "../../src/analysis/analyze.ts";
import { compileBrands } from "../../src/analysis/matcher.ts";
import { positionWeight } from "../../src/analysis/rank.ts";
import type { AnalysisResult } from "../../src/analysis/types.ts";
import type { TrackedBrand } from "../../src/core/brands.ts";

/** Spec §3: rank, ranking, list position, position weight. */

const names = ["Fiken", "Tripletex", "Conta", "Visma", "PowerOffice"];
const brands: TrackedBrand[] = names.map((name, i) => ({
  name,
  role: i === 0 ? "own" : "competitor",
  aliases: [{ text: name, caseSensitive: false }],
  domains: [`${name.toLowerCase()}.no`],
}));
const compiled = compileBrands(brands);

const analyse = (text: string): AnalysisResult => analyzeAnswer({ text, citations: [] }, compiled);

/** Brand → [rank, listPosition]. */
function positions(text: string): Record<string, [number, number | null]> {
  return Object.fromEntries(analyse(text).mentions.map((m) => [m.brand, [m.rank, m.listPosition]]));
}

describe("rank and ranking", () => {
  it("ranks by first mention among tracked brands only", () => {
    const result = analyse("Mange bruker Xledger og Uni. Conta er ny, Fiken er eldst, og Conta vokser.");
    expect(result.ranking).toEqual(["Conta", "Fiken"]);
    expect(result.mentions.map((m) => [m.brand, m.rank, m.count])).toEqual([
      ["Conta", 1, 2],
      ["Fiken", 2, 1],
    ]);
  });

  it("counts only visible mentions: a link target does not rank a brand", () => {
    expect(analyse("[Her](https://fiken.no) er Conta.").ranking).toEqual(["Conta"]);
  });

  it("gives brands first mentioned at the same place the same rank", () => {
    const shared = compileBrands([
      { name: "A", role: "own", aliases: [{ text: "Nordic", caseSensitive: false }], domains: [] },
      { name: "B", role: "competitor", aliases: [{ text: "Nordic", caseSensitive: false }], domains: [] },
      { name: "C", role: "competitor", aliases: [{ text: "Cee", caseSensitive: false }], domains: [] },
    ]);
    const result = analyzeAnswer({ text: "Nordic og Cee", citations: [] }, shared);
    expect(result.mentions.map((m) => [m.brand, m.rank])).toEqual([
      ["A", 1],
      ["B", 1],
      ["C", 3],
    ]);
    expect(result.ranking).toEqual(["A", "B", "C"]);
  });

  it("weights positions 0.9^(rank−1)", () => {
    expect([1, 2, 3, 4].map(positionWeight)).toEqual([1, 0.9, 0.81, 0.729]);
    expect(positionWeight(100)).toBeCloseTo(0.9 ** 99, 12);
    const result = analyse("Fiken, Tripletex og Conta.");
    expect(result.mentions.map((m) => m.positionWeight)).toEqual([1, 0.9, 0.81]);
  });
});

describe("list position", () => {
  it("is null outside items", () => {
    expect(positions("Fiken er best.\n\n- Conta")).toEqual({ Fiken: [1, null], Conta: [2, 1] });
  });

  it("is the index of the list item holding the first mention", () => {
    expect(positions("1. **Fiken** – enkel\n2. **Tripletex** – komplett\n3. **Conta** – ny")).toEqual({
      Fiken: [1, 1],
      Tripletex: [2, 2],
      Conta: [3, 3],
    });
  });

  it("counts items, whatever number is written (1. 1. 1.)", () => {
    expect(positions("1. Fiken\n1. Tripletex\n1. Conta")).toEqual({
      Fiken: [1, 1],
      Tripletex: [2, 2],
      Conta: [3, 3],
    });
  });

  it("uses the first mention even when later mentions sit elsewhere", () => {
    expect(positions("Conta er nevnt først.\n\n1. Fiken\n2. Conta")).toEqual({
      Conta: [1, null],
      Fiken: [2, 1],
    });
  });

  it("counts nested list items within their own list (innermost item wins)", () => {
    const text = "- Regnskap\n  - Fiken\n  - Tripletex\n- Lønn\n  - Conta\n- Visma";
    expect(positions(text)).toEqual({
      Fiken: [1, 1],
      Tripletex: [2, 2],
      Conta: [3, 1],
      Visma: [4, 3],
    });
  });

  it("includes an item's nested paragraphs", () => {
    expect(positions("1. Enkle\n\n   Fiken passer ENK.\n\n2. Store\n\n   Visma passer AS.")).toEqual({
      Fiken: [1, 1],
      Visma: [2, 2],
    });
  });

  it("counts table body rows, never the header row", () => {
    const text = "| Fiken | Tripletex |\n|---|---|\n| Conta | 99 |\n| Visma | 199 |";
    expect(positions(text)).toEqual({
      Fiken: [1, null],
      Tripletex: [2, null],
      Conta: [3, 1],
      Visma: [4, 2],
    });
  });

  it("reads numbered headings as items (### 2. Tripletex), running to the next heading of the same level", () => {
    const text =
      "## Beste valg\n\n### 1. Fiken\n\nEnkel.\n\n### 2. Tripletex\n\nKomplett, men dyrere enn Conta.\n\n## Oppsummert\n\nVisma.";
    expect(positions(text)).toEqual({
      Fiken: [1, 1],
      Tripletex: [2, 2],
      Conta: [3, 2],
      Visma: [4, null],
    });
  });

  it("reads bold-led numbered paragraphs as items (**3. Conta** – …)", () => {
    const text =
      "**1. Fiken** – enkel.\n\n**2. Tripletex** – komplett.\n\n**3. Conta** – ny og billig.\n\nVisma er også et valg.";
    expect(positions(text)).toEqual({
      Fiken: [1, 1],
      Tripletex: [2, 2],
      Conta: [3, 3],
      Visma: [4, null],
    });
  });

  it("counts an item inside a numbered section by its own list (innermost wins)", () => {
    const text =
      "### 1. Små bedrifter\n\n- Fiken\n- Conta\n\n### 2. Store bedrifter\n\nTripletex eller:\n\n- Visma";
    expect(positions(text)).toEqual({
      Fiken: [1, 1],
      Conta: [2, 2],
      Tripletex: [3, 2],
      Visma: [4, 1],
    });
  });

  it("ends a bold numbered paragraph's item with the paragraph and the lists directly after it", () => {
    const text = "**1. Enkle** – som Conta.\n\n- Fiken\n\n**2. Store systemer**\n\nVisma er størst.";
    expect(positions(text)).toEqual({ Conta: [1, 1], Fiken: [2, 1], Visma: [3, null] });
  });

  it("continues an ordered list that a paragraph splits in two", () => {
    const text = "1. **Fiken** – enkel.\n\nFiken har gratis prøveperiode.\n\n2. **Tripletex** – komplett.";
    expect(positions(text)).toEqual({ Fiken: [1, 1], Tripletex: [2, 2] });
  });
});
