import { findingSentence, subjectChange } from "./i18n-findings.ts";
import type { Formatter } from "./i18n-format.ts";
import type { BrandMetrics, Finding, ReportModel } from "./model.ts";

/**
 * The one line a reader sees first, shared by every renderer so the subject, the e-mail and the
 * markdown never disagree. The headline change is read from the findings, which hold only
 * significant changes (spec §6): an own-brand finding over all engines and stages wins, then the
 * largest significant own-brand change anywhere. No such finding means "no significant change".
 */
export interface Headline {
  /** "Fiken was mentioned in 53% of AI answers". */
  rateSentence: string;
  /** "95% CI 43–62%, n = 114", or null when there is no rate. */
  interval: string | null;
  /** The headline finding's sentence, "No significant change", or "" with no baseline or no rate. */
  changeSentence: string;
  finding: Finding | null;
  own: BrandMetrics | null;
}

/**
 * Whether this period could be compared with a baseline at all: there is one, and some change was
 * tested (a baseline week without answers gives nothing to test). Otherwise the report says so
 * instead of "no significant change".
 */
export function comparable(model: ReportModel): boolean {
  if (model.baseline === null) return false;
  return (
    model.findings.some((f) => f.change !== null) ||
    model.scorecard.some((s) => s.change !== null && s.change.from.value !== null) ||
    model.engines.some((e) => e.change !== null && e.change.from.value !== null)
  );
}

/** Why nothing is compared: no baseline period, or a baseline without answers. */
export function noComparisonText(model: ReportModel, fmt: Formatter): string {
  return model.baseline === null ? fmt.labels.noBaseline : fmt.labels.noComparison;
}

/** Our brand's metrics over all engines and stages (its leaderboard row). */
export function ownOverall(model: ReportModel): BrandMetrics | null {
  return (
    model.leaderboard.find((b) => b.role === "own") ??
    model.leaderboard.find((b) => b.brand === model.brand) ??
    null
  );
}

function ownChanges(model: ReportModel): Finding[] {
  return model.findings.filter(
    (f) =>
      (f.kind === "own-dropped" || f.kind === "own-rose") &&
      f.change?.significant === true &&
      f.change.delta !== null,
  );
}

/** The significant change of our rate over all engines and stages, if there is one. */
export function overallFinding(model: ReportModel): Finding | null {
  return ownChanges(model).find((f) => f.engine === null && f.stage === null) ?? null;
}

export function headlineFinding(model: ReportModel): Finding | null {
  const overall = overallFinding(model);
  if (overall) return overall;
  const own = ownChanges(model);
  const size = (f: Finding) => Math.abs(f.change?.delta ?? 0);
  return own.reduce<Finding | null>((best, f) => (best === null || size(f) > size(best) ? f : best), null);
}

export function headline(model: ReportModel, fmt: Formatter): Headline {
  const own = ownOverall(model);
  const rate = own?.mentionRate ?? null;
  const finding = headlineFinding(model);
  const hasRate = rate !== null && rate.value !== null;
  return {
    rateSentence: hasRate
      ? fmt.labels.headlineRate(model.brand, fmt.percent(rate.value))
      : fmt.labels.headlineNoRate(model.brand),
    interval: hasRate ? fmt.ciText(rate) : null,
    changeSentence: finding
      ? findingSentence(finding, model, fmt)
      : comparable(model) && hasRate
        ? capitalise(fmt.labels.noSignificantChange)
        : "",
    finding,
    own,
  };
}

/** "[REPLAY] Fiken · AI visibility report, week 47, 2026: mention rate on ChatGPT −31 pts (72% → 42%)". */
export function subjectLine(model: ReportModel, fmt: Formatter): string {
  const own = ownOverall(model);
  const change = subjectChange(
    headlineFinding(model),
    own?.mentionRate ?? null,
    comparable(model),
    model,
    fmt,
  );
  const match = /^(\d{4})-W(\d{2})$/.exec(model.period.id);
  const when = match ? fmt.labels.week(Number(match[2]), Number(match[1])) : model.period.id;
  const replay = model.replay ? `[${fmt.labels.replayTag}] ` : "";
  return `${replay}${model.brand} · ${fmt.labels.reportTitle}, ${when}: ${change}`;
}

export function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

/**
 * The fine print of a report: the model's notes (definitions and caveats, written by the report
 * builder in the report's language), or the built-in definitions when a model carries none; then
 * the run's totals and any missed schedule slots.
 */
export function finePrint(model: ReportModel, fmt: Formatter): { notes: string[]; facts: string[] } {
  const t = model.totals;
  const facts = [
    fmt.labels.totals(
      fmt.number(t.answers),
      fmt.number(t.engines),
      fmt.number(t.questions),
      fmt.number(t.failed),
      fmt.money(t.costUsd),
    ),
  ];
  if (model.missedSlots.length > 0) {
    const slots = model.missedSlots.map((s) => `${s.schedule} ${fmt.date(s.slot)}`).join(", ");
    facts.push(`${fmt.labels.missedSlots}: ${slots}`);
  }
  return { notes: model.notes.length > 0 ? model.notes : fmt.labels.definitions, facts };
}
