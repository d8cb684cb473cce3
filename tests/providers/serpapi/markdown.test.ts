import { describe, expect, it } from "vitest";
import { renderTextBlocks } from "../../../src/providers/serpapi/markdown.ts";
import type { TextBlock } from "../../../src/providers/serpapi/schema.ts";

const render = (blocks: TextBlock[], header?: string) => renderTextBlocks(blocks, header).text;

describe("renderTextBlocks", () => {
  it("never lets names in adjacent blocks or items run together", () => {
    const text = render([
      { type: "paragraph", snippet: "Fiken" },
      { type: "paragraph", snippet: "Tripletex" },
      { type: "list", list: [{ snippet: "Conta" }, { snippet: "PowerOffice Go" }] },
    ]);
    expect(text).toBe("Fiken\n\n## Tripletex\n\n- Conta\n- PowerOffice Go");
  });

  it("promotes a paragraph to a heading only when it is short, unpunctuated and introduces a list or table", () => {
    const list: TextBlock = { type: "list", list: [{ snippet: "Fiken" }] };
    expect(render([{ type: "paragraph", snippet: "Step 1: Velg program" }, list])).toMatch(/^## Step 1/);
    expect(render([{ type: "paragraph", snippet: "Disse passer best:" }, list])).toMatch(
      /^Disse passer best:/,
    );
    expect(
      render([
        { type: "paragraph", snippet: "Fiken passer for ENK" },
        { type: "paragraph", snippet: "x" },
      ]),
    ).toMatch(/^Fiken passer for ENK\n\nx$/);
    expect(render([{ type: "paragraph", snippet: "a".repeat(81) }, list])).toMatch(/^a{81}\n\n- Fiken$/);
    expect(render([{ type: "paragraph", snippet: "Kostnad $x$", snippet_latex: ["x"] }, list])).toMatch(
      /^Kostnad/,
    );
  });

  it("indents nested lists two spaces per level and joins title and snippet", () => {
    const text = render([
      {
        type: "list",
        list: [
          { title: "Fiken:", snippet: "rimelig", list: [{ snippet: "ENK", list: ["AS"] }] },
          { title: "Tripletex", snippet: "lønn" },
          { title: "Conta" },
          { list: [{ snippet: "løftet opp" }] },
          "Visma eAccounting",
        ],
      },
    ]);
    expect(text).toBe(
      [
        "- **Fiken:** rimelig",
        "  - ENK",
        "    - AS",
        "- **Tripletex**: lønn",
        "- **Conta**",
        "- løftet opp",
        "- Visma eAccounting",
      ].join("\n"),
    );
  });

  it("keeps multi-line item snippets inside their item", () => {
    expect(
      render([{ type: "list", list: [{ snippet: "Fiken\nfor ENK", list: [{ snippet: "a\nb" }] }] }]),
    ).toBe("- Fiken\n  for ENK\n  - a\n    b");
  });

  it("renders an expandable section's title as a heading and its own headings one level deeper", () => {
    const text = render([
      { type: "heading", snippet: "Programmer" },
      {
        type: "expandable",
        title: "Fiken",
        text_blocks: [
          { type: "heading", snippet: "Priser" },
          { type: "paragraph", snippet: "Fra 99 kr." },
        ],
      },
    ]);
    expect(text).toBe("## Programmer\n\n## Fiken\n\n### Priser\n\nFra 99 kr.");
  });

  it("renders tables from rows, from headers + rows and from formatted objects, escaping pipes", () => {
    expect(
      render([
        {
          type: "table",
          table: [
            ["Program", "Pris"],
            ["Fiken", 99],
            ["A|B", null],
          ],
        },
      ]),
    ).toBe("| Program | Pris |\n| --- | --- |\n| Fiken | 99 |\n| A\\|B |  |");
    expect(
      render([{ type: "table", headers: ["Program"], table: [["Conta"], ["Tripletex", "ekstra"]] }]),
    ).toBe("| Program |  |\n| --- | --- |\n| Conta |  |\n| Tripletex | ekstra |");
    expect(render([{ type: "table", formatted: [{ program: "Fiken", pris: "99 kr" }] }])).toBe(
      "| program | pris |\n| --- | --- |\n| Fiken | 99 kr |",
    );
  });

  it("fences code, shows LaTeX-only snippets as $...$, skips video cards, and bolds other titles", () => {
    expect(render([{ type: "code_block", language: "python", code: "print('Fiken')\n" }])).toBe(
      "```python\nprint('Fiken')\n```",
    );
    expect(render([{ type: "paragraph", snippet_latex: ["99/20", "4{,}95"] }])).toBe("$99/20$ $4{,}95$");
    expect(
      render([
        { type: "video", title: "Tripletex-kurs" },
        { type: "paragraph", snippet: "Fiken" },
      ]),
    ).toBe("Fiken");
    expect(render([{ type: "comparison", title: "Fiken mot Conta", snippet: "Begge passer." }])).toBe(
      "**Fiken mot Conta**\n\nBegge passer.",
    );
  });

  it("puts a header first as a level-1 heading", () => {
    expect(render([{ type: "paragraph", snippet: "Tekst" }], "Regnskap\nfor ENK")).toBe(
      "# Regnskap for ENK\n\nTekst",
    );
  });

  it("records first use of each reference index with the span that uses it", () => {
    const rendered = renderTextBlocks([
      { type: "paragraph", snippet: "Fiken.", reference_indexes: [2, 0] },
      { type: "list", reference_indexes: [1], list: [{ snippet: "Conta", reference_indexes: [0, 3] }] },
    ]);
    expect([...rendered.firstUse.keys()]).toEqual([2, 0, 3, 1]);
    const span = rendered.firstUse.get(3);
    expect(rendered.text.slice(span?.start, span?.end)).toBe("Conta");
    const block = rendered.firstUse.get(1);
    expect(rendered.text.slice(block?.start, block?.end)).toBe("- Conta");
  });

  it("drops empty blocks without leaving blank separators", () => {
    expect(
      render([{ type: "paragraph", snippet: "  " }, { type: "list", list: [] }, { snippet: "Fiken" }]),
    ).toBe("Fiken");
  });
});
