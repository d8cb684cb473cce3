import { describe, expect, it } from "vitest";
import {
  addWeeks,
  formatWeek,
  isoWeekOf,
  lastCompleteWeek,
  parsePeriod,
  parseSince,
  parseWeek,
  previousPeriod,
  sincePeriod,
  toModelPeriod,
  weekContaining,
  weekPeriod,
  weeksEndingWith,
  weeksInYear,
} from "../../src/report/periods.ts";
import { startOfLocalDay } from "../../src/report/zoned-time.ts";

const OSLO = "Europe/Oslo";
const iso = (ms: number) => new Date(ms).toISOString();
const hours = (p: { startMs: number; endMs: number }) => (p.endMs - p.startMs) / 3_600_000;

describe("ISO weeks", () => {
  it("numbers weeks like ISO 8601 across year boundaries (checked against Python's isocalendar)", () => {
    expect(isoWeekOf({ year: 2026, month: 1, day: 1 })).toEqual({ year: 2026, week: 1 });
    expect(isoWeekOf({ year: 2025, month: 12, day: 29 })).toEqual({ year: 2026, week: 1 });
    expect(isoWeekOf({ year: 2026, month: 12, day: 28 })).toEqual({ year: 2026, week: 53 });
    expect(isoWeekOf({ year: 2027, month: 1, day: 3 })).toEqual({ year: 2026, week: 53 });
    expect(isoWeekOf({ year: 2027, month: 1, day: 4 })).toEqual({ year: 2027, week: 1 });
    expect(isoWeekOf({ year: 2024, month: 12, day: 30 })).toEqual({ year: 2025, week: 1 });
    expect(isoWeekOf({ year: 2021, month: 1, day: 3 })).toEqual({ year: 2020, week: 53 });
  });

  it("knows which years have 53 weeks: 2026 (starts on a Thursday) and 2020 (leap, Wednesday)", () => {
    expect(weeksInYear(2026)).toBe(53);
    expect(weeksInYear(2020)).toBe(53);
    expect(weeksInYear(2025)).toBe(52);
    expect(weeksInYear(2027)).toBe(52);
    expect(parseWeek("2026-W53")).toEqual({ year: 2026, week: 53 });
    expect(() => parseWeek("2025-W53")).toThrow(/2025 has 52 ISO weeks/);
    expect(addWeeks({ year: 2026, week: 52 }, 1)).toEqual({ year: 2026, week: 53 });
    expect(addWeeks({ year: 2026, week: 53 }, 1)).toEqual({ year: 2027, week: 1 });
    expect(addWeeks({ year: 2027, week: 1 }, -2)).toEqual({ year: 2026, week: 52 });
  });

  it("2026-W47 runs from Monday 16 November 00:00 Oslo time (CET, UTC+1) for 168 hours", () => {
    const p = parsePeriod("2026-W47", OSLO);
    expect(p.id).toBe("2026-W47");
    expect(toModelPeriod(p)).toEqual({
      id: "2026-W47",
      start: "2026-11-15T23:00:00.000Z",
      end: "2026-11-22T23:00:00.000Z",
    });
    expect(hours(p)).toBe(168);
  });

  it("keeps local midnights across DST in Oslo: the spring week has 167 hours, the autumn week 169", () => {
    const spring = weekPeriod({ year: 2026, week: 13 }, OSLO); // clocks forward Sunday 29 March
    expect(iso(spring.startMs)).toBe("2026-03-22T23:00:00.000Z");
    expect(iso(spring.endMs)).toBe("2026-03-29T22:00:00.000Z");
    expect(hours(spring)).toBe(167);
    const autumn = weekPeriod({ year: 2026, week: 43 }, OSLO); // clocks back Sunday 25 October
    expect(iso(autumn.startMs)).toBe("2026-10-18T22:00:00.000Z");
    expect(iso(autumn.endMs)).toBe("2026-10-25T23:00:00.000Z");
    expect(hours(autumn)).toBe(169);
  });

  it("2026-W53 straddles the new year; in UTC weeks start at 00:00Z", () => {
    const p = weekPeriod({ year: 2026, week: 53 }, "UTC");
    expect(iso(p.startMs)).toBe("2026-12-28T00:00:00.000Z");
    expect(iso(p.endMs)).toBe("2027-01-04T00:00:00.000Z");
  });

  it("takes the first instant of a day whose midnight is skipped (Santiago switches at 00:00)", () => {
    // Chile moved clocks forward at 2022-09-11 00:00 local (−04 → −03): the day starts at 01:00.
    expect(iso(startOfLocalDay({ year: 2022, month: 9, day: 11 }, "America/Santiago"))).toBe(
      "2022-09-11T04:00:00.000Z",
    );
  });
});

describe("report periods", () => {
  it("defaults to the last complete week in the report's zone", () => {
    // Monday 23 Nov 2026 00:30 in Oslo is still Sunday 22 Nov in UTC.
    const now = Date.parse("2026-11-22T23:30:00Z");
    expect(formatWeek(weekContaining(now, OSLO))).toBe("2026-W48");
    expect(formatWeek(lastCompleteWeek(now, OSLO))).toBe("2026-W47");
    expect(formatWeek(lastCompleteWeek(now, "UTC"))).toBe("2026-W46");
  });

  it("--since 8w is the eight complete weeks before now, and its baseline the eight before those", () => {
    expect(parseSince("8w")).toBe(8);
    expect(() => parseSince("8d")).toThrow(/number of weeks/);
    expect(() => parseSince("0w")).toThrow(/number of weeks/);
    const now = Date.parse("2026-11-25T12:00:00Z");
    const p = sincePeriod(8, now, OSLO);
    expect(p.id).toBe("2026-W40..2026-W47");
    expect(p.weeks).toBe(8);
    expect(iso(p.startMs)).toBe("2026-09-27T22:00:00.000Z");
    expect(iso(p.endMs)).toBe("2026-11-22T23:00:00.000Z");
    const before = previousPeriod(p, OSLO);
    expect(before.id).toBe("2026-W32..2026-W39");
    expect(before.endMs).toBe(p.startMs);
  });

  it("a one-week period's previous period is the week before, across the year boundary", () => {
    expect(previousPeriod(parsePeriod("2027-W01", OSLO), OSLO).id).toBe("2026-W53");
    expect(parsePeriod("2026-W40..2026-W47", OSLO).weeks).toBe(8);
    expect(() => parsePeriod("2026-W47..2026-W40", OSLO)).toThrow(/comes after/);
    expect(() => parsePeriod("2026-47", OSLO)).toThrow(/ISO week like 2026-W47/);
  });

  it("lists the weeks of a trend window, oldest first", () => {
    const weeks = weeksEndingWith({ year: 2027, week: 2 }, 4, OSLO).map((p) => p.id);
    expect(weeks).toEqual(["2026-W52", "2026-W53", "2027-W01", "2027-W02"]);
  });
});
