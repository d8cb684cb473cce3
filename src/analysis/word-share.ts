import type { Mention } from "./types.ts";

/**
 * Word share (spec §6 "brand PAWC"): the GEO paper's position-adjusted word count with the
 * sentences that mention a brand as its "citations": Σ over sentences s mentioning the brand of
 * |s| · exp(−i / (N − 1)) / C(s), normalised over tracked brands; |s| counts words longer than 2
 * characters, i is the sentence's 0-based index, N the number of sentences, C(s) the number of
 * tracked brands in s. Computed at analysis time (it needs the text) and stored per mention.
 */

/** Sentence ranges of an answer: split at sentence punctuation followed by space, and at line breaks. */
export function sentenceRanges(text: string): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  const boundary = /[.!?…]+(?=\s)|\n+/g;
  let start = 0;
  for (let m = boundary.exec(text); m; m = boundary.exec(text)) {
    const end = m.index + m[0].length;
    if (text.slice(start, end).trim()) ranges.push({ start, end });
    start = end;
  }
  if (text.slice(start).trim()) ranges.push({ start, end: text.length });
  return ranges;
}

/** Words longer than 2 characters, not counting link targets, URLs or markdown syntax. */
export function wordCount(sentence: string): number {
  const visible = sentence.replace(/\]\([^)]*\)/g, "]").replace(/\b(?:https?:\/\/|www\.)\S+/g, " ");
  let n = 0;
  for (const word of visible.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)) if (word[0].length > 2) n++;
  return n;
}

/** Normalised word share per mentioned brand (sums to 1 when any brand is mentioned). */
export function wordShares(text: string, mentions: readonly Mention[]): Record<string, number> {
  const sentences = sentenceRanges(text);
  const brandsIn = sentences.map(() => new Set<string>());
  for (const mention of mentions) {
    for (const e of mention.evidence) {
      const index = sentenceIndexOf(sentences, e.offset);
      if (index >= 0) brandsIn[index]?.add(mention.brand);
    }
  }
  const n = sentences.length;
  const raw: Record<string, number> = {};
  let total = 0;
  sentences.forEach((range, i) => {
    const brands = brandsIn[i];
    if (!brands || brands.size === 0) return;
    const weight = n > 1 ? Math.exp(-i / (n - 1)) : 1;
    const score = (wordCount(text.slice(range.start, range.end)) * weight) / brands.size;
    for (const brand of brands) {
      raw[brand] = (raw[brand] ?? 0) + score;
      total += score;
    }
  });
  const shares: Record<string, number> = {};
  for (const mention of mentions) shares[mention.brand] = total > 0 ? (raw[mention.brand] ?? 0) / total : 0;
  return shares;
}

function sentenceIndexOf(ranges: readonly { start: number; end: number }[], offset: number): number {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid] as { start: number; end: number };
    if (offset < r.start) hi = mid - 1;
    else if (offset >= r.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}
