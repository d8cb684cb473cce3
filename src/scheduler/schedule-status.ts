import type { ReportGate, SlotState } from "./catch-up.ts";
import { type Cron, nextSlot, previousSlot } from "./slots.ts";

/**
 * How a schedule stands, for `sightline status` and monitoring: the latest slot at or before now
 * should have completed, unless it is being worked on, is a report waiting for its run, or is so
 * recent that the daemon has not woken for it yet. Anything else is overdue. Pure.
 */
export type ScheduleHealth = "ok" | "due" | "running" | "waiting" | "overdue";

/** How long after its slot an untouched slot counts as overdue (the daemon wakes within seconds). */
export const OVERDUE_GRACE_MS = 10 * 60_000;

export interface ScheduleStatus {
  health: ScheduleHealth;
  overdue: boolean;
  /** Latest slot at or before now. */
  latestSlot: number | null;
  nextSlot: number | null;
  reason: string;
}

export function scheduleStatus(input: {
  cron: Cron;
  state: SlotState;
  now: number;
  deadlineHours: number;
  /** A run's lease or a report's claim is held right now for the latest slot. */
  active: boolean;
  /** For report schedules: whether the week's run lets the report go. */
  gate?: ReportGate;
  graceMs?: number;
}): ScheduleStatus {
  const { cron, state, now } = input;
  const latest = previousSlot(cron, now);
  const next = nextSlot(cron, now);
  const out = (health: ScheduleHealth, reason: string): ScheduleStatus => ({
    health,
    overdue: health === "overdue",
    latestSlot: latest,
    nextSlot: next,
    reason,
  });
  if (latest === null) return out("ok", "no slot yet");
  if (state.lastCompletedSlot !== null && state.lastCompletedSlot >= latest)
    return out("ok", "latest slot completed");
  const deadlineMs = input.deadlineHours * 3_600_000;
  if (state.trackedSince != null && latest < state.trackedSince - deadlineMs)
    return out("ok", "latest slot predates the schedule");
  if (input.active) return out("running", "in progress");
  if (input.gate && !input.gate.ready && now <= input.gate.until)
    return out("waiting", "waiting for the week's run");
  if (now - latest <= (input.graceMs ?? OVERDUE_GRACE_MS)) return out("due", "slot just passed");
  if (state.lastMissedRecorded !== null && state.lastMissedRecorded >= latest)
    return out("overdue", "latest slot missed its deadline");
  if (state.lastAttemptedSlot != null && state.lastAttemptedSlot >= latest)
    return out("overdue", "latest slot started but did not finish (is the daemon running?)");
  return out("overdue", "latest slot has not run (is the daemon running?)");
}
