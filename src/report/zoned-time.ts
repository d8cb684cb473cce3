import { asUtc, offsetAt, wallTimeAt } from "../core/zoned-time.ts";

/**
 * Civil dates and local midnight in an IANA time zone, for ISO weeks (pure: the zone rules come
 * from the runtime's tz database through core/zoned-time.ts, no clock is read).
 */

/** A calendar date without a time or zone. Months are 1–12. */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

const DAY_MS = 86_400_000;

/** The wall-clock time at `instant` in `timeZone`, expressed as if it were UTC (ms). */
function wallClock(instant: number, timeZone: string): number {
  return asUtc(wallTimeAt(instant, timeZone));
}

/** The local calendar date at `instant`. */
export function civilDateAt(instant: number, timeZone: string): CivilDate {
  const d = new Date(wallClock(instant, timeZone));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/**
 * The first instant of a local calendar day. Midnight that occurs twice takes the earlier; a
 * midnight skipped by a clock change (zones that switch at 00:00) takes the switch itself.
 */
export function startOfLocalDay(date: CivilDate, timeZone: string): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day);
  // No zone changes its offset twice within a day either side of a midnight.
  const before = wall - offsetAt(wall - DAY_MS, timeZone);
  const after = wall - offsetAt(wall + DAY_MS, timeZone);
  const exact = [before, after].filter((t) => wallClock(t, timeZone) === wall);
  if (exact.length > 0) return Math.min(...exact);
  return Math.max(before, after);
}

/** Adds days to a civil date (proleptic Gregorian). */
export function addDays(date: CivilDate, days: number): CivilDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** ISO day of the week: Monday 1 … Sunday 7. */
export function isoWeekday(date: CivilDate): number {
  const dow = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return dow === 0 ? 7 : dow;
}
