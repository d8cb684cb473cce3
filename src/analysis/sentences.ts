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

/** Per-answer cache: each block's sentence starts (visible-text indexes) and each finished sentence. */
export interface SentenceCache {
  starts: Map<number, number[]>;
  sentences: Map<number, string>;
}

/** An empty cache for one answer. */
export function sentenceCache(): SentenceCache {
  return { starts: new Map(), sentences: new Map() };
}

function blockRange(v: VisibleText, block: number): [number, number] {
  const start = v.blockStarts[block] as number;
  const next = v.blockStarts[block + 1];
  return [start, next === undefined ? v.text.length : next - 1];
}

function sentenceStarts(v: VisibleText, block: number, cache: SentenceCache): number[] {
  let starts = cache.starts.get(block);
  if (starts === undefined) {
    const [from, to] = blockRange(v, block);
    starts = splitSentences(v.text, from, to);
    cache.starts.set(block, starts);
  }
  return starts;
}

const TERMINATOR = /[.!?…]/g;
const CLOSING = /["')\]’”»*_]/;
const lowerCase = /\p{Ll}/u;

/** Sentence starts in text[from, to), then `to`. */
export function splitSentences(text: string, from: number, to: number): number[] {
  const starts = [from];
  TERMINATOR.lastIndex = from;
  for (let m = TERMINATOR.exec(text); m !== null && m.index < to; m = TERMINATOR.exec(text)) {
    let j = m.index + 1;
    while (j < to && (text[j] === "." || CLOSING.test(text[j] as string))) j++;
    if (j >= to || !/\s/.test(text[j] as string)) continue;
    while (j < to && /\s/.test(text[j] as string)) j++;
    if (j >= to) break;
    if (m[0] === "." && lowerCase.test(text[j] as string)) continue;
    starts.push(j);
    TERMINATOR.lastIndex = j;
  }
  starts.push(to);
  return starts;
}

function tidy(text: string): string {
  let t = text;
  if (t.includes(BLOCK_SEPARATOR)) {
    t = t
      .split(BLOCK_SEPARATOR)
      .map((cell) => cell.trim())
      .join(" | ");
  }
  if (/\s\s|[^\S ]/.test(t)) t = t.replace(/\s+/g, " ");
  t = t.trim();
  if (t.startsWith("| ")) t = t.slice(2);
  return t.endsWith(" |") ? t.slice(0, -2) : t;
}

/** The sentence holding the visible range [start, end), whitespace collapsed, table cells joined by ` | `. */
export function sentenceAround(v: VisibleText, start: number, end: number, cache: SentenceCache): string {
  const starts = sentenceStarts(v, blockIndexAt(v, start), cache);
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
  const sentence = prefix + tidy(v.text.slice(from, to)) + suffix;
  if (whole) cache.sentences.set(from * 2 ** 24 + to, sentence);
  return sentence;
}
