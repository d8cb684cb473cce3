import { type Cron, previousSlot, slotsBetween } from "./slots.ts";

/**
 * What a schedule should do now, from what the database says happened (never from memory): a slot
 * that passed while the process was down or the machine slept runs once, late, if it is still
 * within its deadline; several such slots coalesce into the most recent one; slots past their
 * deadline are recorded as missed. Pure: `now` is passed in.
 */

/** A schedule's durable state. Slots are milliseconds since the epoch. */
export interface SlotState {
  /** Latest slot whose run (or report) finished. */
  lastCompletedSlot: number | null;
  /** Latest slot recorded as missed. */
  lastMissedRecorded: number | null;
  /** Latest slot a run was started for; it and older slots are never "missed" (a run exists). */
  lastAttemptedSlot?: number | null;
  /** When the schedule was first tracked; slots older than this minus the deadline are no history. */
  trackedSince?: number | null;
}

export interface SlotPlan {
  /** The slot to run now (the most recent unhandled slot within its deadline), or null. */
  due: number | null;
  /** Older unhandled slots within the deadline, served by the run of `due`. */
  coalesced: number[];
  /** Unhandled slots past their deadline, to record as missed (the most recent `maxMissed`). */
  missed: number[];
  /** Missed slots left out of `missed` by `maxMissed`. */
  omitted: number;
  /** True when unhandled history reached further back than the look-back window. */
  truncated: boolean;
}

export interface PlanOptions {
  /** Most missed slots listed in one plan (default 1000). */
  maxMissed?: number;
  /** Days before `now` considered at all (default 31). */
  lookbackDays?: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export function planSlots(
  cron: Cron,
  state: SlotState,
  now: number,
  deadlineHours: number,
  options: PlanOptions = {},
): SlotPlan {
  const deadlineMs = deadlineHours * HOUR_MS;
  const handled = maxOf(state.lastCompletedSlot, state.lastMissedRecorded);
  const start = handled ?? (state.trackedSince ?? now) - deadlineMs;
  const horizon = now - (options.lookbackDays ?? 31) * DAY_MS;
  const slots = slotsBetween(cron, Math.max(start, horizon), now);

  const within = slots.filter((s) => now - s <= deadlineMs);
  const attempted = state.lastAttemptedSlot ?? null;
  const late = slots.filter((s) => now - s > deadlineMs && (attempted === null || s > attempted));
  const maxMissed = options.maxMissed ?? 1000;
  const missed = late.slice(Math.max(0, late.length - maxMissed));
  // Before tracking began there is no history: the latest such slot may still run (a daemon
  // installed late on a Monday runs that morning's slot), but nothing was skipped.
  const since = handled === null ? (state.trackedSince ?? now) : Number.NEGATIVE_INFINITY;
  return {
    due: within.at(-1) ?? null,
    coalesced: within.slice(0, -1).filter((s) => s > since),
    missed,
    omitted: late.length - missed.length,
    truncated: start < horizon,
  };
}

function maxOf(...values: (number | null | undefined)[]): number | null {
  const present = values.filter((v): v is number => typeof v === "number");
  return present.length === 0 ? null : Math.max(...present);
}

/**
 * When a report slot may be delivered: a report describes the week's run, so it waits until the
 * run of the latest run slot at or before it has finished (completed, partial or failed) or was
 * recorded missed, or until that run's deadline has passed (then it reports what there is).
 * The run's deadline is never later than the report's own, so a report is never held past it.
 */
export type ReportGate =
  | {
      ready: true;
      runSlot: number | null;
      reason: "no-run-slot" | "run-finished" | "run-missed" | "run-deadline-passed";
    }
  | { ready: false; runSlot: number; reason: "waiting-for-run"; until: number };

export function reportGate(input: {
  runCron: Cron;
  runState: SlotState;
  reportSlot: number;
  now: number;
  runDeadlineHours: number;
}): ReportGate {
  const runSlot = previousSlot(input.runCron, input.reportSlot);
  if (runSlot === null) return { ready: true, runSlot, reason: "no-run-slot" };
  const { lastCompletedSlot, lastMissedRecorded } = input.runState;
  if (lastCompletedSlot !== null && lastCompletedSlot >= runSlot)
    return { ready: true, runSlot, reason: "run-finished" };
  if (lastMissedRecorded !== null && lastMissedRecorded >= runSlot)
    return { ready: true, runSlot, reason: "run-missed" };
  const until = runSlot + input.runDeadlineHours * 3_600_000;
  if (input.now > until) return { ready: true, runSlot, reason: "run-deadline-passed" };
  return { ready: false, runSlot, reason: "waiting-for-run", until };
}
