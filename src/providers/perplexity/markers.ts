import type { SourceRef } from "../types.ts";

/**
 * Perplexity ties sources to its answer only through `[n]` markers in the text. Both shapes use
 * them: the Agent API's `n` is a search result's `id`, the legacy chat shape's `n` is a 1-based
 * position in `citations` (or `search_results`). This file does the part both share.
 */

/** One `[n]` marker; `start`/`end` are UTF-16 indices into the answer text (end exclusive). */
export interface Marker {
  n: number;
  start: number;
  end: number;
}

/** A source the answer could cite, with the number a marker would use for it. */
export interface KeyedSource {
  /** The marker number naming this source; null when nothing can name it (e.g. a result without id). */
  key: number | null;
  ref: SourceRef;
}

export interface MarkerSplit {
  /** Sources a marker names, ordered by their first marker; each carries that marker's span. */
  citations: SourceRef[];
  /** Sources no marker names, in the order the body listed them. */
  retrieved: SourceRef[];
  /** Marker numbers that name no source (kept as warnings: the text points at nothing we have). */
  dangling: number[];
}

// Three digits at most: `[2026]` in an answer is a year, not a source.
const markerPattern = /\[(\d{1,3})\]/g;

/** All `[n]` markers in text order. JavaScript string indices are already UTF-16. */
export function findMarkers(text: string): Marker[] {
  return Array.from(text.matchAll(markerPattern), (m) => ({
    n: Number(m[1]),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/**
 * Cited = sources a marker names; retrieved = the others (spec §4). A text with no markers at all
 * cites every source, without spans: the engine tied them to the answer but not to a place in it.
 */
export function splitByMarkers(text: string, sources: readonly KeyedSource[]): MarkerSplit {
  const markers = findMarkers(text);
  if (markers.length === 0)
    return { citations: sources.map((s) => ({ ...s.ref })), retrieved: [], dangling: [] };

  const firstMarker = new Map<number, Marker>();
  for (const m of markers) if (!firstMarker.has(m.n)) firstMarker.set(m.n, m);

  const cited: { ref: SourceRef; at: number }[] = [];
  const retrieved: SourceRef[] = [];
  for (const source of sources) {
    const marker = source.key === null ? undefined : firstMarker.get(source.key);
    if (marker)
      cited.push({
        ref: { ...source.ref, startIndex: marker.start, endIndex: marker.end },
        at: marker.start,
      });
    else retrieved.push({ ...source.ref });
  }
  // Array.prototype.sort is stable, so two sources named by one marker keep their body order.
  cited.sort((a, b) => a.at - b.at);

  const keys = new Set(sources.map((s) => s.key));
  const dangling = [...firstMarker.keys()].filter((n) => !keys.has(n));
  return { citations: cited.map((c) => c.ref), retrieved, dangling };
}

/** A source as the body lists it, before we know whether it is cited. */
export interface ListedSource {
  key: number | null;
  url: string;
  title?: string | null | undefined;
}

/**
 * Keeps the entries whose URL parses, with the title only when non-empty. A broken URL is dropped
 * with a warning rather than failing the answer: the text and the other sources are still good.
 */
export function usableSources(listed: readonly ListedSource[], warnings: string[]): KeyedSource[] {
  const out: KeyedSource[] = [];
  for (const { key, url, title } of listed) {
    const trimmedUrl = url.trim();
    if (!URL.canParse(trimmedUrl)) {
      warnings.push(`source ${key ?? "?"} dropped: not a URL (${trimmedUrl.slice(0, 100)})`);
      continue;
    }
    const trimmedTitle = title?.trim();
    out.push({ key, ref: trimmedTitle ? { url: trimmedUrl, title: trimmedTitle } : { url: trimmedUrl } });
  }
  return out;
}
