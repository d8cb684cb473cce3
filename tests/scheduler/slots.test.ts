import { describe, expect, it } from "vitest";
import { compileCron, nextSlot, previousSlot, slotIso, slotsBetween } from "../../src/scheduler/slots.ts";

const t = (iso: string) => Date.parse(iso);
const between = (expr: string, tz: string, from: string, to: string) =>
  slotsBetween(compileCron(expr, tz), t(from), t(to)).map(slotIso);

describe("slots of a cron expression in a time zone", () => {
  // 2026: Europe/Oslo springs forward 29 March 02:00 CET → 03:00 CEST and falls back 25 October
  // 03:00 CEST → 02:00 CET; America/New_York springs forward 8 March 02:00 EST → 03:00 EDT and
  // falls back 1 November 02:00 EDT → 01:00 EST.
  const cases: { name: string; expr: string; tz: string; from: string; to: string; want: string[] }[] = [
    {
      name: "Oslo daily 02:30 around spring-forward: the skipped 02:30 runs at 03:30 CEST, once",
      expr: "30 2 * * *",
      tz: "Europe/Oslo",
      from: "2026-03-28T00:00Z",
      to: "2026-03-30T23:00Z",
      want: ["2026-03-28T01:30:00.000Z", "2026-03-29T01:30:00.000Z", "2026-03-30T00:30:00.000Z"],
    },
    {
      name: "Oslo daily 02:30 around fall-back: the repeated 02:30 runs once, at its first occurrence",
      expr: "30 2 * * *",
      tz: "Europe/Oslo",
      from: "2026-10-24T00:00Z",
      to: "2026-10-26T23:00Z",
      want: ["2026-10-24T00:30:00.000Z", "2026-10-25T00:30:00.000Z", "2026-10-26T01:30:00.000Z"],
    },
    {
      name: "Oslo hourly on spring-forward day has 23 slots (02:00 folds into 03:00)",
      expr: "0 * * * *",
      tz: "Europe/Oslo",
      from: "2026-03-28T23:00Z",
      to: "2026-03-29T03:00Z",
      want: [
        "2026-03-29T00:00:00.000Z",
        "2026-03-29T01:00:00.000Z",
        "2026-03-29T02:00:00.000Z",
        "2026-03-29T03:00:00.000Z",
      ],
    },
    {
      name: "Oslo hourly on fall-back day: the repeated hour runs once",
      expr: "0 * * * *",
      tz: "Europe/Oslo",
      from: "2026-10-24T23:30Z",
      to: "2026-10-25T03:00Z",
      want: ["2026-10-25T00:00:00.000Z", "2026-10-25T02:00:00.000Z", "2026-10-25T03:00:00.000Z"],
    },
    {
      name: "Oslo weekly Monday 06:00 keeps local time across the change",
      expr: "0 6 * * 1",
      tz: "Europe/Oslo",
      from: "2026-03-16T00:00Z",
      to: "2026-04-07T00:00Z",
      want: [
        "2026-03-16T05:00:00.000Z",
        "2026-03-23T05:00:00.000Z",
        "2026-03-30T04:00:00.000Z",
        "2026-04-06T04:00:00.000Z",
      ],
    },
    {
      name: "New York daily 02:30 on spring-forward day runs at 03:30 EDT",
      expr: "30 2 * * *",
      tz: "America/New_York",
      from: "2026-03-07T00:00Z",
      to: "2026-03-09T12:00Z",
      want: ["2026-03-07T07:30:00.000Z", "2026-03-08T07:30:00.000Z", "2026-03-09T06:30:00.000Z"],
    },
    {
      name: "New York daily 01:30 on fall-back day runs once (01:30 EDT, not again at 01:30 EST)",
      expr: "30 1 * * *",
      tz: "America/New_York",
      from: "2026-10-31T00:00Z",
      to: "2026-11-02T12:00Z",
      want: ["2026-10-31T05:30:00.000Z", "2026-11-01T05:30:00.000Z", "2026-11-02T06:30:00.000Z"],
    },
    {
      name: "New York every 30 minutes across spring-forward: 02:00 and 02:30 fold into 03:00 and 03:30",
      expr: "*/30 * * * *",
      tz: "America/New_York",
      from: "2026-03-08T06:00Z",
      to: "2026-03-08T08:00Z",
      want: [
        "2026-03-08T06:30:00.000Z",
        "2026-03-08T07:00:00.000Z",
        "2026-03-08T07:30:00.000Z",
        "2026-03-08T08:00:00.000Z",
      ],
    },
    {
      name: "New York every 30 minutes across fall-back: 01:00 and 01:30 EST are not repeated",
      expr: "*/30 * * * *",
      tz: "America/New_York",
      from: "2026-11-01T04:45Z",
      to: "2026-11-01T07:30Z",
      want: [
        "2026-11-01T05:00:00.000Z",
        "2026-11-01T05:30:00.000Z",
        "2026-11-01T07:00:00.000Z",
        "2026-11-01T07:30:00.000Z",
      ],
    },
    {
      name: "UTC has no changes; seconds field supported",
      expr: "*/20 0 6 * * *",
      tz: "UTC",
      from: "2026-06-01T05:59:59Z",
      to: "2026-06-01T06:01:00Z",
      want: ["2026-06-01T06:00:00.000Z", "2026-06-01T06:00:20.000Z", "2026-06-01T06:00:40.000Z"],
    },
    {
      name: "last day of the month, node-cron's L",
      expr: "0 9 L * *",
      tz: "Europe/Oslo",
      from: "2026-01-15T00:00Z",
      to: "2026-03-15T00:00Z",
      want: ["2026-01-31T08:00:00.000Z", "2026-02-28T08:00:00.000Z"],
    },
    {
      name: "second Monday of the month, node-cron's 1#2",
      expr: "0 6 * * 1#2",
      tz: "America/New_York",
      from: "2026-02-01T00:00Z",
      to: "2026-04-01T00:00Z",
      want: ["2026-02-09T11:00:00.000Z", "2026-03-09T10:00:00.000Z"],
    },
  ];
  for (const c of cases) it(c.name, () => expect(between(c.expr, c.tz, c.from, c.to)).toEqual(c.want));

  it("next and previous slot agree with the enumeration, including across DST days", () => {
    for (const [expr, tz] of [
      ["30 2 * * *", "Europe/Oslo"],
      ["0 * * * *", "America/New_York"],
      ["15 1 * * 0", "America/New_York"],
    ] as const) {
      const cron = compileCron(expr, tz);
      const from = t("2026-03-01T00:00Z");
      const all = slotsBetween(cron, from, t("2026-11-30T00:00Z"));
      for (let i = 0; i + 1 < all.length; i += 7) {
        const here = all[i] as number;
        expect(nextSlot(cron, here)).toBe(all[i + 1]);
        expect(nextSlot(cron, here - 1)).toBe(here);
        expect(previousSlot(cron, here)).toBe(here);
        expect(previousSlot(cron, (all[i + 1] as number) - 1)).toBe(here);
      }
    }
  });

  it("finds a leap-day slot years away, and null when none falls within eight years", () => {
    expect(slotIso(nextSlot(compileCron("0 0 29 2 *", "UTC"), t("2026-03-01T00:00Z")) ?? 0)).toBe(
      "2028-02-29T00:00:00.000Z",
    );
    // 29 February on a Monday: not in 2028 (Tuesday) or 2032 (Sunday), the eight years searched.
    expect(nextSlot(compileCron("0 0 29 2 1", "UTC"), t("2026-03-01T00:00Z"))).toBeNull();
  });

  it("agrees with node-cron's own matcher wherever a wall time exists exactly once", async () => {
    const { createTask } = await import("node-cron");
    const expr = "0 6,18 * * 1-5";
    const cron = compileCron(expr, "Europe/Oslo");
    const task = createTask(expr, () => undefined, { timezone: "Europe/Oslo" });
    for (const slot of slotsBetween(cron, t("2026-03-20T00:00Z"), t("2026-04-10T00:00Z")))
      expect(task.match(new Date(slot))).toBe(true);
    await task.destroy();
  });
});
