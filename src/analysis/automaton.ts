/**
 * An Aho-Corasick automaton over UTF-16 code units: one left-to-right pass over a text finds every
 * occurrence of every pattern, whatever the number of patterns. Built once per brand set.
 *
 * The root's transitions are a 64K table (most characters of a text leave the root straight away);
 * every other state's transitions are a slice of two flat arrays, scanned linearly (deeper states
 * rarely have more than a few children). Typed arrays throughout: no Map lookups while scanning.
 */
export interface Automaton {
  readonly root: Int32Array;
  /** Transitions of state s: codes `edgeCode[edgeStart[s] .. edgeStart[s + 1])`, targets in `edgeNext`. */
  readonly edgeStart: Int32Array;
  readonly edgeCode: Int32Array;
  readonly edgeNext: Int32Array;
  readonly fail: Int32Array;
  /** Pattern id ending at each state, or -1. */
  readonly output: Int32Array;
  /** Nearest state on the fail chain with an output, or -1. */
  readonly dictionary: Int32Array;
}

/**
 * Builds the automaton; pattern i is `patterns[i]` (distinct, non-empty code sequences). Every state
 * entered by `repeatable` also loops on it, so a run of that code in the text reads as one (space
 * runs match an alias's single space without rewriting the text).
 */
export function buildAutomaton(patterns: readonly (readonly number[])[], repeatable = -1): Automaton {
  const children: Map<number, number>[] = [new Map()];
  const output: number[] = [-1];
  const loops: boolean[] = [false];
  patterns.forEach((codes, id) => {
    let state = 0;
    for (const code of codes) {
      const map = children[state] as Map<number, number>;
      let next = map.get(code);
      if (next === undefined) {
        next = children.length;
        children.push(new Map());
        output.push(-1);
        loops.push(code === repeatable);
        map.set(code, next);
      }
      state = next;
    }
    output[state] = id;
  });
  const n = children.length;
  const fail = new Int32Array(n);
  const dictionary = new Int32Array(n).fill(-1);
  const queue: number[] = [];
  for (const child of (children[0] as Map<number, number>).values()) queue.push(child);
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head] as number;
    for (const [code, child] of children[state] as Map<number, number>) {
      let f = fail[state] as number;
      while (f !== 0 && !(children[f] as Map<number, number>).has(code)) f = fail[f] as number;
      const target = (children[f] as Map<number, number>).get(code);
      fail[child] = target !== undefined && target !== child ? target : 0;
      const fc = fail[child] as number;
      dictionary[child] = (output[fc] as number) >= 0 ? fc : (dictionary[fc] as number);
      queue.push(child);
    }
  }
  const root = new Int32Array(0x10000);
  for (const [code, child] of children[0] as Map<number, number>) root[code] = child;
  const edgeStart = new Int32Array(n + 1);
  const edgeCode = new Int32Array(2 * n);
  const edgeNext = new Int32Array(2 * n);
  let e = 0;
  for (let s = 0; s < n; s++) {
    edgeStart[s] = e;
    if (s === 0) continue;
    for (const [code, child] of children[s] as Map<number, number>) {
      edgeCode[e] = code;
      edgeNext[e] = child;
      e++;
    }
    if (loops[s]) {
      edgeCode[e] = repeatable;
      edgeNext[e] = s;
      e++;
    }
  }
  edgeStart[n] = e;
  return {
    root,
    edgeStart,
    edgeCode: edgeCode.slice(0, e),
    edgeNext: edgeNext.slice(0, e),
    fail,
    output: Int32Array.from(output),
    dictionary,
  };
}
