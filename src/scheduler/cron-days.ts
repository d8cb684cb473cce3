import type { ParsedFields } from "node-cron";

/**
 * Which calendar days a parsed cron expression runs on, with node-cron's semantics so the daemon's
 * own slot arithmetic agrees with the node-cron trigger: day-of-month and day-of-week must both
 * match (node-cron ANDs them, unlike Vixie cron), and its special tokens mean what node-cron says:
 * `L` last day, `L-n` n days before it, `nW`/`LW` nearest weekday, `dL` last weekday d of the
 * month, `d#n` n-th weekday d.
 */

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

function nearestWeekday(year: number, month: number, target: number): number {
  const last = lastDayOfMonth(year, month);
  if (target < 1 || target > last) return -1;
  const weekday = weekdayOf(year, month, target);
  if (weekday === 6) return target === 1 ? target + 2 : target - 1;
  if (weekday === 0) return target === last ? target - 2 : target + 1;
  return target;
}

function matchesDayOfMonth(field: ParsedFields["dayOfMonth"], y: number, m: number, d: number): boolean {
  const last = lastDayOfMonth(y, m);
  for (const value of field) {
    if (value === d) return true;
    if (typeof value !== "string") continue;
    if (value === "L" && d === last) return true;
    const weekday = /^(\d{1,2}|L)W$/.exec(value);
    if (weekday?.[1] && nearestWeekday(y, m, weekday[1] === "L" ? last : Number(weekday[1])) === d)
      return true;
    const before = /^L-(\d{1,2})$/.exec(value);
    if (before?.[1] && last - Number(before[1]) === d) return true;
  }
  return false;
}

function matchesDayOfWeek(field: ParsedFields["dayOfWeek"], y: number, m: number, d: number): boolean {
  const weekday = weekdayOf(y, m, d);
  for (const value of field) {
    if (value === weekday) return true;
    if (typeof value !== "string") continue;
    const nth = /^([0-7])#([1-5])$/.exec(value);
    if (nth?.[1] && nth[2]) {
      if (Number(nth[1]) % 7 === weekday && Math.floor((d - 1) / 7) + 1 === Number(nth[2])) return true;
      continue;
    }
    const lastOf = /^([0-7])L$/i.exec(value);
    if (lastOf?.[1] && Number(lastOf[1]) % 7 === weekday && d + 7 > lastDayOfMonth(y, m)) return true;
  }
  return false;
}

/** True when the cron expression runs on the local calendar day `y-m-d` (month 1-12). */
export function runsOnDay(fields: ParsedFields, y: number, m: number, d: number): boolean {
  return (
    fields.month.includes(m) &&
    matchesDayOfMonth(fields.dayOfMonth, y, m, d) &&
    matchesDayOfWeek(fields.dayOfWeek, y, m, d)
  );
}
