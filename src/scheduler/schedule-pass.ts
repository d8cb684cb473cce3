import type { QueryFile } from "../config/query-file.ts";
import { ExitError } from "../core/errors.ts";
import {
  claimSlot,
  markAttempted,
  markCompleted,
  recordMissed,
  releaseClaim,
  type ScheduleState,
  slotRun,
  trackSchedule,
} from "../storage/schedules-repo.ts";
import { planSlots, reportGate, type SlotPlan, type SlotState } from "./catch-up.ts";
import type { DaemonOptions } from "./daemon-types.ts";
import { type Cron, slotIso } from "./slots.ts";

/**
 * One pass over one query file's two schedules: plan from the database, record missed slots, and
 * launch the due run or report in the background. Exactly-once across processes rests on the
 * database: a run's lease (runner) and a report's claim (schedules row).
 */
export interface ScheduledFile {
  id: string;
  file: QueryFile;
  run: Cron;
  report: Cron;
  deadlineHours: number;
}

export interface PassContext {
  options: DaemonOptions & { retryAfterErrorMs: number; reportClaimMs: number };
  /** Schedule ids with a run or report in flight in this process. */
  busy: ReadonlySet<string>;
  /** Slot keys (`schedule@slot`) not to retry before the given time, after an error. */
  backoff: Map<string, number>;
  /** Notes already logged (`coalesced:` or `waiting:` plus the slot key), logged once each. */
  logged: Set<string>;
  stop: AbortSignal;
  launch: (scheduleId: string, work: () => Promise<void>) => void;
}

const parse = (iso: string | null) => (iso === null ? null : Date.parse(iso));

function slotState(s: ScheduleState): SlotState {
  return {
    lastCompletedSlot: parse(s.row.last_completed_slot),
    lastMissedRecorded: parse(s.lastMissed),
    lastAttemptedSlot: parse(s.row.last_attempted_slot),
    trackedSince: Date.parse(s.row.created_at),
  };
}

/** True the first time `key` is seen: a note repeated by every heartbeat is logged once. */
function once(ctx: PassContext, key: string): boolean {
  if (ctx.logged.has(key)) return false;
  ctx.logged.add(key);
  return true;
}

const isLeaseRefusal = (error: unknown) =>
  error instanceof ExitError && /is being executed by/.test(error.message);

async function planned(ctx: PassContext, f: ScheduledFile, kind: "run" | "report", now: number) {
  const { db, logger } = ctx.options;
  const id = `${f.id}:${kind}`;
  const state = await trackSchedule(db, { id, queryFile: f.file.path, kind }, slotIso(now));
  const plan = planSlots(kind === "run" ? f.run : f.report, slotState(state), now, f.deadlineHours);
  await noteMissed(ctx, id, plan, now);
  if (plan.due !== null && plan.coalesced.length > 0 && once(ctx, `coalesced:${id}@${plan.due}`))
    logger.info(
      { schedule: id, slot: slotIso(plan.due), coalesced: plan.coalesced.map(slotIso) },
      "several slots passed while down: running the latest once",
    );
  return { id, plan };
}

async function noteMissed(ctx: PassContext, id: string, plan: SlotPlan, now: number): Promise<void> {
  if (plan.missed.length === 0) return;
  const slots = plan.missed.map(slotIso);
  await recordMissed(ctx.options.db, id, slots, slotIso(now));
  ctx.options.logger.warn(
    {
      schedule: id,
      missed: slots.length,
      first: slots[0],
      last: slots.at(-1),
      omitted: plan.omitted,
      truncated: plan.truncated,
    },
    "slots passed their deadline without running: recorded as missed",
  );
  ctx.options.onEvent?.({ type: "slots-missed", schedule: id, slots });
}

