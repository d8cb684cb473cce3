/**
 * Wall-clock time in an IANA time zone, from the platform's tz database (Intl). Pure: the same
 * inputs give the same outputs; nothing reads the current time.
 */

/** A local date and time (month 1-12, day 1-31, hour 0-23). */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the runtime's tz database knows the zone (`Europe/Oslo`, `UTC`, ...). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterOf(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall time at instant `ms` in `timeZone` (whole seconds). */
export function wallTimeAt(ms: number, timeZone: string): WallTime {
  const out: WallTime = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterOf(timeZone).formatToParts(new Date(ms))) {
    if (part.type in out) out[part.type as keyof WallTime] = Number(part.value);
  }
  // Some engines print midnight as 24 even with h23.
  if (out.hour === 24) out.hour = 0;
  return out;
}

/** Milliseconds to add to UTC to get the wall time at instant `ms` (e.g. +3 600 000 for CET). */
export function offsetAt(ms: number, timeZone: string): number {
  const second = Math.floor(ms / 1000) * 1000;
  const w = wallTimeAt(second, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - second;
}

/** The wall time read as if it were UTC (the instant it would be at offset zero). */
export function asUtc(w: WallTime): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

const DAY_MS = 86_400_000;

/**
 * The offsets in force around local day `y-m-d` (from a day before to a day after it) and the
 * instant the offset changes, if it does. tz data never changes an offset twice within three days.
 */
export interface DayOffsets {
  before: number;
  after: number;
  /** First instant with the `after` offset; null when the offset is steady. */
  change: number | null;
}

export function offsetsAroundDay(w: Pick<WallTime, "year" | "month" | "day">, timeZone: string): DayOffsets {
  const midnight = Date.UTC(w.year, w.month - 1, w.day);
  let lo = midnight - DAY_MS;
  let hi = midnight + 2 * DAY_MS;
  const before = offsetAt(lo, timeZone);
  const after = offsetAt(hi, timeZone);
  if (before === after) return { before, after, change: null };
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (offsetAt(mid, timeZone) === before) lo = mid;
    else hi = mid;
  }
  return { before, after, change: hi };
}

/**
 * The instant a wall time of that day names, resolved like RFC 5545 (and Temporal's
 * "compatible"): a time repeated when clocks go back is its first occurrence; a time skipped when
 * clocks go forward is read with the offset in force before the gap (02:30 on a spring-forward
 * night is 03:30 summer time).
 */
export function instantOf(w: WallTime, offsets: DayOffsets): number {
  const guess = asUtc(w);
  const early = guess - offsets.before;
  if (offsets.change === null || early < offsets.change) return early;
  const late = guess - offsets.after;
  return late >= offsets.change ? late : early;
}
