import { type DenseAutomaton, SKIP } from "./dense-automaton.ts";
import type { CompiledBrands, Pattern } from "./matcher.ts";
import {
  FOLD_LOWER_TABLE,
  FOLD_TABLE,
  foldCode,
  IGNORED,
  isWordCodePoint,
  SEPARATOR,
} from "./normalize-text.ts";

/**
 * The matching pass of spec §2.2–2.3 over an answer's visible text: one automaton run, then the
 * word-boundary and case checks on the few places it reports.
 */

const SPACE = 0x20;

/** A match in the visible text before overlaps are resolved (spec §2.5). */
export interface RawMatch {
  /** Index of the brand in the compiled brand set. */
  brand: number;
  /** Visible-text range [start, end). */
  start: number;
  end: number;
  /** Length in folded code units (the longest match wins). */
  length: number;
}

/** Visible-text ranges whose text is not searched (bare URLs), ascending and disjoint. */
export interface Mask {
  start: number;
  end: number;
}

/** Pushes (pattern id, index) for every pattern ending at `state` (its own and its dictionary chain). */
function report(output: Int32Array, dictionary: Int32Array, state: number, i: number, hits: number[]): void {
  for (let s = (output[state] as number) >= 0 ? state : (dictionary[state] as number); s >= 0; ) {
    hits.push(output[s] as number, i);
    s = dictionary[s] as number;
  }
}

/** `feed` on the transition table: the same states, one table read per character. */
function feedDense(
  compiled: CompiledBrands,
  dense: DenseAutomaton,
  text: string,
  masks: readonly Mask[],
): number[] {
  const { classOf, separatorClass, width, next, firstReporting, stateOf } = dense;
  const { output, dictionary } = compiled.automaton;
  const hits: number[] = [];
  let state = 0;
  let m = 0;
  let nextMask = masks.length > 0 ? (masks[0] as Mask).start : -1;
  for (let i = 0; i < text.length; i++) {
    let cls: number;
    if (i === nextMask) {
      cls = separatorClass;
      i = (masks[m] as Mask).end - 1;
      m++;
      nextMask = m < masks.length ? (masks[m] as Mask).start : -1;
    } else {
      cls = classOf[text.charCodeAt(i)] as number;
      if (cls === SKIP) continue;
    }
    state = next[state * width + cls] as number;
    if (state >= firstReporting) report(output, dictionary, stateOf[state] as number, i, hits);
  }
  return hits;
}

/**
 * Runs the folded, lower-cased text through the automaton (ignored characters skipped, each masked
 * range read as one separator) and returns pairs (pattern id, text index of its last character).
 */
function feed(compiled: CompiledBrands, text: string, masks: readonly Mask[]): number[] {
  if (compiled.dense !== null) return feedDense(compiled, compiled.dense, text, masks);
  const { root, edgeStart, edgeCode, edgeNext, fail, output, dictionary } = compiled.automaton;
  const hits: number[] = [];
  let state = 0;
  let m = 0;
  let nextMask = masks.length > 0 ? (masks[0] as Mask).start : -1;
  for (let i = 0; i < text.length; i++) {
    let code: number;
    if (i === nextMask) {
      code = SEPARATOR;
      i = (masks[m] as Mask).end - 1;
      m++;
      nextMask = m < masks.length ? (masks[m] as Mask).start : -1;
    } else {
      code = FOLD_LOWER_TABLE[text.charCodeAt(i)] as number;
      if (code === IGNORED) continue;
    }
    for (;;) {
      if (state === 0) {
        state = root[code] as number;
        break;
      }
      let e = edgeStart[state] as number;
      const end = edgeStart[state + 1] as number;
      while (e < end && edgeCode[e] !== code) e++;
      if (e < end) {
        state = edgeNext[e] as number;
        break;
      }
      state = fail[state] as number;
    }
    if (state !== 0 && ((output[state] as number) >= 0 || (dictionary[state] as number) >= 0)) {
      report(output, dictionary, state, i, hits);
    }
  }
  return hits;
}

