import { describe, expect, it } from "vitest";
import { planSlots, reportGate, type SlotState } from "../../src/scheduler/catch-up.ts";
import { scheduleStatus } from "../../src/scheduler/schedule-status.ts";
import { compileCron, slotIso } from "../../src/scheduler/slots.ts";

const t = (iso: string) => Date.parse(iso);
const state = (s: Partial<Record<keyof SlotState, string | null>>): SlotState => ({
  lastCompletedSlot: s.lastCompletedSlot ? t(s.lastCompletedSlot) : null,
  lastMissedRecorded: s.lastMissedRecorded ? t(s.lastMissedRecorded) : null,
  lastAttemptedSlot: s.lastAttemptedSlot ? t(s.lastAttemptedSlot) : null,
  trackedSince: s.trackedSince ? t(s.trackedSince) : null,
});

interface Case {
  name: string;
  expr: string;
  tz: string;
  state: Partial<Record<keyof SlotState, string | null>>;
  now: string;
  deadlineHours?: number;
  due: string | null;
  coalesced?: string[];
  missed?: string[];
}

const cases: Case[] = [
  {
    name: "on time: the slot that just passed is due",
    expr: "0 6 * * 1",
    tz: "Europe/Oslo",
    state: { lastCompletedSlot: "2026-11-16T05:00:00Z" },
    now: "2026-11-23T05:00:00Z",
    due: "2026-11-23T05:00:00.000Z",
  },
  {
    name: "already completed: nothing to do",
    expr: "0 6 * * 1",
    tz: "Europe/Oslo",
    state: { lastCompletedSlot: "2026-11-23T05:00:00Z" },
    now: "2026-11-23T09:00:00Z",
    due: null,
  },
  {
    name: "Oslo daily 02:30, machine asleep over the spring-forward night: the 03:30 CEST slot runs late",
    expr: "30 2 * * *",
    tz: "Europe/Oslo",
    state: { lastCompletedSlot: "2026-03-28T01:30:00Z" },
    now: "2026-03-29T07:00:00Z",
    due: "2026-03-29T01:30:00.000Z",
  },
  {
    name: "Oslo daily 02:30, down three days over the spring change: latest within 24 h runs, older missed",
    expr: "30 2 * * *",
    tz: "Europe/Oslo",
    state: { lastCompletedSlot: "2026-03-27T01:30:00Z" },
    now: "2026-03-30T06:00:00Z",
    due: "2026-03-30T00:30:00.000Z",
    missed: ["2026-03-28T01:30:00.000Z", "2026-03-29T01:30:00.000Z"],
  },
  {
    name: "Oslo hourly, down over the fall-back night with a 4 h deadline: coalesced once, repeated hour not counted",
    expr: "0 * * * *",
    tz: "Europe/Oslo",
    state: { lastCompletedSlot: "2026-10-24T22:00:00Z" },
    now: "2026-10-25T03:10:00Z",
    deadlineHours: 4,
    due: "2026-10-25T03:00:00.000Z",
    coalesced: ["2026-10-25T00:00:00.000Z", "2026-10-25T02:00:00.000Z"],
    missed: ["2026-10-24T23:00:00.000Z"],
  },
  {
    name: "New York daily 02:30 on the spring-forward day: due at 03:30 EDT, not before",
    expr: "30 2 * * *",
    tz: "America/New_York",
    state: { lastCompletedSlot: "2026-03-07T07:30:00Z" },
    now: "2026-03-08T07:29:59Z",
    due: null,
  },
  {
    name: "New York daily 01:30 on the fall-back day: run at 01:30 EDT is not repeated at 01:30 EST",
    expr: "30 1 * * *",
    tz: "America/New_York",
    state: { lastCompletedSlot: "2026-11-01T05:30:00Z" },
    now: "2026-11-01T06:45:00Z",
    due: null,
  },
  {
    name: "New York hourly, down five hours over the fall-back: one run, the rest coalesced",
    expr: "0 * * * *",
    tz: "America/New_York",
    state: { lastCompletedSlot: "2026-11-01T03:00:00Z" },
    now: "2026-11-01T08:30:00Z",
    due: "2026-11-01T08:00:00.000Z",
    coalesced: ["2026-11-01T04:00:00.000Z", "2026-11-01T05:00:00.000Z", "2026-11-01T07:00:00.000Z"],
  },
  {
    name: "past the deadline: recorded missed, nothing due",
    expr: "0 6 * * 1",
    tz: "Europe/Oslo",
    state: { lastCompletedSlot: "2026-11-09T05:00:00Z" },
    now: "2026-11-24T07:00:00Z",
    due: null,
    missed: ["2026-11-16T05:00:00.000Z", "2026-11-23T05:00:00.000Z"],
  },
  {
    name: "missed slots already recorded are not recorded again",
    expr: "0 6 * * 1",
    tz: "Europe/Oslo",
    state: { lastCompletedSlot: "2026-11-09T05:00:00Z", lastMissedRecorded: "2026-11-23T05:00:00Z" },
    now: "2026-11-24T07:00:00Z",
    due: null,
  },
  {
    name: "an interrupted run within its deadline is due again (resumed)",
    expr: "0 6 * * 1",
    tz: "Europe/Oslo",
    state: { lastCompletedSlot: "2026-11-16T05:00:00Z", lastAttemptedSlot: "2026-11-23T05:00:00Z" },
    now: "2026-11-23T09:00:00Z",
    due: "2026-11-23T05:00:00.000Z",
  },
  {
    name: "a started run past its deadline is neither due nor missed (a run exists)",
    expr: "0 6 * * 1",
    tz: "Europe/Oslo",
    state: { lastCompletedSlot: "2026-11-16T05:00:00Z", lastAttemptedSlot: "2026-11-23T05:00:00Z" },
    now: "2026-11-24T09:00:00Z",
    due: null,
  },
  {
    name: "first start: a slot within the deadline before tracking began still runs",
    expr: "0 6 * * 1",
    tz: "Europe/Oslo",
    state: { trackedSince: "2026-11-23T07:00:00Z" },
    now: "2026-11-23T07:00:00Z",
    due: "2026-11-23T05:00:00.000Z",
  },
  {
    name: "first start: only the latest slot runs; earlier ones predate tracking and are not coalesced",
    expr: "0 6 * * *",
    tz: "Europe/Oslo",
    state: { trackedSince: "2026-11-25T07:00:00Z" },
    now: "2026-11-25T07:00:00Z",
    deadlineHours: 72,
    due: "2026-11-25T05:00:00.000Z",
  },
  {
    name: "first start: slots older than the deadline are no history, not missed",
    expr: "0 * * * *",
    tz: "America/New_York",
    state: { trackedSince: "2026-11-23T07:10:00Z" },
    now: "2026-11-23T07:10:00Z",
    deadlineHours: 1,
    due: "2026-11-23T07:00:00.000Z",
  },
];

