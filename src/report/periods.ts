import { UsageError } from "../core/errors.ts";
import type { Period } from "./model.ts";
import { addDays, type CivilDate, civilDateAt, isoWeekday, startOfLocalDay } from "./zoned-time.ts";

/**
 * Report periods are ISO weeks (Monday 00:00 to the next Monday 00:00, local time in the report's
 * time zone) or runs of consecutive weeks (`--since 8w`). Pure: `now` is always passed in.
 */

/** An ISO-8601 week: the week-numbering year and the week 1–53. */
export interface IsoWeek {
  year: number;
  week: number;
}

/** A report period resolved to instants. */
export interface ReportPeriod {
  /** `2026-W47` for one week, `2026-W40..2026-W47` for several. */
  id: string;
  first: IsoWeek;
  last: IsoWeek;
  /** Number of weeks, ≥ 1. */
  weeks: number;
  /** Inclusive start, ms since the epoch (Monday 00:00 local of the first week). */
  startMs: number;
  /** Exclusive end, ms since the epoch (Monday 00:00 local after the last week). */
  endMs: number;
}

/** Longest `--since`: ten years of weeks. */
export const MAX_WEEKS = 520;

export function formatWeek(w: IsoWeek): string {
  return `${w.year}-W${String(w.week).padStart(2, "0")}`;
}

/** 53 when 1 January is a Thursday, or a Wednesday in a leap year; else 52. */
export function weeksInYear(year: number): number {
  const jan1 = isoWeekday({ year, month: 1, day: 1 });
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return jan1 === 4 || (leap && jan1 === 3) ? 53 : 52;
}

/** The ISO week a calendar date belongs to (the week's Thursday decides its year). */
export function isoWeekOf(date: CivilDate): IsoWeek {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const jan1 = Date.UTC(thursday.year, 0, 1);
  const dayOfYear = Math.round(
    (Date.UTC(thursday.year, thursday.month - 1, thursday.day) - jan1) / 86_400_000,
  );
  return { year: thursday.year, week: Math.floor(dayOfYear / 7) + 1 };
}

/** The Monday of an ISO week. */
export function mondayOf(w: IsoWeek): CivilDate {
  const jan4: CivilDate = { year: w.year, month: 1, day: 4 };
  return addDays(jan4, 1 - isoWeekday(jan4) + 7 * (w.week - 1));
}

export function addWeeks(w: IsoWeek, weeks: number): IsoWeek {
  return isoWeekOf(addDays(mondayOf(w), 7 * weeks));
}

/** Parses `2026-W47` (also `2026w47`); throws a UsageError naming `what` otherwise. */
export function parseWeek(text: string, what = "period"): IsoWeek {
  const m = /^(\d{4})-?W(\d{1,2})$/i.exec(text.trim());
  const year = Number(m?.[1]);
  const week = Number(m?.[2]);
  if (!m || week < 1 || week > weeksInYear(year)) {
    const hint = m && week === 53 ? ` (${year} has 52 ISO weeks)` : "";
    throw new UsageError(`report: ${what} '${text}' is not an ISO week like 2026-W47${hint}`);
  }
  return { year, week };
}

function compareWeeks(a: IsoWeek, b: IsoWeek): number {
  return a.year === b.year ? a.week - b.week : a.year - b.year;
}

/** The period from week `first` to week `last`, both included. */
export function rangePeriod(first: IsoWeek, last: IsoWeek, timeZone: string): ReportPeriod {
  if (compareWeeks(first, last) > 0)
    throw new UsageError(`report: ${formatWeek(first)} comes after ${formatWeek(last)}`);
  const startMs = startOfLocalDay(mondayOf(first), timeZone);
  const endMs = startOfLocalDay(mondayOf(addWeeks(last, 1)), timeZone);
  const weeks = Math.round((utcOf(mondayOf(last)) - utcOf(mondayOf(first))) / 604_800_000) + 1;
  const id = weeks === 1 ? formatWeek(first) : `${formatWeek(first)}..${formatWeek(last)}`;
  return { id, first, last, weeks, startMs, endMs };
}

function utcOf(d: CivilDate): number {
  return Date.UTC(d.year, d.month - 1, d.day);
}

export function weekPeriod(w: IsoWeek, timeZone: string): ReportPeriod {
  return rangePeriod(w, w, timeZone);
}

/** Parses `--period`/`--baseline`: one week `2026-W47` or a range `2026-W40..2026-W47`. */
export function parsePeriod(text: string, timeZone: string, what = "period"): ReportPeriod {
  const [a, b, ...rest] = text.split("..");
  if (rest.length > 0 || a === undefined)
    throw new UsageError(`report: ${what} '${text}' is not an ISO week like 2026-W47`);
  const first = parseWeek(a, what);
  return rangePeriod(first, b === undefined ? first : parseWeek(b, what), timeZone);
}

/** Parses `--since 8w` into a number of weeks (1–520). */
export function parseSince(text: string): number {
  const m = /^(\d{1,3})w$/i.exec(text.trim());
  const weeks = Number(m?.[1]);
  if (!m || weeks < 1 || weeks > MAX_WEEKS)
    throw new UsageError(`report: --since '${text}' must be a number of weeks like 8w (1w to ${MAX_WEEKS}w)`);
  return weeks;
}

/** The ISO week (in `timeZone`) that contains `instant`. */
export function weekContaining(instant: number, timeZone: string): IsoWeek {
  return isoWeekOf(civilDateAt(instant, timeZone));
}

/** The last ISO week that has ended at `now`: the default report period. */
export function lastCompleteWeek(now: number, timeZone: string): IsoWeek {
  return addWeeks(weekContaining(now, timeZone), -1);
}

/** The `weeks` complete weeks before `now`, as one period (`--since 8w`). */
export function sincePeriod(weeks: number, now: number, timeZone: string): ReportPeriod {
  const last = lastCompleteWeek(now, timeZone);
  return rangePeriod(addWeeks(last, 1 - weeks), last, timeZone);
}

/** The period of the same length just before `p` (the default baseline). */
export function previousPeriod(p: ReportPeriod, timeZone: string): ReportPeriod {
  return rangePeriod(addWeeks(p.first, -p.weeks), addWeeks(p.first, -1), timeZone);
}

/** The `count` single weeks ending with `last`, oldest first. */
export function weeksEndingWith(last: IsoWeek, count: number, timeZone: string): ReportPeriod[] {
  const out: ReportPeriod[] = [];
  for (let k = count - 1; k >= 0; k--) out.push(weekPeriod(addWeeks(last, -k), timeZone));
  return out;
}

/** The period as the report model states it (ISO instants in UTC). */
export function toModelPeriod(p: ReportPeriod): Period {
  return { id: p.id, start: new Date(p.startMs).toISOString(), end: new Date(p.endMs).toISOString() };
}
