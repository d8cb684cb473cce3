import { normalizeUrl } from "../../analysis/urls.ts";
import type { SourceRef } from "../types.ts";

/**
 * Turning OpenAI-style citations into `SourceRef`s: offset units and "is this retrieved source
 * also cited". Shared by the Responses parser and the Chat Completions parser of openai-compatible.
 */

/**
 * Maps code-point offsets of `text` to UTF-16 indices. OpenAI counts `start_index`/`end_index`
 * in characters (code points), while `SourceRef` wants JavaScript string indices: an emoji or a
 * flag before a citation shifts them apart. Offsets past the end clamp to `text.length`.
 */
export function codePointOffsets(text: string): (codePoint: number) => number {
  const utf16At: number[] = [0];
  for (let i = 0; i < text.length; ) {
    i += (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
    utf16At.push(i);
  }
  return (codePoint) => utf16At[Math.min(Math.max(0, codePoint), utf16At.length - 1)] ?? text.length;
}

/** A citation as the API sent it, offsets in code points of one text part. */
export interface RawCitation {
  url: string;
  title?: string | null | undefined;
  start?: number | null | undefined;
  end?: number | null | undefined;
}

/**
 * A `SourceRef` with UTF-16 positions in the joined answer: `partStart` is where the part begins
 * there. `0/0` and missing offsets mean "no position" (OpenRouter sends `start_index = end_index = 0`).
 */
export function citationRef(
  raw: RawCitation,
  toUtf16: (codePoint: number) => number,
  partStart: number,
): SourceRef {
  const ref: SourceRef = { url: raw.url };
  if (raw.title) ref.title = raw.title;
  const { start, end } = raw;
  if (typeof start === "number" && typeof end === "number" && end > start) {
    ref.startIndex = partStart + toUtf16(start);
    ref.endIndex = partStart + toUtf16(end);
  }
  return ref;
}

/** Identity of a source URL for "cited or only retrieved": the analysis normalisation (spec §4). */
export function sourceKey(url: string): string {
  return normalizeUrl(url) ?? url.trim();
}

/** True when `url` parses as an absolute http(s) URL. */
export function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === "http:" || protocol === "https:";
  } catch {
    return false;
  }
}

/**
 * Sources the engine fetched but never cited, first occurrence of each page kept, in order.
 * Unparseable URLs are left out and reported in `warnings`.
 */
export function retrievedOnly(sourceUrls: readonly string[], citations: readonly SourceRef[]) {
  const seen = new Set(citations.map((c) => sourceKey(c.url)));
  const retrieved: SourceRef[] = [];
  const warnings: string[] = [];
  for (const url of sourceUrls) {
    if (!isWebUrl(url)) {
      warnings.push(`retrieved source with an unusable URL skipped: ${url.slice(0, 200)}`);
      continue;
    }
    const key = sourceKey(url);
    if (seen.has(key)) continue;
    seen.add(key);
    retrieved.push({ url });
  }
  return { retrieved, warnings };
}
