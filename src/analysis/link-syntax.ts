import { parse as parseDomain } from "tldts";
import { decodeInlineString } from "./entities.ts";

/**
 * CommonMark inline syntax pieces the inline reader needs: code spans, link brackets, inline link
 * destinations and reference labels. Every function reads `s` between an index and `end` and returns
 * where the construct ends, or null when the text there is not that construct.
 */

const BACKSLASH = 0x5c;
const BACKTICK = 0x60;

/** A code span: its content range and the index just after the closing backticks. */
export interface CodeSpan {
  contentStart: number;
  contentEnd: number;
  end: number;
}

/** Length of the run of `code` characters starting at `s[i]`. */
export function runLength(s: string, i: number, end: number, code: number): number {
  let j = i;
  while (j < end && s.charCodeAt(j) === code) j++;
  return j - i;
}

/**
 * How far a closing backtick run or bracket is looked for. Real code spans and link texts are far
 * shorter; the bound keeps unclosed openers from making a long answer quadratic.
 */
export const MAX_INLINE_SPAN = 2048;

/** The code span opened by the backtick run at `s[i]`, or null when no run of equal length closes it. */
export function codeSpanAt(s: string, i: number, end: number): CodeSpan | null {
  const n = runLength(s, i, end, BACKTICK);
  const limit = Math.min(end, i + MAX_INLINE_SPAN);
  let j = i + n;
  while (j < limit) {
    const k = s.indexOf("`", j);
    if (k < 0 || k >= limit) return null;
    const m = runLength(s, k, end, BACKTICK);
    if (m === n) return { contentStart: i + n, contentEnd: k, end: k + m };
    j = k + m;
  }
  return null;
}

/** Index of the `]` closing the `[` at `s[i]` (nesting, escapes and code spans respected), or -1. */
export function closingBracket(s: string, i: number, end: number): number {
  let depth = 0;
  const limit = Math.min(end, i + MAX_INLINE_SPAN);
  const anyClose = s.indexOf("]", i);
  if (anyClose < 0 || anyClose >= limit) return -1;
  for (let j = i; j < limit; j++) {
    const c = s.charCodeAt(j);
    if (c === BACKSLASH) {
      j++;
    } else if (c === BACKTICK) {
      const span = codeSpanAt(s, j, limit);
      j = span === null ? j + runLength(s, j, limit, BACKTICK) - 1 : span.end - 1;
    } else if (c === 0x5b) {
      depth++;
    } else if (c === 0x5d) {
      depth--;
      if (depth === 0) return j;
    }
  }
  return -1;
}

/** An inline link's `(destination "title")` part. */
export interface InlineTarget {
  url: string;
  title: string | undefined;
  end: number;
}

function skipSpace(s: string, i: number, end: number): number {
  let j = i;
  let newlines = 0;
  while (j < end) {
    const c = s.charCodeAt(j);
    if (c === 0x0a) {
      if (++newlines > 1) break;
    } else if (c !== 0x20 && c !== 0x09) break;
    j++;
  }
  return j;
}

/** Parses `(destination "title")` starting at the `(` at `s[i]`. */
export function inlineTargetAt(s: string, i: number, stop: number): InlineTarget | null {
  const end = Math.min(stop, i + MAX_INLINE_SPAN);
  let k = skipSpace(s, i + 1, end);
  let url: string;
  if (s.charCodeAt(k) === 0x3c) {
    const close = s.indexOf(">", k);
    if (close < 0 || close >= end) return null;
    const inside = s.slice(k + 1, close);
    if (inside.includes("\n") || inside.includes("<")) return null;
    url = inside;
    k = close + 1;
  } else {
    const start = k;
    let depth = 0;
    while (k < end) {
      const c = s.charCodeAt(k);
      if (c <= 0x20 || c === 0x7f) break;
      if (c === BACKSLASH && k + 1 < end) {
        k += 2;
        continue;
      }
      if (c === 0x28) depth++;
      else if (c === 0x29) {
        if (depth === 0) break;
        depth--;
      }
      k++;
    }
    if (depth !== 0) return null;
    url = s.slice(start, k);
  }
  const afterUrl = k;
  k = skipSpace(s, k, end);
  let title: string | undefined;
  const opener = s[k];
  if (k > afterUrl && (opener === '"' || opener === "'" || opener === "(")) {
    const closer = opener === "(" ? ")" : opener;
    let j = k + 1;
    while (j < end && s[j] !== closer) j += s.charCodeAt(j) === BACKSLASH ? 2 : 1;
    if (j >= end) return null;
    title = decodeInlineString(s.slice(k + 1, j));
    k = skipSpace(s, j + 1, end);
  }
  if (s.charCodeAt(k) !== 0x29) return null;
  return { url: decodeInlineString(url), title, end: k + 1 };
}

/** A `[label]` of a reference link: its raw text and the index after the `]`. */
export interface RefLabel {
  label: string;
  end: number;
}

/** Parses the reference label `[label]` at `s[i]` (no unescaped brackets inside, at most 999 characters). */
export function refLabelAt(s: string, i: number, end: number): RefLabel | null {
  for (let j = i + 1; j < end && j - i <= 1000; j++) {
    const c = s.charCodeAt(j);
    if (c === BACKSLASH) j++;
    else if (c === 0x5b) return null;
    else if (c === 0x5d) return { label: s.slice(i + 1, j), end: j + 1 };
  }
  return null;
}

/** CommonMark label matching: case-insensitive, inner whitespace collapsed. */
export function normalizeLabel(label: string): string {
  return label.trim().replace(/\s+/g, " ").toLowerCase();
}

const HOST_SHAPE =
  /^(?:https?:\/\/)?((?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,63})\.?(?::\d{1,5})?(?:[/?#]\S*)?$/iu;

/**
 * True when a link's text is a domain, host or URL (`reuters.com`, `www.fiken.no/priser`): the text of
 * a source pill. The suffix must be a real public suffix, so `Node.js` is not a host.
 */
export function looksLikeHost(text: string): boolean {
  const m = HOST_SHAPE.exec(text.trim());
  if (m === null) return false;
  const info = parseDomain((m[1] as string).toLowerCase(), { allowPrivateDomains: true });
  return info.isIcann === true || info.isPrivate === true;
}
