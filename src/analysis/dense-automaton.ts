import type { Automaton } from "./automaton.ts";
import { FOLD_LOWER_TABLE, IGNORED, SEPARATOR } from "./normalize-text.ts";

/**
 * The automaton of `automaton.ts` as a full transition table, so the matcher takes one table read
 * per character instead of scanning edge lists and following fail links. The alphabet is
 * compressed to the characters some pattern uses (a few dozen for Latin brand names) plus one
 * class for every other character, which always leads back to the root. Built once per brand set.
 */
export interface DenseAutomaton {
  /** Class of each UTF-16 code unit of the raw text (folded, lower-cased); `SKIP` for ignored ones. */
  readonly classOf: Uint16Array;
  /** Class of the separator fed for a masked range. */
  readonly separatorClass: number;
  /** The number of classes: the width of a row of `next`. */
  readonly width: number;
  /**
   * `next[state * width + class]`: the state after reading a character of that class. States are
   * numbered breadth first (the shallow states most characters lead to share a few cache lines),
   * those where a pattern ends last; the root is 0.
   */
  readonly next: Uint16Array;
  /** States from this one on are where a pattern ends (own output or dictionary chain). */
  readonly firstReporting: number;
  /** The edge-list automaton's state for each dense state (its output and dictionary apply). */
  readonly stateOf: Int32Array;
}

/** `classOf` value of characters the matcher skips (spec §2.2: joiners, soft hyphen, BOM). */
export const SKIP = 0xffff;

/**
 * Most table entries built; above it (thousands of brands in scripts with large alphabets) the
 * matcher keeps the edge-list automaton, whose size grows with the patterns only.
 */
export const DENSE_LIMIT = 1 << 22;

/** States in breadth-first order: a state's fail target is shallower, so its row is ready first. */
function breadthFirst(a: Automaton): number[] {
  const order: number[] = [];
  for (let code = 0; code < 0x10000; code++) {
    if ((a.root[code] as number) !== 0) order.push(a.root[code] as number);
  }
  for (let head = 0; head < order.length; head++) {
    const s = order[head] as number;
    for (let e = a.edgeStart[s] as number; e < (a.edgeStart[s + 1] as number); e++) {
      if ((a.edgeNext[e] as number) !== s) order.push(a.edgeNext[e] as number);
    }
  }
  return order;
}

/** The dense form of `a`, or null when its table would exceed `limit` entries. */
export function densify(a: Automaton, limit = DENSE_LIMIT): DenseAutomaton | null {
  const classOfCode = new Map<number, number>();
  const classify = (code: number): void => {
    if (!classOfCode.has(code)) classOfCode.set(code, classOfCode.size + 1);
  };
  for (let code = 0; code < 0x10000; code++) if ((a.root[code] as number) !== 0) classify(code);
  for (const code of a.edgeCode) classify(code);
  const states = a.fail.length;
  const width = classOfCode.size + 1;
  if (states * width > limit || states > 0x10000 || width >= SKIP) return null;
  const reports = (s: number) =>
    s !== 0 && ((a.output[s] as number) >= 0 || (a.dictionary[s] as number) >= 0);
  const order = [0, ...breadthFirst(a)];
  const stateOf = Int32Array.from([...order.filter((s) => !reports(s)), ...order.filter(reports)]);
  const firstReporting = order.filter((s) => !reports(s)).length;
  const position = new Int32Array(states);
  stateOf.forEach((s, p) => {
    position[s] = p;
  });
  const next = new Uint16Array(states * width);
  for (const [code, cls] of classOfCode) next[cls] = position[a.root[code] as number] as number;
  for (const s of order.slice(1)) {
    const row = (position[s] as number) * width;
    const fallback = (position[a.fail[s] as number] as number) * width;
    next.copyWithin(row, fallback, fallback + width);
    // the edge-list matcher takes the first edge with the code, so earlier edges are written last
    for (let e = (a.edgeStart[s + 1] as number) - 1; e >= (a.edgeStart[s] as number); e--) {
      next[row + (classOfCode.get(a.edgeCode[e] as number) as number)] = position[
        a.edgeNext[e] as number
      ] as number;
    }
  }
  const classOf = new Uint16Array(0x10000);
  for (let raw = 0; raw < 0x10000; raw++) {
    const code = FOLD_LOWER_TABLE[raw] as number;
    classOf[raw] = code === IGNORED ? SKIP : (classOfCode.get(code) ?? 0);
  }
  return {
    classOf,
    separatorClass: classOfCode.get(SEPARATOR) ?? 0,
    width,
    next,
    firstReporting,
    stateOf,
  };
}
