import { describe, expect, it } from "vitest";
import { readMarkdown } from "../../src/analysis/markdown.ts";

/** Spec §3 items as the markdown reader finds them: list items, table body rows, numbered sections. */

function itemsOf(text: string): { kind: string; index: number; text: string }[] {
  return readMarkdown(text, () => false)
    .items.map((i) => ({
      kind: i.kind,
      index: i.index,
      text: text.slice(i.start, i.end).trim(),
      start: i.start,
    }))
    .sort((a, b) => a.start - b.start || b.text.length - a.text.length)
    .map(({ kind, index, text: t }) => ({ kind, index, text: t }));
}

describe("items (spec §3)", () => {
  it("numbers list items by position, whatever number is written", () => {
    expect(itemsOf("1. Fiken\n1. Conta\n1. Visma").map((i) => [i.text, i.index])).toEqual([
      ["1. Fiken", 1],
      ["1. Conta", 2],
      ["1. Visma", 3],
    ]);
  });

  it("counts nested list items within their own list, the outer item including them", () => {
    const items = itemsOf("- Fiken\n  - Conta\n  - Visma\n- Tripletex");
    expect(items).toEqual([
      { kind: "list", index: 1, text: "- Fiken\n  - Conta\n  - Visma" },
      { kind: "list", index: 1, text: "- Conta" },
      { kind: "list", index: 2, text: "- Visma" },
      { kind: "list", index: 2, text: "- Tripletex" },
    ]);
  });

  it("includes an item's nested paragraphs", () => {
    const items = itemsOf("1. **Fiken**\n\n   Mer om Fiken.\n\n2. **Conta**\n");
    expect(items.map((i) => [i.index, i.text])).toEqual([
      [1, "1. **Fiken**\n\n   Mer om Fiken."],
      [2, "2. **Conta**"],
    ]);
  });

  it("continues the numbering of an ordered list split by a paragraph", () => {
    const items = itemsOf("1. Fiken\n\nFiken er enkel.\n\n2. Conta\n3. Visma\n\n## Neste\n\n1. Ny liste");
    expect(items.map((i) => [i.text, i.index])).toEqual([
      ["1. Fiken", 1],
      ["2. Conta", 2],
      ["3. Visma", 3],
      ["1. Ny liste", 1],
    ]);
    expect(itemsOf("1. Fiken\n\nTekst.\n\n1. Conta").map((i) => i.index)).toEqual([1, 1]);
  });

  it("makes table body rows items, not the header row", () => {
    expect(itemsOf("| Navn | Pris |\n|---|---|\n| Fiken | 99 |\n| Conta | 0 |")).toEqual([
      { kind: "row", index: 1, text: "| Fiken | 99 |" },
      { kind: "row", index: 2, text: "| Conta | 0 |" },
    ]);
  });

  it("makes numbered headings items that run to the next heading of the same or a higher level", () => {
    const text =
      "## Valg\n\n### 1. Fiken\n\nTekst.\n\n#### Detaljer\n\nMer.\n\n### 2. Tripletex\n\nTekst.\n\n## Slutt";
    expect(itemsOf(text)).toEqual([
      { kind: "heading", index: 1, text: "### 1. Fiken\n\nTekst.\n\n#### Detaljer\n\nMer." },
      { kind: "heading", index: 2, text: "### 2. Tripletex\n\nTekst." },
    ]);
  });

  it("makes bold-led numbered paragraphs items, with the lists directly after them", () => {
    const text = "**1. Fiken** – enkel.\n\n- billig\n\n**3. Conta** – ny.\n\nAvslutning.";
    expect(itemsOf(text).filter((i) => i.kind === "bold")).toEqual([
      { kind: "bold", index: 1, text: "**1. Fiken** – enkel.\n\n- billig" },
      { kind: "bold", index: 2, text: "**3. Conta** – ny." },
    ]);
  });

  it("accepts `1)` numbers and bold numbers alone, not years or decimals", () => {
    const text = "### 2) Fiken\n\n**1.** Conta\n\n### 2024 i korte trekk\n\n### 1.5 millioner\n\n*1. kursiv*";
    expect(itemsOf(text).map((i) => [i.kind, i.text.split("\n")[0]])).toEqual([
      ["heading", "### 2) Fiken"],
      ["bold", "**1.** Conta"],
    ]);
  });

  it("restarts numbered sections under a new heading and after an unnumbered heading of the same level", () => {
    const text =
      "## A\n\n**1. Fiken**\n\n**2. Conta**\n\n## B\n\n**1. Visma**\n\n### 1. X\n\n### Y\n\n### 2. Z";
    expect(itemsOf(text).map((i) => [i.text.split("\n")[0], i.index])).toEqual([
      ["**1. Fiken**", 1],
      ["**2. Conta**", 2],
      ["**1. Visma**", 1],
      ["### 1. X", 1],
      ["### 2. Z", 1],
    ]);
  });
});
