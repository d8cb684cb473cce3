import { isWordCodePoint } from "./normalize-text.ts";

/**
 * Bare URLs in the visible text (spec §2.4 and §4): text starting with `http://`, `https://` or
 * `www.`, as GFM's autolink literals read them. Trailing punctuation is not part of the URL, and a
 * closing parenthesis or bracket only when the URL holds its opener.
 */

/** A bare URL: its range in the visible text and the URL as written. */
export interface BareUrl {
  start: number;
  end: number;
  url: string;
}

const START = /https?:\/\/|www\./gi;
const BODY = /[^\s<>"`«»“”‘’\p{Cc}]*/uy;
const TRAILING = new Set(["?", "!", ".", ",", ":", ";", "*", "_", "~", "'"]);

function count(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

/** Drops trailing punctuation and unbalanced closers (`https://fiken.no).` → `https://fiken.no`). */
export function trimUrl(raw: string): string {
  let url = raw;
  for (;;) {
    const last = url[url.length - 1];
    if (last === undefined) return url;
    if (TRAILING.has(last)) url = url.slice(0, -1);
    else if (last === ")" && count(url, "(") < count(url, ")")) url = url.slice(0, -1);
    else if (last === "]" && count(url, "[") < count(url, "]")) url = url.slice(0, -1);
    else return url;
  }
}

/** The host of a bare URL, lower-cased (`www.` kept; ownership lookups drop it). */
export function urlHost(url: string): string {
  const afterScheme = url.replace(/^https?:\/\//i, "");
  const end = afterScheme.search(/[/?#:]/);
  return (end < 0 ? afterScheme : afterScheme.slice(0, end)).toLowerCase();
}

const HOST = /^(?:[\p{L}\p{N}_](?:[\p{L}\p{N}_-]*[\p{L}\p{N}])?\.)+[\p{L}\p{N}-]*[\p{L}\p{N}]$/u;

function precededByWord(text: string, i: number): boolean {
  if (i === 0) return false;
  const prev = text.codePointAt(i - 1) as number;
  const cp = prev >= 0xdc00 && prev <= 0xdfff && i >= 2 ? (text.codePointAt(i - 2) as number) : prev;
  return isWordCodePoint(cp) || prev === 0x2e || prev === 0x2f || prev === 0x40 || prev === 0x3a;
}

/** Finds the bare URLs of a visible text, in order. */
export function findBareUrls(text: string): BareUrl[] {
  const found: BareUrl[] = [];
  START.lastIndex = 0;
  for (let m = START.exec(text); m !== null; m = START.exec(text)) {
    const start = m.index;
    if (precededByWord(text, start)) continue;
    BODY.lastIndex = start;
    const body = BODY.exec(text)?.[0] ?? "";
    const url = trimUrl(body);
    const host = urlHost(url);
    if (url.length > m[0].length && HOST.test(host)) {
      found.push({ start, end: start + url.length, url });
      START.lastIndex = start + url.length;
    } else {
      START.lastIndex = start + m[0].length;
    }
  }
  return found;
}
