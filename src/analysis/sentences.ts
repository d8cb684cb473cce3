import { isLowerCaseUnit, isSpaceUnit } from "./normalize-text.ts";
import { BLOCK_SEPARATOR, blockIndexAt, type VisibleText } from "./visible-text.ts";

/**
 * The sentence around a mention, for evidence (spec §2), taken from the visible text of the block
 * holding it, so link targets and markup never show up in evidence. Sentences end after `.` followed
 * by a space and a character that is not a lower-case letter (so `f.eks. for` and `e.g. the` do not
 * end one), or after `!`, `?` or `…` followed by a space, closing quotes and brackets included: the
 * core of Unicode sentence segmentation (UAX #29), at a tenth of `Intl.Segmenter`'s cost. Soft line
 * breaks inside a paragraph do not end a sentence (the reader sees one line).
 */

/** Longest evidence sentence kept whole, in UTF-16 units; longer ones are cut around the mention. */
export const MAX_SENTENCE = 400;

/** A block's sentence starts (visible-text indexes), and whether tidying can leave its text alone. */
interface BlockSentences {
  starts: number[];
  /** No table-cell separator and no whitespace but single spaces: nothing in it to collapse. */
  plain: boolean;
}

/** Per-answer cache: each block's sentences and each finished sentence. */
export interface SentenceCache {
  blocks: Map<number, BlockSentences>;
  sentences: Map<number, string>;
}

/** An empty cache for one answer. */
export function sentenceCache(): SentenceCache {
  return { blocks: new Map(), sentences: new Map() };
}

function blockRange(v: VisibleText, block: number): [number, number] {
  const start = v.blockStarts[block] as number;
  const next = v.blockStarts[block + 1];
  return [start, next === undefined ? v.text.length : next - 1];
}

function blockSentences(v: VisibleText, block: number, cache: SentenceCache): BlockSentences {
  let found = cache.blocks.get(block);
  if (found === undefined) {
    const [from, to] = blockRange(v, block);
    const text = v.text.slice(from, to);
    found = {
      starts: splitSentences(v.text, from, to),
      plain: !text.includes(BLOCK_SEPARATOR) && !ODD_SPACE.test(text),
    };
    cache.blocks.set(block, found);
  }
  return found;
}

/** Closing quotes, brackets and emphasis a sentence end may carry: `"')]’”»*_`. */
function isClosing(c: number): boolean {
  return (
    c === 0x22 ||
    c === 0x27 ||
    c === 0x29 ||
    c === 0x5d ||
    c === 0x2019 ||
    c === 0x201d ||
    c === 0xbb ||
    c === 0x2a ||
    c === 0x5f
  );
}

const TERMINATOR = /[.!?…]/g;
/** Whitespace that tidying rewrites: a run of two, or any but the plain space. */
const ODD_SPACE = /\s\s|[^\S ]/;

/** Sentence starts in text[from, to), then `to`. */
export function splitSentences(text: string, from: number, to: number): number[] {
  const starts = [from];
  TERMINATOR.lastIndex = from;
  // `test` leaves lastIndex just after the one-character match and allocates nothing
  while (TERMINATOR.test(text)) {
    const index = TERMINATOR.lastIndex - 1;
    if (index >= to) break;
    let j = index + 1;
    while (j < to && (text.charCodeAt(j) === 0x2e || isClosing(text.charCodeAt(j)))) j++;
    if (j >= to || !isSpaceUnit(text.charCodeAt(j))) continue;
    while (j < to && isSpaceUnit(text.charCodeAt(j))) j++;
    if (j >= to) break;
    if (text.charCodeAt(index) === 0x2e && isLowerCaseUnit(text.charCodeAt(j))) continue;
    starts.push(j);
    TERMINATOR.lastIndex = j;
  }
  starts.push(to);
  return starts;
}

/**
 * Table cells joined by ` | `, whitespace collapsed, trimmed; text of a `plain` block (see
 * `BlockSentences`) has nothing to join or collapse, so it is only trimmed.
 */
function tidy(text: string, plain: boolean): string {
  let t = text;
  if (!plain) {
    if (t.includes(BLOCK_SEPARATOR)) {
      t = t
        .split(BLOCK_SEPARATOR)
        .map((cell) => cell.trim())
        .join(" | ");
    }
    if (ODD_SPACE.test(t)) t = t.replace(/\s+/g, " ");
  }
  t = t.trim();
  if (t.startsWith("| ")) t = t.slice(2);
  return t.endsWith(" |") ? t.slice(0, -2) : t;
}

/** The sentence holding the visible range [start, end), whitespace collapsed, table cells joined by ` | `. */
export function sentenceAround(v: VisibleText, start: number, end: number, cache: SentenceCache): string {
  const { starts, plain } = blockSentences(v, blockIndexAt(v, start), cache);
  let k = 0;
  while (k + 2 < starts.length && (starts[k + 1] as number) <= start) k++;
  let from = starts[k] as number;
  let to = starts[k + 1] as number;
  while (to < end && k + 2 < starts.length) to = starts[++k + 1] as number;
  const whole = to - from <= MAX_SENTENCE;
  const cached = whole ? cache.sentences.get(from * 2 ** 24 + to) : undefined;
  if (cached !== undefined) return cached;
  let prefix = "";
  let suffix = "";
  if (!whole) {
    const room = Math.max(0, (MAX_SENTENCE - (end - start)) >> 1);
    if (start - room > from) {
      from = start - room;
      prefix = "…";
    }
    if (end + room < to) {
      to = end + room;
      suffix = "…";
    }
  }
  const sentence = prefix + tidy(v.text.slice(from, to), plain) + suffix;
  if (whole) cache.sentences.set(from * 2 ** 24 + to, sentence);
  return sentence;
}
