/**
 * Character folding of spec §2.2, applied identically to the answer's visible text and to alias
 * texts so they compare equal. Folding works one UTF-16 code unit at a time and never changes the
 * length of the text it is given (ignored characters are skipped by the caller, not deleted), so every
 * folded position still maps back to the original string.
 */

/** Result of `foldCode` for characters that are not there for matching (joiners, soft hyphen, BOM). */
export const IGNORED = -1;

/** Code the matcher feeds for a boundary between blocks or table cells; no alias contains it. */
export const SEPARATOR = 0;

const SPACE = 0x20;
const APOSTROPHE = 0x27;
const HYPHEN = 0x2d;

/**
 * Typographic folding of one code unit: apostrophes `’` `ʼ` → `'`; hyphens `‐` `‑` → `-`; every
 * space, no-break space, narrow no-break space, line break and the zero-width space → ` `; zero-width
 * joiners, word joiner, byte-order mark and soft hyphen → `IGNORED`. Case is left alone.
 */
export function foldCode(code: number): number {
  if (code < 0x80) {
    if (code === SPACE || (code >= 0x09 && code <= 0x0d)) return SPACE;
    return code;
  }
  switch (code) {
    case 0x2019:
    case 0x02bc:
      return APOSTROPHE;
    case 0x2010:
    case 0x2011:
      return HYPHEN;
    case 0x00a0:
    case 0x202f:
    case 0x200b:
    case 0x2028:
    case 0x2029:
    case 0x205f:
    case 0x3000:
    case 0x1680:
    case 0x0085:
      return SPACE;
    case 0x200c:
    case 0x200d:
    case 0x2060:
    case 0xfeff:
    case 0x00ad:
      return IGNORED;
    default:
      return code >= 0x2000 && code <= 0x200a ? SPACE : code;
  }
}

/** `foldCode` of every UTF-16 code unit, case kept: the check of case-sensitive aliases. */
export const FOLD_TABLE: Int32Array = new Int32Array(0x10000).map((_, code) => foldCode(code));

/**
 * `foldCode` of the lower case of every UTF-16 code unit: the matcher's inner loop reads the text
 * through this table instead of lower-casing it first. Characters whose lower case is not one code
 * unit (`İ`) keep their own case.
 */
export const FOLD_LOWER_TABLE: Int32Array = buildFoldLower();

function buildFoldLower(): Int32Array {
  const table = FOLD_TABLE.slice();
  // one toLowerCase per chunk of 512 characters (spaced, so no neighbour changes a case mapping)
  // instead of 65,536 calls; most chunks have no upper case at all
  const spaced = new Uint16Array(1024).fill(SPACE);
  for (let from = 0; from < 0x10000; from += 512) {
    for (let k = 0; k < 512; k++) spaced[2 * k] = from + k;
    const text = String.fromCharCode(...spaced);
    const lower = text.toLowerCase();
    if (lower === text) continue;
    const aligned = lower.length === text.length;
    for (let c = from; c < from + 512; c++) {
      const one = aligned ? "" : String.fromCharCode(c).toLowerCase();
      table[c] = foldCode(
        aligned ? lower.charCodeAt(2 * (c - from)) : one.length === 1 ? one.charCodeAt(0) : c,
      );
    }
  }
  return table;
}

const wordCache = new Uint8Array(0x10000);
const wordChar = /[\p{L}\p{N}\p{M}]/u;

/**
 * True when the code point is a letter, digit or combining mark (a mark belongs to the letter
 * before it). This decides word boundaries (spec §2.3).
 */
export function isWordCodePoint(cp: number): boolean {
  if (cp < 0x80) {
    return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
  }
  if (cp > 0xffff) return wordChar.test(String.fromCodePoint(cp));
  let known = wordCache[cp] as number;
  if (known === 0) {
    known = wordChar.test(String.fromCharCode(cp)) ? 2 : 1;
    wordCache[cp] = known;
  }
  return known === 2;
}

/*
 * Tests on single UTF-16 code units that answer exactly what a RegExp test on that one character
 * would, without building a one-character string per test (the sentence splitter looks at the
 * characters around every sentence end).
 */

/** `/\s/.test(ch)`: ECMAScript white space and line terminators. */
export function isSpaceUnit(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

const lowerCache = new Uint8Array(0x10000);
const lowerCase = /\p{Ll}/u;

/** `/\p{Ll}/u.test(ch)` for the one code unit `c` (a lone surrogate is no letter). */
export function isLowerCaseUnit(c: number): boolean {
  if (c < 0x80) return c >= 0x61 && c <= 0x7a;
  let known = lowerCache[c] as number;
  if (known === 0) {
    known = lowerCase.test(String.fromCharCode(c)) ? 2 : 1;
    lowerCache[c] = known;
  }
  return known === 2;
}

/**
 * Folds text for a pattern: folded (and, with `lower`, lower-cased) code units, ignored characters
 * dropped and space runs collapsed.
 */
export function foldPattern(text: string, lower: boolean): number[] {
  const table = lower ? FOLD_LOWER_TABLE : FOLD_TABLE;
  const codes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = table[text.charCodeAt(i)] as number;
    if (code === IGNORED) continue;
    if (code === SPACE && (codes.length === 0 || codes[codes.length - 1] === SPACE)) continue;
    codes.push(code);
  }
  while (codes.length > 0 && codes[codes.length - 1] === SPACE) codes.pop();
  return codes;
}

/**
 * The comparison key of a text for case-insensitive equality under spec §2.2 folding (used to tell
 * whether a link's text is a tracked alias).
 */
export function foldKey(text: string, caseSensitive: boolean): string {
  let key = "";
  for (const code of foldPattern(text, !caseSensitive)) key += String.fromCharCode(code);
  return key;
}