describe("planSlots", () => {
  for (const c of cases)
    it(c.name, () => {
      const plan = planSlots(compileCron(c.expr, c.tz), state(c.state), t(c.now), c.deadlineHours ?? 24);
      expect({
        due: plan.due === null ? null : slotIso(plan.due),
        coalesced: plan.coalesced.map(slotIso),
        missed: plan.missed.map(slotIso),
      }).toEqual({ due: c.due, coalesced: c.coalesced ?? [], missed: c.missed ?? [] });
    });

  it("lists at most maxMissed missed slots, the most recent, and counts the rest", () => {
    const plan = planSlots(
      compileCron("0 * * * *", "UTC"),
      state({ lastCompletedSlot: "2026-11-01T00:00:00Z" }),
      t("2026-11-03T00:30:00Z"),
      1,
      { maxMissed: 5 },
    );
    expect(plan.due).toBe(t("2026-11-03T00:00:00Z"));
    expect(plan.missed.map(slotIso)).toEqual([
      "2026-11-02T19:00:00.000Z",
      "2026-11-02T20:00:00.000Z",
      "2026-11-02T21:00:00.000Z",
      "2026-11-02T22:00:00.000Z",
      "2026-11-02T23:00:00.000Z",
    ]);
    expect(plan.omitted).toBe(47 - 5);
  });
});

describe("report gate and schedule status", () => {
  const run = compileCron("0 6 * * 1", "Europe/Oslo");
  const report = compileCron("0 8 * * 1", "Europe/Oslo");
  const reportSlot = t("2026-11-23T07:00:00Z");
  it("a report waits for the week's run until it finishes or its deadline passes", () => {
    const gate = (s: SlotState, now: string) =>
      reportGate({ runCron: run, runState: s, reportSlot, now: t(now), runDeadlineHours: 24 });
    expect(gate(state({ lastCompletedSlot: "2026-11-16T05:00:00Z" }), "2026-11-23T07:00:00Z")).toMatchObject({
      ready: false,
      runSlot: t("2026-11-23T05:00:00Z"),
    });
    expect(gate(state({ lastCompletedSlot: "2026-11-23T05:00:00Z" }), "2026-11-23T07:00:00Z")).toMatchObject({
      ready: true,
      reason: "run-finished",
    });
    expect(gate(state({ lastCompletedSlot: "2026-11-16T05:00:00Z" }), "2026-11-24T05:00:01Z")).toMatchObject({
      ready: true,
      reason: "run-deadline-passed",
    });
  });

  it("status: ok, due, running, waiting, overdue", () => {
    const base = { cron: run, deadlineHours: 24, active: false };
    const done = state({ lastCompletedSlot: "2026-11-23T05:00:00Z" });
    const behind = state({ lastCompletedSlot: "2026-11-16T05:00:00Z" });
    expect(scheduleStatus({ ...base, state: done, now: t("2026-11-23T09:00:00Z") }).health).toBe("ok");
    expect(scheduleStatus({ ...base, state: behind, now: t("2026-11-23T05:05:00Z") }).health).toBe("due");
    expect(
      scheduleStatus({ ...base, state: behind, now: t("2026-11-23T09:00:00Z"), active: true }).health,
    ).toBe("running");
    const overdue = scheduleStatus({ ...base, state: behind, now: t("2026-11-23T09:00:00Z") });
    expect(overdue).toMatchObject({ health: "overdue", overdue: true, nextSlot: t("2026-11-30T05:00:00Z") });
    const gate = reportGate({
      runCron: run,
      runState: behind,
      reportSlot,
      now: t("2026-11-23T09:00:00Z"),
      runDeadlineHours: 24,
    });
    expect(
      scheduleStatus({ ...base, cron: report, state: state({}), now: t("2026-11-23T09:00:00Z"), gate })
        .health,
    ).toBe("waiting");
  });
});