export async function passRun(ctx: PassContext, f: ScheduledFile, now: number): Promise<void> {
  const { db, logger, clock } = ctx.options;
  if (ctx.busy.has(`${f.id}:run`)) return;
  const { id, plan } = await planned(ctx, f, "run", now);
  if (plan.due === null) return;
  const slot = slotIso(plan.due);
  const runId = `${id}@${slot}`;
  if ((ctx.backoff.get(runId) ?? 0) > now) return;
  const existing = await slotRun(db, runId);
  if (existing && existing.status !== "planned" && existing.status !== "running" && !existing.interrupted) {
    await markCompleted(db, id, slot, slotIso(now));
    return;
  }
  if (
    existing?.leaseOwner &&
    existing.leaseOwner !== ctx.options.owner &&
    (existing.leaseExpiresAt ?? "") > slotIso(now) &&
    !ctx.options.isDead(existing.leaseOwner)
  ) {
    logger.debug({ schedule: id, slot, holder: existing.leaseOwner }, "slot is being run by another process");
    return;
  }
  await markAttempted(db, id, slot, slotIso(now));
  ctx.options.onEvent?.({ type: "run-started", schedule: id, slot, coalesced: plan.coalesced.length });
  logger.info(
    { schedule: id, slot, runId, resuming: Boolean(existing) },
    existing ? "resuming run" : "starting run",
  );
  ctx.launch(id, async () => {
    try {
      const summary = await ctx.options.runSlot({
        file: f.file,
        runId,
        slot,
        stop: ctx.stop,
        ...(ctx.options.runEvents ? { events: ctx.options.runEvents } : {}),
      });
      ctx.options.onEvent?.({
        type: "run-finished",
        schedule: id,
        slot,
        status: summary.status,
        interrupted: summary.interrupted,
      });
      if (summary.interrupted) {
        logger.info(
          { schedule: id, slot, answered: summary.answered, pending: summary.pending },
          "run interrupted; it resumes at the next pass",
        );
        return;
      }
      await markCompleted(db, id, slot, slotIso(clock.now()));
      logger.info(
        {
          schedule: id,
          slot,
          status: summary.status,
          answered: summary.answered,
          failed: summary.failed,
          spentUsd: summary.spentUsd,
          notes: summary.notes,
        },
        "run finished",
      );
    } catch (error) {
      if (isLeaseRefusal(error)) {
        logger.info(
          { schedule: id, slot, detail: (error as Error).message },
          "slot is being run by another process",
        );
        ctx.options.onEvent?.({ type: "run-refused", schedule: id, slot, holder: (error as Error).message });
        return;
      }
      ctx.backoff.set(runId, clock.now() + ctx.options.retryAfterErrorMs);
      logger.error({ schedule: id, slot, error: errorText(error) }, "run failed; retrying later");
      ctx.options.onEvent?.({ type: "run-error", schedule: id, slot, message: errorText(error) });
    }
  });
}

export async function passReport(ctx: PassContext, f: ScheduledFile, now: number): Promise<void> {
  const { db, logger, clock } = ctx.options;
  if (ctx.busy.has(`${f.id}:report`)) return;
  const { id, plan } = await planned(ctx, f, "report", now);
  if (plan.due === null) return;
  const slot = slotIso(plan.due);
  const key = `${id}@${slot}`;
  if ((ctx.backoff.get(key) ?? 0) > now) return;
  const runState = await trackSchedule(
    db,
    { id: `${f.id}:run`, queryFile: f.file.path, kind: "run" },
    slotIso(now),
  );
  const gate = reportGate({
    runCron: f.run,
    runState: slotState(runState),
    reportSlot: plan.due,
    now,
    runDeadlineHours: f.deadlineHours,
  });
  if (!gate.ready) {
    if (once(ctx, `waiting:${key}`))
      logger.info(
        { schedule: id, slot, runSlot: slotIso(gate.runSlot), until: slotIso(gate.until) },
        "report waits for the week's run",
      );
    return;
  }
  const claim = await claimSlot(
    db,
    {
      id,
      slot,
      owner: ctx.options.owner,
      now: slotIso(now),
      until: slotIso(now + ctx.options.reportClaimMs),
    },
    ctx.options.isDead,
  );
  if (claim === "done") return;
  if (claim !== "claimed") {
    logger.debug({ schedule: id, slot, holder: claim.owner }, "report is being delivered by another process");
    return;
  }
  logger.info(
    { schedule: id, slot, runSlot: gate.runSlot === null ? null : slotIso(gate.runSlot), why: gate.reason },
    "sending report",
  );
  ctx.launch(id, async () => {
    try {
      await ctx.options.sendReport(f.file, slot);
      await markCompleted(db, id, slot, slotIso(clock.now()), ctx.options.owner);
      ctx.options.onEvent?.({ type: "report-sent", schedule: id, slot });
      logger.info({ schedule: id, slot }, "report sent");
    } catch (error) {
      await releaseClaim(db, id, ctx.options.owner).catch(() => undefined);
      ctx.backoff.set(key, clock.now() + ctx.options.retryAfterErrorMs);
      logger.error({ schedule: id, slot, error: errorText(error) }, "report failed; retrying later");
      ctx.options.onEvent?.({ type: "report-error", schedule: id, slot, message: errorText(error) });
    }
  });
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
