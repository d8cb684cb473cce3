import type { InlineContext } from "./inline-links.ts";
import type { Item } from "./items.ts";
import type { VisibleTextBuilder } from "./visible-text.ts";

/**
 * The inline content of one markdown leaf block (paragraph, heading, table cell, code block) and where
 * each of its lines sits in the answer text. Inside list items and block quotes the lines of a block
 * are not contiguous in the answer (indentation and `>` markers sit between them), so positions in
 * `text` map to the answer line by line; each line is an exact substring of the answer.
 */
export interface LeafSource {
  /** The block's lines joined with `\n`. */
  text: string;
  /** Index in `text` of each line's first character, ascending; the first is 0. */
  lineStarts: number[];
  /** Answer-text offset of each line's first character. */
  srcStarts: number[];
}

/** A leaf that is one contiguous piece of the answer text. */
export function contiguousLeaf(source: string, start: number, end: number): LeafSource {
  return { text: source.slice(start, end), lineStarts: [0], srcStarts: [start] };
}

function lineOf(leaf: LeafSource, p: number): number {
  const starts = leaf.lineStarts;
  if (starts.length === 1) return 0;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= p) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Answer-text offset of position `p` of the leaf's text. */
export function leafOffset(leaf: LeafSource, p: number): number {
  const l = lineOf(leaf, p);
  return (leaf.srcStarts[l] as number) + (p - (leaf.lineStarts[l] as number));
}

/** Copies `leaf.text[a, b)` into the visible text, one line piece at a time. */
export function copyLeafText(
  out: VisibleTextBuilder,
  source: string,
  leaf: LeafSource,
  a: number,
  b: number,
): void {
  let p = a;
  let l = lineOf(leaf, p);
  while (p < b) {
    const nextStart = l + 1 < leaf.lineStarts.length ? (leaf.lineStarts[l + 1] as number) : b;
    const pieceEnd = Math.min(b, nextStart);
    const src = (leaf.srcStarts[l] as number) + (p - (leaf.lineStarts[l] as number));
    out.copy(source, src, src + (pieceEnd - p));
    p = pieceEnd;
    l++;
  }
}

/** Walk state: the cursor only moves forward, so each block line is found where it really is. */
export interface Walk {
  src: string;
  cursor: number;
  ctx: InlineContext;
  items: Item[];
}

/** Finds `lines` (lines of a block as marked gives them, container markers removed) in the answer. */
export function locateLines(w: Walk, lines: readonly string[]): LeafSource | null {
  if (lines.length === 1) {
    // the common case: a one-line block, or a top-level block that is one piece of the answer
    const line = lines[0] as string;
    const at = w.src.indexOf(line, w.cursor);
    if (at >= 0 && line.trim() !== "") {
      w.cursor = at + line.length;
      return contiguousLeaf(w.src, at, at + line.length);
    }
  }
  const parts: string[] = [];
  const lineStarts: number[] = [];
  const srcStarts: number[] = [];
  let length = 0;
  for (const raw of lines) {
    if (raw.trim() === "") continue;
    let line = raw;
    let at = w.src.indexOf(line, w.cursor);
    if (at < 0) {
      // a tab in the indentation was expanded to spaces by marked
      line = raw.trimStart();
      at = w.src.indexOf(line, w.cursor);
      if (at < 0) continue;
    }
    if (parts.length > 0) length++;
    lineStarts.push(length);
    srcStarts.push(at);
    parts.push(line);
    length += line.length;
    w.cursor = at + line.length;
  }
  if (parts.length === 0) return null;
  return { text: parts.join("\n"), lineStarts, srcStarts };
}
