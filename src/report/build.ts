import type { BrandRef } from "./cell-accumulator.ts";
import { type FindingDraft, overtakes, ownMovers } from "./changes.ts";
import { domainChanges } from "./domain-changes.ts";
import { domainRows, domainStats, pageRows } from "./domains.ts";
import type { ExcerptRequest, ExcerptsFor } from "./excerpt.ts";
import type { AnswerFact, FailureFact, MissedSlotFact } from "./facts.ts";
import { computeCells } from "./metrics.ts";
import type { BrandMetrics, Finding, MetricCell, ReportModel } from "./model.ts";
import { reportNotes } from "./notes.ts";
import { opportunities } from "./opportunities.ts";
import { type ReportPeriod, toModelPeriod, weeksEndingWith } from "./periods.ts";
import { engineRows, scorecard } from "./rows.ts";
import { buildTrends, DEFAULT_TREND_WEEKS } from "./trends.ts";

/** Everything a report is computed from; no I/O, no clock (`now` is given). */
export interface ReportData {
  /** Tracked brands in query-file order; exactly one has role `own`. */
  brands: readonly BrandRef[];
  period: ReportPeriod;
  /** The period compared against (null: no comparison). */
  baseline: ReportPeriod | null;
  /** Weekly points in the trend charts (default 8, at least the period's weeks). */
  trendWeeks?: number;
  language: "en" | "nb";
  /** IANA zone the periods were resolved in. */
  timezone: string;
  /** Answers of the period, the baseline and the trend window (others are ignored). */
  answers: readonly AnswerFact[];
  /** Failed items of the same window. */
  failures: readonly FailureFact[];
  missedSlots: readonly MissedSlotFact[];
  /** Engines in query-file order with their labels. */
  engines: readonly { id: string; label: string }[];
  /** Question ids in query-file order. */
  questionOrder?: readonly string[];
  /** ms since the epoch */
  now: number;
}

export interface ReportInput extends ReportData {
  excerptsFor: ExcerptsFor;
}

/** A computed report whose findings still need their excerpts. */
export interface PreparedReport {
  model: ReportModel;
  drafts: FindingDraft[];
}

// Plain loops with numeric bounds: filter callbacks over a year of facts were a tenth of the build.
function answersIn(list: readonly AnswerFact[], p: { startMs: number; endMs: number }): AnswerFact[] {
  const out: AnswerFact[] = [];
  const { startMs, endMs } = p;
  for (const a of list) if (a.askedAt >= startMs && a.askedAt < endMs) out.push(a);
  return out;
}

function failuresIn(list: readonly FailureFact[], p: { startMs: number; endMs: number }): FailureFact[] {
  const out: FailureFact[] = [];
  const { startMs, endMs } = p;
  for (const f of list) if (f.at >= startMs && f.at < endMs) out.push(f);
  return out;
}

/** The report model (pure): `prepareReport`, then the excerpts through `excerptsFor`. */
export function buildReport(input: ReportInput): ReportModel {
  return finishReport(prepareReport(input), input.excerptsFor);
}

/** The answers the findings want quoted (for storage to fetch before `finishReport`). */
export function excerptRequests(prepared: PreparedReport): ExcerptRequest[] {
  return prepared.drafts.flatMap((d) => d.quote);
}

/** Fills each finding's excerpts, in the order its draft asked for them. */
export function finishReport(prepared: PreparedReport, excerptsFor: ExcerptsFor): ReportModel {
  const findings: Finding[] = prepared.drafts.map(({ quote, ...finding }) => {
    const excerpts = [];
    for (const brand of new Set(quote.map((q) => q.brand))) {
      const ids = quote.filter((q) => q.brand === brand).map((q) => q.answerId);
      excerpts.push(...excerptsFor(ids, brand));
    }
    const order = new Map(quote.map((q, i) => [q.answerId, i]));
    excerpts.sort((a, b) => (order.get(a.answerId) ?? 0) - (order.get(b.answerId) ?? 0));
    return { ...finding, excerpts };
  });
  return { ...prepared.model, findings };
}

