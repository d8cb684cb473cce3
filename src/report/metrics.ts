import { type BrandRef, CellAccumulator, scoreAnswer, scoreBuffer } from "./cell-accumulator.ts";
import type { AnswerFact, FailureFact } from "./facts.ts";
import type { MetricCell } from "./model.ts";
import { BrandSetCounter, MASK_BRANDS } from "./stability.ts";

/** Funnel stages in funnel order; a stage not listed sorts after them by name. */
export const STAGE_ORDER = ["awareness", "consideration", "purchase", "loyalty", "advocacy"] as const;

export interface MetricsInput {
  /** Id of the period every cell belongs to (`2026-W47`). */
  period: string;
  /** Tracked brands, our own among them (role `own`); cells list them in this order. */
  brands: readonly BrandRef[];
  /** The answers of the period. */
  answers: readonly AnswerFact[];
  /** The items of the period that failed for good (spec §7: never in n). */
  failures: readonly FailureFact[];
  /** Preferred order of engines and questions in the output (the query file's); others follow by name. */
  engineOrder?: readonly string[];
  questionOrder?: readonly string[];
}

/** Positions of dimension values; index 0 is reserved for "all". */
class Dimension {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  // Consecutive answers mostly share engine, stage and question (samples are stored together).
  private lastValue: string | null = null;
  private lastIndex = 0;
  of(value: string): number {
    if (value === this.lastValue) return this.lastIndex;
    let i = this.index.get(value);
    if (i === undefined) {
      this.values.push(value);
      i = this.values.length;
      this.index.set(value, i);
    }
    this.lastValue = value;
    this.lastIndex = i;
    return i;
  }
  name(i: number): string | null {
    return i === 0 ? null : (this.values[i - 1] ?? null);
  }
}

/**
 * Every metric cell of one period (spec §6): period × engine × stage × question, each dimension
 * also rolled up (null = all). Question cells carry their stage; the cells without a question are
 * all engine × stage combinations. Stability of a roll-up is the mean over its question × engine
 * groups (groups with at least two answers).
 */
export function computeCells(input: MetricsInput): MetricCell[] {
  const own = input.brands.find((b) => b.role === "own")?.name ?? "";
  const brandIndex = new Map(input.brands.map((b, i) => [b.name, i]));
  const engines = new Dimension();
  const stages = new Dimension();
  const questions = new Dimension();
  const cells = new Map<number, CellAccumulator>();
  // Strides leave room for every value a period can hold (keys stay exact integers).
  const E = 1 << 12;
  const S = 1 << 8;
  const cellsFor = (e: number, s: number, q: number): CellAccumulator[] => {
    const out: CellAccumulator[] = [];
    for (const [ee, ss, qq] of [
      [0, 0, 0],
      [e, 0, 0],
      [0, s, 0],
      [e, s, 0],
      [0, s, q],
      [e, s, q],
    ] as const) {
      const key = (qq * S + ss) * E + ee;
      let acc = cells.get(key);
      if (!acc) {
        acc = new CellAccumulator(
          {
            period: input.period,
            engine: engines.name(ee),
            stage: stages.name(ss),
            question: questions.name(qq),
          },
          input.brands.length,
        );
        cells.set(key, acc);
      }
      out.push(acc);
    }
    return out;
  };

  // Each answer goes into its question × engine group only; roll-ups are sums of groups.
  const groups = new Map<
    number,
    { e: number; s: number; q: number; acc: CellAccumulator; sets: BrandSetCounter }
  >();
  const groupOf = (e: number, s: number, q: number) => {
    const key = (q * S + s) * E + e;
    let group = groups.get(key);
    if (!group) {
      const acc = new CellAccumulator(
        { period: input.period, engine: null, stage: null, question: null },
        input.brands.length,
      );
      group = { e, s, q, acc, sets: new BrandSetCounter() };
      groups.set(key, group);
    }
    return group;
  };
  const useMasks = input.brands.length <= MASK_BRANDS;
  const scored = scoreBuffer(input.brands.length);
  for (const answer of input.answers) {
    const group = groupOf(
      engines.of(answer.engineId),
      stages.of(answer.stage),
      questions.of(answer.questionId),
    );
    scoreAnswer(answer, brandIndex, own, scored);
    group.acc.add(scored);
    if (useMasks) group.sets.addMask(scored.mask);
    else group.sets.add(Array.from(scored.brand.subarray(0, scored.count)).sort((x, y) => x - y));
  }
  for (const failure of input.failures)
    groupOf(engines.of(failure.engineId), stages.of(failure.stage), questions.of(failure.questionId)).acc
      .failed++;
  for (const { e, s, q, acc, sets } of groups.values()) {
    const stability = sets.stability();
    for (const target of cellsFor(e, s, q)) {
      target.merge(acc);
      if (stability !== null) target.addStability(stability);
    }
  }

  const order = cellOrder(input, engines, stages, questions);
  return [...cells.entries()]
    .sort(([a], [b]) => order(a) - order(b) || a - b)
    .map(([, acc]) => acc.toCell(input.brands));

  function cellOrder(
    options: MetricsInput,
    e: Dimension,
    s: Dimension,
    q: Dimension,
  ): (key: number) => number {
    const rank = (values: string[], preferred: readonly string[]) => {
      const sorted = [...values].sort((a, b) => {
        const pa = preferred.indexOf(a);
        const pb = preferred.indexOf(b);
        if (pa >= 0 && pb >= 0) return pa - pb;
        if (pa >= 0 || pb >= 0) return pa >= 0 ? -1 : 1;
        return a < b ? -1 : a > b ? 1 : 0;
      });
      const pos = new Map(sorted.map((v, i) => [v, i + 1]));
      return values.map((v) => pos.get(v) ?? 0);
    };
    const eRank = [0, ...rank(e.values, options.engineOrder ?? [])];
    const sRank = [0, ...rank(s.values, STAGE_ORDER)];
    const qRank = [0, ...rank(q.values, options.questionOrder ?? [])];
    // Roll-ups first: all questions before each question; within, engines then stages.
    return (key) => {
      const ee = key % E;
      const ss = Math.floor(key / E) % S;
      const qq = Math.floor(key / E / S);
      return ((qRank[qq] ?? 0) * S + (sRank[ss] ?? 0)) * E + (eRank[ee] ?? 0);
    };
  }
}
