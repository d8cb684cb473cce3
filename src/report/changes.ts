import type { BrandRef } from "./cell-accumulator.ts";
import type { AnswerFact } from "./facts.ts";
import type { Finding, MetricCell } from "./model.ts";
import { change, SIGNIFICANCE, twoProportionZTest } from "./stats.ts";

/** A finding before its excerpts are fetched: which answers to quote, best first. */
export interface FindingDraft extends Omit<Finding, "excerpts"> {
  quote: { answerId: number; brand: string | null }[];
}

/** The answers and cells of one period, as the change detection reads them. */
export interface PeriodFacts {
  answers: readonly AnswerFact[];
  cells: readonly MetricCell[];
}

/** Quotes per finding. */
export const EXCERPTS_PER_FINDING = 3;

const cellKey = (c: MetricCell) =>
  `${c.key.engine ?? ""}\u0000${c.key.stage ?? ""}\u0000${c.key.question ?? ""}`;

function indexCells(cells: readonly MetricCell[]): Map<string, MetricCell> {
  return new Map(cells.map((c) => [cellKey(c), c]));
}

/** The roll-ups whose movement we report: all engines, each engine, each stage. */
function moverCells(cells: readonly MetricCell[]): MetricCell[] {
  return cells.filter((c) => c.key.question === null && (c.key.engine === null || c.key.stage === null));
}

function inCell(cell: MetricCell): (a: AnswerFact) => boolean {
  const { engine, stage, question } = cell.key;
  return (a) =>
    (engine === null || a.engineId === engine) &&
    (stage === null || a.stage === stage) &&
    (question === null || a.questionId === question);
}

/**
 * Picks up to three answers to quote, newest first, taking engines in turn so one engine does
 * not fill every slot.
 */
export function pickQuotes(
  answers: readonly AnswerFact[],
  brandOf: (a: AnswerFact) => string | null,
): FindingDraft["quote"] {
  const byEngine = new Map<string, AnswerFact[]>();
  for (const a of [...answers].sort((x, y) => y.askedAt - x.askedAt || y.answerId - x.answerId)) {
    const list = byEngine.get(a.engineId) ?? [];
    list.push(a);
    byEngine.set(a.engineId, list);
  }
  const queues = [...byEngine.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, list]) => list);
  const out: FindingDraft["quote"] = [];
  for (let round = 0; out.length < EXCERPTS_PER_FINDING; round++) {
    let took = false;
    for (const q of queues) {
      const a = q[round];
      if (!a || out.length >= EXCERPTS_PER_FINDING) continue;
      out.push({ answerId: a.answerId, brand: brandOf(a) });
      took = true;
    }
    if (!took) break;
  }
  return out;
}

const mentions = (a: AnswerFact, brand: string) => a.mentions.some((m) => m.brand === brand);
const topBrand = (a: AnswerFact) =>
  a.mentions.reduce<{ brand: string; rank: number } | null>(
    (best, m) => (best === null || m.rank < best.rank ? { brand: m.brand, rank: m.rank } : best),
    null,
  )?.brand ?? null;

function subjectOf(cell: MetricCell): string {
  return cell.key.engine ?? cell.key.stage ?? "all";
}

/**
 * Our brand's significant moves (spec §6: a two-proportion z-test with p < 0.05) overall, per
 * engine and per stage, in that order (the cells' order). Insignificant moves produce nothing: the renderers say "no significant
 * change" from the rows' `change` instead.
 */
export function ownMovers(own: string, current: PeriodFacts, baseline: PeriodFacts): FindingDraft[] {
  const before = indexCells(baseline.cells);
  const drafts: FindingDraft[] = [];
  for (const cell of moverCells(current.cells)) {
    const prior = before.get(cellKey(cell));
    const now = cell.brands.find((b) => b.brand === own);
    const then = prior?.brands.find((b) => b.brand === own);
    if (!now || !then) continue;
    const c = change(then.mentionRate, now.mentionRate);
    if (!c.significant || c.delta === null || c.delta === 0) continue;
    const dropped = c.delta < 0;
    const answers = current.answers.filter(inCell(cell));
    // A drop is best shown by answers that name someone else instead of us; failing that, any without us.
    const without = answers.filter((a) => !mentions(a, own));
    const instead = without.filter((a) => a.mentions.length > 0);
    const quote = dropped
      ? pickQuotes(instead.length > 0 ? instead : without, topBrand)
      : pickQuotes(
          answers.filter((a) => mentions(a, own)),
          () => own,
        );
    drafts.push({
      kind: dropped ? "own-dropped" : "own-rose",
      subject: subjectOf(cell),
      brand: own,
      engine: cell.key.engine,
      stage: cell.key.stage,
      change: c,
      detail: { metric: "mentionRate", n: cell.n, baselineN: prior?.n ?? 0 },
      quote,
    });
  }
  return drafts;
}

/**
 * A competitor overtook us in a roll-up (all engines, an engine, a stage) when its mention rate is
 * now above ours and significantly so (z-test of the two rates in this period), while in the
 * baseline it was not above ours. `change` is the competitor's own move between the periods.
 */
export function overtakes(
  brands: readonly BrandRef[],
  current: PeriodFacts,
  baseline: PeriodFacts,
): FindingDraft[] {
  const own = brands.find((b) => b.role === "own")?.name ?? "";
  const before = indexCells(baseline.cells);
  const drafts: FindingDraft[] = [];
  for (const cell of moverCells(current.cells)) {
    const prior = before.get(cellKey(cell));
    if (!prior || prior.n === 0 || cell.n === 0) continue;
    const us = cell.brands.find((b) => b.brand === own)?.mentionRate;
    const usBefore = prior.brands.find((b) => b.brand === own)?.mentionRate;
    if (!us || !usBefore) continue;
    for (const brand of brands) {
      if (brand.role === "own") continue;
      const them = cell.brands.find((b) => b.brand === brand.name)?.mentionRate;
      const themBefore = prior.brands.find((b) => b.brand === brand.name)?.mentionRate;
      if (!them || !themBefore) continue;
      if ((them.value ?? 0) <= (us.value ?? 0) || (themBefore.value ?? 0) > (usBefore.value ?? 0)) continue;
      const gap = twoProportionZTest(us.successes, us.n, them.successes, them.n);
      if (!gap || gap.pValue >= SIGNIFICANCE) continue;
      const answers = current.answers.filter(inCell(cell));
      drafts.push({
        kind: "competitor-overtook",
        subject: subjectOf(cell),
        brand: brand.name,
        engine: cell.key.engine,
        stage: cell.key.stage,
        change: change(themBefore, them),
        detail: {
          ownRate: us.value,
          competitorRate: them.value,
          ownBefore: usBefore.value,
          competitorBefore: themBefore.value,
          pValue: gap.pValue,
          n: cell.n,
        },
        quote: pickQuotes(
          answers.filter((a) => mentions(a, brand.name) && !mentions(a, own)),
          () => brand.name,
        ),
      });
    }
  }
  return drafts;
}
