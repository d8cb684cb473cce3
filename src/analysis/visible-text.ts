/**
 * The visible text of an answer (spec §2.1): what a reader sees once the markdown is rendered, with
 * a map from every index back to the stored answer text. Blocks (paragraphs, headings, table rows,
 * code blocks) and table cells are separated by U+0000, which no alias contains, so a name never
 * matches across two blocks.
 */

/** Separates blocks and table cells in `VisibleText.text`. */
export const BLOCK_SEPARATOR = "\u0000";

/**
 * Decoded visible text plus its map to the answer text. Runs are maximal pieces that are either a
 * 1:1 copy of the source (`exact`) or a decoded replacement (an escape, an entity) that maps as a
 * whole to its source range.
 */
export interface VisibleText {
  text: string;
  /** Index in `text` where each block starts, ascending. */
  blockStarts: number[];
  runVis: number[];
  runSrc: number[];
  runSrcEnd: number[];
  runExact: boolean[];
}

function runAt(v: VisibleText, index: number): number {
  let lo = 0;
  let hi = v.runVis.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((v.runVis[mid] as number) <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** UTF-16 offset in the answer text of the visible character at `index`. */
export function sourceOffset(v: VisibleText, index: number): number {
  const r = runAt(v, index);
  const src = v.runSrc[r] as number;
  return v.runExact[r] ? src + (index - (v.runVis[r] as number)) : src;
}

/** Offset in the answer text just after the visible character at `index`. */
export function sourceEndOffset(v: VisibleText, index: number): number {
  const r = runAt(v, index);
  return v.runExact[r]
    ? (v.runSrc[r] as number) + (index - (v.runVis[r] as number)) + 1
    : (v.runSrcEnd[r] as number);
}

/** Index of the block holding visible index `index`. */
export function blockIndexAt(v: VisibleText, index: number): number {
  let lo = 0;
  let hi = v.blockStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((v.blockStarts[mid] as number) <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Accumulates visible text in document order. */
export class VisibleTextBuilder {
  private readonly parts: string[] = [];
  private length = 0;
  private readonly v: VisibleText = {
    text: "",
    blockStarts: [],
    runVis: [],
    runSrc: [],
    runSrcEnd: [],
    runExact: [],
  };

  /** Starts a new block; a separator goes in when text precedes it. */
  block(srcPos: number): void {
    this.separator(srcPos);
    if (this.v.blockStarts[this.v.blockStarts.length - 1] !== this.length)
      this.v.blockStarts.push(this.length);
  }

  /** A boundary inside a block (between table cells). */
  separator(srcPos: number): void {
    if (this.length === 0 || this.parts[this.parts.length - 1] === BLOCK_SEPARATOR) return;
    this.addRun(srcPos, srcPos, false, BLOCK_SEPARATOR);
  }

  /** Copies `source.slice(start, end)` as visible text. */
  copy(source: string, start: number, end: number): void {
    if (end <= start) return;
    let piece = source.slice(start, end);
    if (piece.includes(BLOCK_SEPARATOR)) piece = piece.replaceAll(BLOCK_SEPARATOR, "\uFFFD");
    const last = this.v.runVis.length - 1;
    if (
      last >= 0 &&
      this.v.runExact[last] &&
      (this.v.runSrc[last] as number) + (this.length - (this.v.runVis[last] as number)) === start
    ) {
      this.parts.push(piece);
      this.length += piece.length;
      this.v.runSrcEnd[last] = end;
      return;
    }
    this.addRun(start, end, true, piece);
  }

  /** Adds decoded text standing for `source[start, end)` as a whole (an escape, an entity). */
  decoded(text: string, start: number, end: number): void {
    if (text.length > 0) this.addRun(start, end, false, text);
  }

  finish(): VisibleText {
    this.v.text = this.parts.join("");
    if (this.v.runVis.length === 0) this.addRun(0, 0, false, "");
    if (this.v.blockStarts.length === 0) this.v.blockStarts.push(0);
    return this.v;
  }

  private addRun(srcStart: number, srcEnd: number, exact: boolean, text: string): void {
    this.v.runVis.push(this.length);
    this.v.runSrc.push(srcStart);
    this.v.runSrcEnd.push(srcEnd);
    this.v.runExact.push(exact);
    this.parts.push(text);
    this.length += text.length;
  }
}
