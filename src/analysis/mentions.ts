import { urlHost } from "./bare-urls.ts";
import type { MarkdownDoc } from "./markdown.ts";
import type { CompiledBrands } from "./matcher.ts";
import { type RawMatch, scanMatches } from "./scan.ts";
import { sentenceAround, sentenceCache } from "./sentences.ts";
import type { Evidence } from "./types.ts";
import { sourceEndOffset, sourceOffset } from "./visible-text.ts";

/**
 * Mentions of spec §2: occurrences of names, aliases and domains in the visible text, plus one per
 * bare URL whose host a tracked brand owns, with overlaps resolved (§2.5).
 */

/** The occurrences of one mentioned brand, in answer-text order. */
export interface BrandOccurrences {
  /** Index of the brand in the compiled brand set. */
  brand: number;
  /** UTF-16 offset of the first occurrence in the answer text. */
  firstOffset: number;
  evidence: Evidence[];
}

function overlaps(a: RawMatch, b: RawMatch): boolean {
  return a.start < b.end && b.start < a.end;
}

function byStart(x: RawMatch, y: RawMatch): number {
  return x.start - y.start || x.brand - y.brand;
}

function resolveCluster(cluster: readonly RawMatch[], kept: RawMatch[]): void {
  const ordered = [...cluster].sort((x, y) => y.length - x.length || byStart(x, y));
  const chosen: RawMatch[] = [];
  for (const m of ordered) {
    const clash = chosen.some(
      (k) => overlaps(k, m) && !(k.start === m.start && k.end === m.end && k.brand !== m.brand),
    );
    if (!clash) chosen.push(m);
  }
  kept.push(...chosen.sort(byStart));
}

/**
 * Keeps the longest of overlapping matches (`Visma eAccounting` over `Visma`); a shorter alias of
 * the same brand inside a longer one is dropped too, so it counts once. Two brands sharing the very
 * same text at the very same place both keep it: nothing in the text tells them apart. Matches that
 * overlap nothing (nearly all) pass straight through. Returns matches ordered by start.
 */
export function resolveOverlaps(matches: readonly RawMatch[]): RawMatch[] {
  const sorted = [...matches].sort(byStart);
  const kept: RawMatch[] = [];
  // the cluster is sorted[first, k): matches chained by overlap
  let first = 0;
  let clusterEnd = -1;
  const flush = (end: number): void => {
    if (end - first === 1) kept.push(sorted[first] as RawMatch);
    else if (end - first > 1) resolveCluster(sorted.slice(first, end), kept);
  };
  for (let k = 0; k < sorted.length; k++) {
    const m = sorted[k] as RawMatch;
    if (m.start >= clusterEnd && k > first) {
      flush(k);
      first = k;
    }
    clusterEnd = Math.max(clusterEnd, m.end);
  }
  flush(sorted.length);
  return kept;
}

/** Bare URLs count at most once each, for the brand owning the host; their text is not searched. */
function bareUrlMatches(doc: MarkdownDoc, compiled: CompiledBrands): RawMatch[] {
  const found: RawMatch[] = [];
  for (const bare of doc.bareUrls) {
    const brand = compiled.ownerOf(urlHost(bare.url));
    if (brand < 0) continue;
    found.push({ brand, start: bare.start, end: bare.end, length: bare.end - bare.start });
  }
  return found;
}

/** Finds the mentions of every tracked brand in a read answer; brands not mentioned are absent. */
export function findMentions(doc: MarkdownDoc, compiled: CompiledBrands): BrandOccurrences[] {
  const v = doc.visible;
  const found = scanMatches(compiled, v.text, doc.bareUrls);
  const owned = bareUrlMatches(doc, compiled);
  const matches = resolveOverlaps(owned.length === 0 ? found : found.concat(owned));
  const byBrand = new Map<number, BrandOccurrences>();
  const cache = sentenceCache();
  for (const m of matches) {
    const offset = sourceOffset(v, m.start);
    const evidence: Evidence = {
      offset,
      length: sourceEndOffset(v, m.end - 1) - offset,
      sentence: sentenceAround(v, m.start, m.end, cache),
    };
    const entry = byBrand.get(m.brand);
    if (entry === undefined)
      byBrand.set(m.brand, { brand: m.brand, firstOffset: offset, evidence: [evidence] });
    else {
      entry.evidence.push(evidence);
      entry.firstOffset = Math.min(entry.firstOffset, offset);
    }
  }
  for (const entry of byBrand.values()) entry.evidence.sort((x, y) => x.offset - y.offset);
  return [...byBrand.values()].sort((x, y) => x.brand - y.brand);
}
