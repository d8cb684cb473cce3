import type { SourceRef } from "../types.ts";
import type { GeminiChunk } from "./schema.ts";

/**
 * Turns a grounding chunk into the SourceRef we store (spec §4 "Normalization": redirect wrappers
 * whose real target is known are resolved to that domain).
 *
 * Google Search chunks usually point at `vertexaisearch.cloud.google.com/grounding-api-redirect/…`,
 * a redirect that expires within days and names no source; the chunk `title` then carries the
 * source's domain (`fiken.no`). We store `https://<title>` so that the stored URL stays meaningful
 * and normalises to the source domain; the page path is unknowable without following the redirect.
 * Other chunks (e.g. a `www.google.com/search?q=…` link with raw spaces) keep their own URI.
 */

/** Host of Google's grounding redirect URLs. */
export const groundingRedirectHost = "vertexaisearch.cloud.google.com";

/** A bare host name such as `fiken.no` or `www.bbc.co.uk` (letters, digits, hyphens, a dotted TLD). */
const domainPattern = /^(?=.{1,253}$)(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+\p{L}{2,63}$/u;

/** Characters real chunk URIs carry raw (spaces above all) that are not allowed in a URL string. */
const unsafeCharacters = /[\s"<>`]/g;

export interface ChunkSource {
  source?: SourceRef;
  /** Why the chunk gave no usable source, or what is doubtful about the one it gave. */
  warning?: string;
}

/** True when `title` is a host name and nothing else (the redirect chunks' usual title). */
export function looksLikeDomain(title: string): boolean {
  return domainPattern.test(title.trim());
}

/** Percent-encodes the raw spaces and quotes Google leaves in some chunk URIs, keeping the rest as sent. */
export function encodeUnsafe(uri: string): string {
  return uri.trim().replace(unsafeCharacters, (c) => encodeURIComponent(c));
}

/** The SourceRef for chunk `index`, or a warning saying why there is none. */
export function sourceOfChunk(chunk: GeminiChunk, index: number): ChunkSource {
  const uri = chunk.web?.uri?.trim();
  const title = chunk.web?.title?.trim() || undefined;
  if (!uri) return { warning: `grounding chunk ${index} has no web URI; skipped` };
  const url = encodeUnsafe(uri);
  if (!URL.canParse(url)) return { warning: `grounding chunk ${index} has an unparsable URI; skipped` };
  const host = new URL(url).hostname.toLowerCase();
  const withTitle = (u: string): SourceRef => (title === undefined ? { url: u } : { url: u, title });
  if (host !== groundingRedirectHost) return { source: withTitle(url) };
  if (title !== undefined && looksLikeDomain(title)) {
    return { source: withTitle(`https://${title.toLowerCase()}`) };
  }
  return {
    source: withTitle(url),
    warning: `grounding chunk ${index} is a Google redirect whose title is not a domain; kept the expiring redirect URL`,
  };
}
