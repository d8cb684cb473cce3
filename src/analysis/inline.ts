import { decodeEntityAt, isAsciiPunctuation } from "./entities.ts";
import type { InlineContext } from "./inline-links.ts";
import { autolinkAt, emitLink, htmlTagAt, linkAt, pillGroupAt } from "./inline-links.ts";
import { copyLeafText, type LeafSource, leafOffset } from "./leaf-source.ts";
import { codeSpanAt, runLength } from "./link-syntax.ts";

/**
 * Reads the inline markdown of one leaf block into visible text (spec §2.1) and link occurrences.
 * A single left-to-right pass following CommonMark's inline precedence (code spans, then links and
 * autolinks/HTML, then emphasis), cross-checked against marked's inline lexer in the tests. Emphasis
 * and strikethrough markers are dropped by CommonMark's flanking rules; which opener pairs with
 * which closer does not change what the reader sees, so it is not resolved.
 */

const BACKSLASH = 0x5c;
const BACKTICK = 0x60;

const punctuation = /[\p{P}\p{S}]/u;
/** The characters that can start inline syntax; everything between them is plain text. */
const SPECIAL = /[\\`&<![(*_~]/g;

function isSpaceAt(s: string, i: number): boolean {
  if (i < 0 || i >= s.length) return true;
  const c = s.charCodeAt(i);
  return c <= 0x20 || c === 0xa0 || (c >= 0x2000 && c <= 0x200b) || c === 0x202f || c === 0x3000;
}

function isPunctuationAt(s: string, i: number): boolean {
  if (i < 0 || i >= s.length) return false;
  const c = s.charCodeAt(i);
  if (c < 0x80) return isAsciiPunctuation(c);
  return punctuation.test(s[i] as string);
}

/** An ASCII letter's lower case, as a case-insensitive RegExp compares it; other codes unchanged. */
function lowerAscii(c: number): number {
  return c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
}

/** True when `/https?:\/\/|www\./i` matches at `s[p]` and ends by `end`. */
function urlStartAt(s: string, p: number, end: number): boolean {
  const c = lowerAscii(s.charCodeAt(p));
  if (c === 0x77) {
    return (
      p + 4 <= end &&
      lowerAscii(s.charCodeAt(p + 1)) === 0x77 &&
      lowerAscii(s.charCodeAt(p + 2)) === 0x77 &&
      s.charCodeAt(p + 3) === 0x2e
    );
  }
  if (c !== 0x68 || p + 7 > end) return false;
  if (lowerAscii(s.charCodeAt(p + 1)) !== 0x74 || lowerAscii(s.charCodeAt(p + 2)) !== 0x74) return false;
  if (lowerAscii(s.charCodeAt(p + 3)) !== 0x70) return false;
  const q = lowerAscii(s.charCodeAt(p + 4)) === 0x73 ? p + 5 : p + 4;
  return (
    q + 3 <= end && s.charCodeAt(q) === 0x3a && s.charCodeAt(q + 1) === 0x2f && s.charCodeAt(q + 2) === 0x2f
  );
}

/** True when `s[i]` sits inside a bare URL (GFM reads those before emphasis: `a_(b)` stays). */
export function insideUrl(s: string, i: number): boolean {
  let j = i;
  while (j > 0 && i - j < 2048 && !isSpaceAt(s, j - 1)) j--;
  for (let p = j; p < i; p++) if (urlStartAt(s, p, i)) return true;
  return false;
}

/** True when the run of `n` delimiter characters at `s[i]` can open or close emphasis (CommonMark 6.2). */
function isEmphasisMarker(s: string, i: number, n: number, code: number): boolean {
  if (code === 0x7e && n > 2) return false;
  if (i > 0 && !isSpaceAt(s, i - 1) && insideUrl(s, i)) return false;
  const before = i - 1;
  const after = i + n;
  const spaceBefore = isSpaceAt(s, before);
  const spaceAfter = isSpaceAt(s, after);
  const punctBefore = isPunctuationAt(s, before);
  const punctAfter = isPunctuationAt(s, after);
  const left = !spaceAfter && (!punctAfter || spaceBefore || punctBefore);
  const right = !spaceBefore && (!punctBefore || spaceAfter || punctAfter);
  if (code !== 0x5f) return left || right;
  return (left && (!right || punctBefore)) || (right && (!left || punctAfter));
}

/** Reads `leaf.text[from, to)` into `ctx.out` and `ctx.links`. */
export function readInline(
  ctx: InlineContext,
  leaf: LeafSource,
  from: number,
  to: number,
  inLink = false,
): void {
  const s = leaf.text;
  let i = from;
  let textStart = from;
  const flush = (upTo: number): void => {
    if (upTo > textStart) copyLeafText(ctx.out, ctx.source, leaf, textStart, upTo);
  };
  const skipTo = (next: number): void => {
    i = next;
    textStart = next;
  };
  while (i < to) {
    SPECIAL.lastIndex = i;
    i = SPECIAL.test(s) ? SPECIAL.lastIndex - 1 : to;
    if (i >= to) break;
    const c = s.charCodeAt(i);
    if (c === BACKSLASH) {
      if (i + 1 < to && isAsciiPunctuation(s.charCodeAt(i + 1))) {
        flush(i);
        ctx.out.decoded(s[i + 1] as string, leafOffset(leaf, i), leafOffset(leaf, i) + 2);
        skipTo(i + 2);
      } else i++;
    } else if (c === BACKTICK) {
      const span = codeSpanAt(s, i, to);
      if (span === null) i += runLength(s, i, to, BACKTICK);
      else {
        flush(i);
        copyLeafText(ctx.out, ctx.source, leaf, span.contentStart, span.contentEnd);
        skipTo(span.end);
      }
    } else if (c === 0x26) {
      const entity = decodeEntityAt(s, i);
      if (entity === null || entity.end > to) i++;
      else {
        flush(i);
        ctx.out.decoded(entity.text, leafOffset(leaf, i), leafOffset(leaf, entity.end));
        skipTo(entity.end);
      }
    } else if (c === 0x3c) {
      const end = autolinkAt(ctx, leaf, i, to, flush) ?? htmlTagAt(ctx, leaf, i, to, flush);
      if (end === null) i++;
      else skipTo(end);
    } else if (c === 0x5b || (c === 0x21 && s.charCodeAt(i + 1) === 0x5b)) {
      const image = c === 0x21;
      const link = inLink && !image ? null : linkAt(ctx, s, image ? i + 1 : i, to);
      if (link !== null) {
        flush(i);
        if (!image) emitLink(ctx, leaf, i, link, (a, b) => readInline(ctx, leaf, a, b, true));
        skipTo(link.end);
      } else {
        const group = image || inLink ? null : pillGroupAt(ctx, leaf, i, to);
        if (group === null) i += image ? 2 : 1;
        else {
          flush(i);
          skipTo(group);
        }
      }
    } else if (c === 0x28 && !inLink) {
      const group = pillGroupAt(ctx, leaf, i, to);
      if (group === null) i++;
      else {
        flush(i);
        skipTo(group);
      }
    } else if (c === 0x2a || c === 0x5f || c === 0x7e) {
      const n = runLength(s, i, to, c);
      if (isEmphasisMarker(s, i, n, c)) {
        flush(i);
        skipTo(i + n);
      } else i += n;
    } else i++;
  }
  flush(to);
}
