import type { Kysely } from "kysely";
import type { QueryFile } from "../config/query-file.ts";
import { loadExcerpts } from "../storage/excerpt-repo.ts";
import { type LoadedFacts, loadFacts } from "../storage/report-repo.ts";
import type { Database } from "../storage/tables.ts";
import { excerptRequests, finishReport, prepareReport } from "./build.ts";
import type { MissedSlotFact } from "./facts.ts";
import type { ReportModel } from "./model.ts";
import { type ReportPeriod, weeksEndingWith } from "./periods.ts";
import { DEFAULT_TREND_WEEKS } from "./trends.ts";

/**
 * The edge between storage and the pure report: loads the facts a report needs (period, baseline,
 * trend window), builds the model, then fetches only the excerpts its findings ask for. Used by
 * `sightline report` and by the scheduled weekly e-mail.
 */

export interface GenerateOptions {
  file: QueryFile;
  period: ReportPeriod;
  baseline: ReportPeriod | null;
  /** IANA zone the periods are in (the schedule's, else UTC). */
  timezone: string;
  /** ms since the epoch */
  now: number;
  trendWeeks?: number;
  missedSlots?: readonly MissedSlotFact[];
}

export interface GeneratedReport {
  model: ReportModel;
  /** Answers in the windows that have no analysis and were left out. */
  unanalysed: number;
  /** Time spent, ms: loading facts, computing, fetching excerpts. */
  timings: { loadMs: number; buildMs: number; excerptsMs: number };
}

interface Window {
  startMs: number;
  endMs: number;
}

/** The time windows to load: the trend window through the period, and the baseline (merged when they touch). */
export function reportWindows(
  period: ReportPeriod,
  baseline: ReportPeriod | null,
  trendStartMs: number,
): Window[] {
  const main: Window = { startMs: Math.min(trendStartMs, period.startMs), endMs: period.endMs };
  if (!baseline) return [main];
  if (baseline.endMs < main.startMs || baseline.startMs > main.endMs)
    return [{ startMs: baseline.startMs, endMs: baseline.endMs }, main];
  return [{ startMs: Math.min(main.startMs, baseline.startMs), endMs: Math.max(main.endMs, baseline.endMs) }];
}

export async function generateReport(
  db: Kysely<Database>,
  options: GenerateOptions,
): Promise<GeneratedReport> {
  const { file, period, baseline, timezone } = options;
  const trendWeeks = Math.max(options.trendWeeks ?? DEFAULT_TREND_WEEKS, period.weeks);
  const trendStart = weeksEndingWith(period.last, trendWeeks, timezone)[0]?.startMs ?? period.startMs;
  const t0 = performance.now();
  let loaded: LoadedFacts = { answers: [], failures: [], unanalysed: 0 };
  for (const w of reportWindows(period, baseline, trendStart)) {
    const part = await loadFacts(db, { ...w, queryFile: file.path });
    loaded = {
      answers: loaded.answers.concat(part.answers),
      failures: loaded.failures.concat(part.failures),
      unanalysed: loaded.unanalysed + part.unanalysed,
    };
  }
  const t1 = performance.now();
  const prepared = prepareReport({
    brands: file.brands.map((b) => ({ name: b.name, role: b.role })),
    period,
    baseline,
    trendWeeks,
    language: file.report?.language ?? "en",
    timezone,
    answers: loaded.answers,
    failures: loaded.failures,
    missedSlots: options.missedSlots ?? [],
    engines: file.engines.map((e) => ({ id: e.id, label: e.label })),
    questionOrder: file.questions.map((q) => q.id),
    now: options.now,
  });
  const t2 = performance.now();
  const excerptsFor = await loadExcerpts(db, excerptRequests(prepared));
  const model = finishReport(prepared, excerptsFor);
  const t3 = performance.now();
  return {
    model,
    unanalysed: loaded.unanalysed,
    timings: { loadMs: t1 - t0, buildMs: t2 - t1, excerptsMs: t3 - t2 },
  };
}