/** Every number of the report; findings carry the answers to quote instead of excerpts. */
export function prepareReport(data: ReportData): PreparedReport {
  const own = data.brands.find((b) => b.role === "own");
  if (!own) throw new Error("report: no brand has role 'own'");
  const answers = answersIn(data.answers, data.period);
  const failures = failuresIn(data.failures, data.period);
  const cellsOf = (period: ReportPeriod, a: readonly AnswerFact[], f: readonly FailureFact[]): MetricCell[] =>
    computeCells({
      period: period.id,
      brands: data.brands,
      answers: a,
      failures: f,
      engineOrder: data.engines.map((e) => e.id),
      ...(data.questionOrder ? { questionOrder: data.questionOrder } : {}),
    });
  const cells = cellsOf(data.period, answers, failures);
  const base = data.baseline;
  const baselineAnswers = base ? answersIn(data.answers, base) : [];
  const baselineCells = base ? cellsOf(base, baselineAnswers, failuresIn(data.failures, base)) : [];
  const comparable = base !== null && baselineAnswers.length > 0;

  const current = { answers, cells };
  const before = { answers: baselineAnswers, cells: baselineCells };
  const stats = domainStats(answers);
  const baselineStats = domainStats(baselineAnswers);
  const drafts = comparable
    ? [
        ...ownMovers(own.name, current, before),
        ...overtakes(data.brands, current, before),
        ...domainChanges({ answers, stats }, { answers: baselineAnswers, stats: baselineStats }),
      ]
    : [];
  drafts.push(...opportunities(data.brands, cells, answers));

  const overall = cells.find((c) => c.key.engine === null && c.key.stage === null && c.key.question === null);
  const weeks = weeksEndingWith(
    data.period.last,
    Math.max(data.trendWeeks ?? DEFAULT_TREND_WEEKS, data.period.weeks),
    data.timezone,
  );
  const trendAnswers = answersIn(data.answers, {
    startMs: weeks[0]?.startMs ?? data.period.startMs,
    endMs: data.period.endMs,
  });
  const engineIds = new Set([...answers.map((a) => a.engineId), ...failures.map((f) => f.engineId)]);
  const replay = data.answers.some((a) => a.surface === "replay");
  const model: ReportModel = {
    schemaVersion: 1,
    generatedAt: new Date(data.now).toISOString(),
    brand: own.name,
    competitors: data.brands.filter((b) => b.role === "competitor").map((b) => b.name),
    language: data.language,
    timezone: data.timezone,
    period: toModelPeriod(data.period),
    baseline: base ? toModelPeriod(base) : null,
    replay,
    totals: {
      answers: answers.length,
      failed: failures.length,
      engines: engineIds.size,
      questions: new Set([...answers.map((a) => a.questionId), ...failures.map((f) => f.questionId)]).size,
      costUsd: answers.reduce((sum, a) => sum + (a.costUsd ?? 0), 0),
    },
    scorecard: scorecard(own.name, cells, comparable ? baselineCells : []),
    engines: engineRows(own.name, cells, comparable ? baselineCells : [], answers, data.engines),
    leaderboard: leaderboard(overall?.brands ?? []),
    trends: buildTrends({ weeks, brands: data.brands, answers: trendAnswers, engines: data.engines }),
    domains: domainRows(
      stats,
      answers.length,
      comparable ? { stats: baselineStats, n: baselineAnswers.length } : null,
    ),
    pages: pageRows(answers),
    findings: [],
    cells,
    missedSlots: data.missedSlots.map((m) => ({
      schedule: m.schedule,
      slot: new Date(m.slot).toISOString(),
    })),
    notes: reportNotes(data.language, {
      directional: cells.some((c) => c.n > 0 && c.n < 10),
      failed: failures.length,
      replay,
      emptyBaseline: base !== null && !comparable,
      wordShareMissing:
        answers.some((a) => a.mentions.length > 0) &&
        answers.every((a) => a.mentions.every((m) => m.wordShare === 0)),
    }),
  };
  return { model, drafts };
}

/** Brands by mention rate, highest first (a gap last), then share of voice, then name. */
function leaderboard(brands: readonly BrandMetrics[]): BrandMetrics[] {
  return [...brands].sort(
    (a, b) =>
      (b.mentionRate.value ?? -1) - (a.mentionRate.value ?? -1) ||
      (b.shareOfVoice ?? -1) - (a.shareOfVoice ?? -1) ||
      (a.brand < b.brand ? -1 : a.brand > b.brand ? 1 : 0),
  );
}
