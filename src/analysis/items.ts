import type { Token, Tokens } from "marked";

/**
 * Items of spec §3 (list items, table body rows, numbered sections) as ranges of the answer text,
 * and the rule that picks the item holding a mention.
 */

/** An item and its 1-based index among its siblings. */
export interface Item {
  /** Answer-text offset where the item starts (UTF-16). */
  start: number;
  /** Answer-text offset just after the item (UTF-16). */
  end: number;
  /** 1-based index among siblings, whatever number is written. */
  index: number;
  kind: "list" | "row" | "heading" | "bold";
}

/** A top-level block and its range in the answer text. */
export interface TopBlock {
  token: Token;
  start: number;
  end: number;
}

const ITEM_NUMBER = /^\d{1,9}[.)](?=$|\s|[*_])/;

/** True when the text, markup aside, starts with an item number (`1.`, `1)`). */
export function startsWithItemNumber(text: string): boolean {
  return ITEM_NUMBER.test(text.replace(/^[\s*_]+/, ""));
}

const BOLD_START = /^ {0,3}(?:\*\*|__)/;

function headingSectionEnd(blocks: readonly TopBlock[], from: number, level: number, docEnd: number): number {
  for (let b = from + 1; b < blocks.length; b++) {
    const block = blocks[b] as TopBlock;
    if (block.token.type === "heading" && (block.token as Tokens.Heading).depth <= level) return block.start;
  }
  return docEnd;
}

function boldSectionEnd(blocks: readonly TopBlock[], from: number): number {
  let end = (blocks[from] as TopBlock).end;
  for (let b = from + 1; b < blocks.length; b++) {
    const block = blocks[b] as TopBlock;
    if (block.token.type === "list") end = block.end;
    else if (block.token.type !== "space") break;
  }
  return end;
}

/**
 * Numbered sections: headings or bold-led paragraphs whose text starts with an item number. A
 * heading's item runs to the next heading of the same or a higher level; a bold paragraph's item is
 * the paragraph and the lists directly after it. Siblings are consecutive sections of the same kind
 * under the same heading: a heading ends the run of bold sections and of deeper headings, and an
 * unnumbered heading of the same level ends the run at its level.
 */
export function numberedSections(blocks: readonly TopBlock[], docEnd: number): Item[] {
  const items: Item[] = [];
  const headingRun = [0, 0, 0, 0, 0, 0, 0];
  let boldRun = 0;
  for (let b = 0; b < blocks.length; b++) {
    const { token, start } = blocks[b] as TopBlock;
    if (token.type === "heading") {
      const level = (token as Tokens.Heading).depth;
      for (let l = level + 1; l < headingRun.length; l++) headingRun[l] = 0;
      boldRun = 0;
      if (startsWithItemNumber((token as Tokens.Heading).text)) {
        const index = (headingRun[level] as number) + 1;
        headingRun[level] = index;
        items.push({ start, end: headingSectionEnd(blocks, b, level, docEnd), index, kind: "heading" });
      } else {
        headingRun[level] = 0;
      }
    } else if (
      token.type === "paragraph" &&
      BOLD_START.test(token.raw) &&
      startsWithItemNumber((token as Tokens.Paragraph).text)
    ) {
      boldRun++;
      items.push({ start, end: boldSectionEnd(blocks, b), index: boldRun, kind: "bold" });
    }
  }
  return items;
}

/** The innermost item holding `offset` (the smallest range that contains it), or null. */
export function innermostItem(items: readonly Item[], offset: number): Item | null {
  let best: Item | null = null;
  for (const item of items) {
    if (offset < item.start || offset >= item.end) continue;
    if (best === null || item.end - item.start < best.end - best.start) best = item;
  }
  return best;
}
