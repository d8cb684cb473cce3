import { type ParsedFields, parse } from "node-cron";
import { instantOf, offsetsAroundDay, wallTimeAt } from "../core/zoned-time.ts";
import { runsOnDay } from "./cron-days.ts";

/**
 * The slots of a schedule: the instants a cron expression names in an IANA time zone. node-cron
 * parses the expression (so the daemon accepts exactly what `validate` accepts); the calendar
 * arithmetic is ours because node-cron only computes "next run from the real now" and skips a
 * wall time that does not exist. Daylight-saving rules (RFC 5545, Temporal "compatible"):
 * - a wall time repeated when clocks go back is a slot once, at its first occurrence;
 * - a wall time skipped when clocks go forward is a slot at the same distance after the gap's
 *   start (a daily 02:30 in Europe/Oslo runs at 03:30 summer time on the spring-forward day).
 * Slots are milliseconds since the epoch, whole seconds.
 */
export interface Cron {
  expression: string;
  timezone: string;
  fields: ParsedFields;
  /** Seconds after local midnight of every time of day the expression names, ascending. */
  timesOfDay: number[];
}

const DAY_MS = 86_400_000;
/** How far `nextSlot`/`previousSlot` look: eight years covers any leap-day expression. */
const SEARCH_DAYS = 366 * 8;

/** Compiles a cron expression (5 or 6 fields, node-cron syntax) for a time zone. */
export function compileCron(expression: string, timezone: string): Cron {
  const fields = parse(expression);
  const timesOfDay: number[] = [];
  for (const h of [...fields.hour].sort((a, b) => a - b))
    for (const m of [...fields.minute].sort((a, b) => a - b))
      for (const s of [...fields.second].sort((a, b) => a - b)) timesOfDay.push(h * 3600 + m * 60 + s);
  return { expression, timezone, fields, timesOfDay };
}

/** Local calendar day number (days since 1970-01-01 of the wall date) of an instant. */
function localDayOf(ms: number, timezone: string): number {
  const w = wallTimeAt(ms, timezone);
  return Date.UTC(w.year, w.month - 1, w.day) / DAY_MS;
}

/** The slots on local day `dayNumber`, ascending and distinct. */
export function slotsOfDay(cron: Cron, dayNumber: number): number[] {
  const date = new Date(dayNumber * DAY_MS);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + 1;
  const day = date.getUTCDate();
  if (!runsOnDay(cron.fields, year, month, day)) return [];
  const midnight = dayNumber * DAY_MS;
  const offsets = offsetsAroundDay({ year, month, day }, cron.timezone);
  if (offsets.change === null) return cron.timesOfDay.map((t) => midnight + t * 1000 - offsets.before);
  const instants = cron.timesOfDay.map((t) =>
    instantOf(
      { year, month, day, hour: Math.floor(t / 3600), minute: Math.floor(t / 60) % 60, second: t % 60 },
      offsets,
    ),
  );
  return [...new Set(instants)].sort((a, b) => a - b);
}

/** The slots `s` with `from < s <= to`, ascending. */
export function slotsBetween(cron: Cron, from: number, to: number): number[] {
  if (to <= from) return [];
  const out = new Set<number>();
  const last = localDayOf(to, cron.timezone) + 1;
  for (let day = localDayOf(from, cron.timezone) - 1; day <= last; day++) {
    for (const slot of slotsOfDay(cron, day)) if (slot > from && slot <= to) out.add(slot);
  }
  return [...out].sort((a, b) => a - b);
}

/** The first slot strictly after `after`, or null when none within eight years. */
export function nextSlot(cron: Cron, after: number): number | null {
  const first = localDayOf(after, cron.timezone) - 1;
  for (let day = first; day <= first + SEARCH_DAYS; day++) {
    const found = slotsOfDay(cron, day).find((s) => s > after);
    // A wall time shifted past midnight by a gap can land after the next day's first slot.
    if (found !== undefined) return Math.min(found, ...slotsOfDay(cron, day + 1).filter((s) => s > after));
  }
  return null;
}

/** The last slot at or before `at`, or null when none within eight years. */
export function previousSlot(cron: Cron, at: number): number | null {
  const first = localDayOf(at, cron.timezone) + 1;
  for (let day = first; day >= first - SEARCH_DAYS; day--) {
    const found = slotsOfDay(cron, day).findLast((s) => s <= at);
    if (found !== undefined) return Math.max(found, ...slotsOfDay(cron, day - 1).filter((s) => s <= at));
  }
  return null;
}

/** A slot as stored and shown: ISO-8601 UTC with milliseconds (`2026-11-23T05:00:00.000Z`). */
export function slotIso(slot: number): string {
  return new Date(slot).toISOString();
}