/**
 * Where each code unit of a pattern ending at `last` sits in the text, found walking back: ignored
 * characters are skipped and a space of the pattern takes the whole run of spaces. Returns where
 * the first one sits; `at`, when given, receives every position.
 */
function alignBack(text: string, codes: readonly number[], last: number, at?: number[]): number {
  let j = last;
  let start = last;
  for (let k = codes.length - 1; k >= 0; k--) {
    while (FOLD_TABLE[text.charCodeAt(j)] === IGNORED) j--;
    if (codes[k] === SPACE) {
      while (
        j > 0 &&
        (FOLD_TABLE[text.charCodeAt(j - 1)] === SPACE || FOLD_TABLE[text.charCodeAt(j - 1)] === IGNORED)
      )
        j--;
    }
    if (at !== undefined) at[k] = j;
    start = j;
    j--;
  }
  return start;
}

/** The folded code point before index i (ignored characters skipped), or -1 at the start. */
function codePointBefore(text: string, i: number): number {
  let j = i - 1;
  while (j >= 0 && FOLD_TABLE[text.charCodeAt(j)] === IGNORED) j--;
  if (j < 0) return -1;
  const c = FOLD_TABLE[text.charCodeAt(j)] as number;
  return c >= 0xdc00 && c <= 0xdfff && j > 0 ? (text.codePointAt(j - 1) as number) : c;
}

function indexAfter(text: string, i: number): number {
  let j = i;
  while (j < text.length && FOLD_TABLE[text.charCodeAt(j)] === IGNORED) j++;
  return j;
}

/** Whether the character at i is a letter or digit once folded (`ʼ` is a letter to Unicode, an apostrophe here). */
function isWordAt(text: string, i: number): boolean {
  if (i >= text.length) return false;
  const c = FOLD_TABLE[text.charCodeAt(i)] as number;
  return isWordCodePoint(c >= 0xd800 && c <= 0xdbff ? (text.codePointAt(i) as number) : c);
}

/**
 * Word boundaries of spec §2.3: no letter or digit right before or after, except a Scandinavian
 * genitive `s` (`Fikens`); `'s`, `'` and `-compound` endings already start with a non-letter.
 */
function atWordBoundary(text: string, start: number, end: number): boolean {
  const before = codePointBefore(text, start);
  if (before >= 0 && isWordCodePoint(before)) return false;
  const after = indexAfter(text, end);
  if (!isWordAt(text, after)) return true;
  const c = text.charCodeAt(after);
  return (c === 0x73 || c === 0x53) && !isWordAt(text, indexAfter(text, after + 1));
}

function sameCase(text: string, at: readonly number[], exact: readonly number[]): boolean {
  for (let k = 0; k < exact.length; k++) {
    if (foldCode(text.charCodeAt(at[k] as number)) !== exact[k]) return false;
  }
  return true;
}

/** Finds every alias, name and domain occurrence in `text` that passes the case and boundary rules. */
export function scanMatches(compiled: CompiledBrands, text: string, masks: readonly Mask[]): RawMatch[] {
  const hits = feed(compiled, text, masks);
  const matches: RawMatch[] = [];
  for (let h = 0; h < hits.length; h += 2) {
    const pattern = compiled.patterns[hits[h] as number] as Pattern;
    const last = hits[h + 1] as number;
    const start = alignBack(text, pattern.codes, last);
    const end = last + 1;
    if (!atWordBoundary(text, start, end)) continue;
    let at: number[] | undefined;
    let previous = -1;
    for (const entry of pattern.entries) {
      // entries of one brand are adjacent; count the brand once
      if (entry.brand === previous) continue;
      if (entry.exact !== null) {
        if (at === undefined) {
          at = new Array<number>(pattern.codes.length);
          alignBack(text, pattern.codes, last, at);
        }
        if (!sameCase(text, at, entry.exact)) continue;
      }
      previous = entry.brand;
      matches.push({ brand: entry.brand, start, end, length: pattern.codes.length });
    }
  }
  return matches;
}
