import type { BrandRef } from "./cell-accumulator.ts";
import type { AnswerFact } from "./facts.ts";
import type { Rate, Trend, TrendMarker } from "./model.ts";
import type { ReportPeriod } from "./periods.ts";
import { rate } from "./stats.ts";

/** Number of weekly points in the trend charts unless the report spans more weeks. */
export const DEFAULT_TREND_WEEKS = 8;

/** Series name of the all-engines line in the per-engine trend. */
export const ALL_ENGINES = "all";

export interface TrendInput {
  /** The weekly periods of the chart, oldest first. */
  weeks: readonly ReportPeriod[];
  brands: readonly BrandRef[];
  /** Any answers; those outside the weeks are ignored. */
  answers: readonly AnswerFact[];
  /** Engines in display order, with their labels. */
  engines: readonly { id: string; label: string }[];
}

interface WeekTally {
  n: number;
  mentioned: Int32Array;
  engineN: Map<string, number>;
  engineOwn: Map<string, number>;
  /** Latest question version and served model seen in the week (by askedAt). */
  version: Map<string, { at: number; value: string }>;
  model: Map<string, { at: number; value: string }>;
}

/** Index of the week containing `t`, or −1 (weeks are contiguous and sorted). */
function weekIndex(starts: readonly number[], end: number, t: number): number {
  if (t < (starts[0] ?? Number.POSITIVE_INFINITY) || t >= end) return -1;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function latest(map: Map<string, { at: number; value: string }>, key: string, at: number, value: string) {
  const cur = map.get(key);
  if (!cur || at >= cur.at) map.set(key, { at, value });
}

/**
 * Two weekly trend charts: our mention rate overall and per engine, and every tracked brand's
 * mention rate over all engines. Both carry markers where a question's text (version) or an
 * engine's served model changed from the previous week it was seen (spec §1).
 */
export function buildTrends(input: TrendInput): Trend[] {
  const own = input.brands.find((b) => b.role === "own")?.name ?? "";
  const brandIndex = new Map(input.brands.map((b, i) => [b.name, i]));
  const starts = input.weeks.map((w) => w.startMs);
  const end = input.weeks.at(-1)?.endMs ?? 0;
  const tallies: WeekTally[] = input.weeks.map(() => ({
    n: 0,
    mentioned: new Int32Array(input.brands.length),
    engineN: new Map(),
    engineOwn: new Map(),
    version: new Map(),
    model: new Map(),
  }));
  const engineIds = new Set(input.engines.map((e) => e.id));
  const extraEngines = new Set<string>();
  for (const a of input.answers) {
    const tally = tallies[weekIndex(starts, end, a.askedAt)];
    if (!tally) continue;
    tally.n++;
    tally.engineN.set(a.engineId, (tally.engineN.get(a.engineId) ?? 0) + 1);
    if (!engineIds.has(a.engineId)) extraEngines.add(a.engineId);
    for (const m of a.mentions) {
      const b = brandIndex.get(m.brand);
      if (b === undefined) continue;
      tally.mentioned[b] = (tally.mentioned[b] ?? 0) + 1;
      if (m.brand === own) tally.engineOwn.set(a.engineId, (tally.engineOwn.get(a.engineId) ?? 0) + 1);
    }
    latest(tally.version, a.questionId, a.askedAt, a.questionVersion);
    if (a.servedModel) latest(tally.model, a.engineId, a.askedAt, a.servedModel);
  }

  const engines = [...input.engines.map((e) => e.id), ...[...extraEngines].sort()];
  const labels: Record<string, string> = { [ALL_ENGINES]: ALL_ENGINES };
  for (const e of input.engines) labels[e.id] = e.label;
  const ownIndex = brandIndex.get(own) ?? -1;
  const markers = trendMarkers(input.weeks, tallies);

  const byEngine: Trend = {
    title: `mention rate of ${own} by engine`,
    series: [ALL_ENGINES, ...engines],
    points: input.weeks.map((w, i) => {
      const t = tallies[i] as WeekTally;
      const values: Record<string, Rate> = { [ALL_ENGINES]: rate(t.mentioned[ownIndex] ?? 0, t.n) };
      for (const e of engines) values[e] = rate(t.engineOwn.get(e) ?? 0, t.engineN.get(e) ?? 0);
      return { period: w.id, values };
    }),
    markers,
    seriesLabels: labels,
  };
  const byBrand: Trend = {
    title: "mention rate by brand, all engines",
    series: input.brands.map((b) => b.name),
    points: input.weeks.map((w, i) => {
      const t = tallies[i] as WeekTally;
      const values: Record<string, Rate> = {};
      input.brands.forEach((b, k) => {
        values[b.name] = rate(t.mentioned[k] ?? 0, t.n);
      });
      return { period: w.id, values };
    }),
    markers,
  };
  return [byEngine, byBrand];
}

function trendMarkers(weeks: readonly ReportPeriod[], tallies: readonly WeekTally[]): TrendMarker[] {
  const markers: TrendMarker[] = [];
  const lastVersion = new Map<string, string>();
  const lastModel = new Map<string, string>();
  weeks.forEach((w, i) => {
    const t = tallies[i] as WeekTally;
    for (const [question, { value }] of [...t.version].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const before = lastVersion.get(question);
      if (before !== undefined && before !== value)
        markers.push({
          period: w.id,
          kind: "question-text-changed",
          subject: question,
          detail: `${before} → ${value}`,
        });
      lastVersion.set(question, value);
    }
    for (const [engine, { value }] of [...t.model].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const before = lastModel.get(engine);
      if (before !== undefined && before !== value)
        markers.push({
          period: w.id,
          kind: "served-model-changed",
          subject: engine,
          detail: `${before} → ${value}`,
        });
      lastModel.set(engine, value);
    }
  });
  return markers;
}
