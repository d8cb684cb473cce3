import type { Kysely } from "kysely";
import type { QueryFile } from "../config/query-file.ts";
import { reportGate, type SlotState } from "../scheduler/catch-up.ts";
import { queryFileId } from "../scheduler/query-file-book.ts";
import { type ScheduleHealth, scheduleStatus } from "../scheduler/schedule-status.ts";
import { compileCron, slotIso } from "../scheduler/slots.ts";
import { missedBySchedule } from "../storage/metrics-repo.ts";
import { readSchedule, slotRun } from "../storage/schedules-repo.ts";
import type { Database } from "../storage/tables.ts";

/** One line of `sightline status`: a schedule's last and next slot and whether it is overdue. */
export interface ScheduleLine {
  schedule: string;
  kind: "run" | "report";
  file: string;
  expression: string;
  timezone: string;
  lastCompletedSlot: string | null;
  lastAttemptedSlot: string | null;
  latestSlot: string | null;
  nextSlot: string | null;
  missedSlots: number;
  health: ScheduleHealth;
  overdue: boolean;
  reason: string;
}

const ms = (iso: string | null | undefined) => (iso ? Date.parse(iso) : null);
const iso = (slot: number | null) => (slot === null ? null : slotIso(slot));

/** Reads every scheduled file's state from the database (writing nothing) and judges it at `now`. */
export async function scheduleOverview(
  db: Kysely<Database>,
  files: readonly QueryFile[],
  now: number,
  deadlineOverride?: number,
): Promise<ScheduleLine[]> {
  const missed = new Map((await missedBySchedule(db)).map((m) => [m.schedule, m.n]));
  const lines: ScheduleLine[] = [];
  for (const file of files) {
    const s = file.schedule;
    if (!s) continue;
    const fileId = queryFileId(file.path);
    const deadlineHours = deadlineOverride ?? s.deadlineHours;
    const crons = { run: compileCron(s.run, s.timezone), report: compileCron(s.report, s.timezone) };
    const states = {} as Record<
      "run" | "report",
      { state: SlotState; claimActive: boolean; attempted: string | null; completed: string | null }
    >;
    for (const kind of ["run", "report"] as const) {
      const { row, lastMissed } = await readSchedule(db, `${fileId}:${kind}`);
      states[kind] = {
        state: {
          lastCompletedSlot: ms(row?.last_completed_slot),
          lastMissedRecorded: ms(lastMissed),
          lastAttemptedSlot: ms(row?.last_attempted_slot),
          trackedSince: ms(row?.created_at),
        },
        claimActive: Boolean(row?.claim_owner && (row.claim_expires_at ?? "") > slotIso(now)),
        attempted: row?.last_attempted_slot ?? null,
        completed: row?.last_completed_slot ?? null,
      };
    }
    for (const kind of ["run", "report"] as const) {
      const id = `${fileId}:${kind}`;
      const cron = crons[kind];
      const { state, claimActive, attempted, completed } = states[kind];
      let active = claimActive;
      const probe = scheduleStatus({ cron, state, now, deadlineHours, active: false });
      if (kind === "run" && probe.latestSlot !== null) {
        const run = await slotRun(db, `${id}@${slotIso(probe.latestSlot)}`);
        active = Boolean(run?.leaseOwner && (run.leaseExpiresAt ?? "") > slotIso(now));
      }
      const gate =
        kind === "report" && probe.latestSlot !== null
          ? reportGate({
              runCron: crons.run,
              runState: states.run.state,
              reportSlot: probe.latestSlot,
              now,
              runDeadlineHours: deadlineHours,
            })
          : undefined;
      const status = scheduleStatus({ cron, state, now, deadlineHours, active, ...(gate ? { gate } : {}) });
      lines.push({
        schedule: id,
        kind,
        file: file.path,
        expression: cron.expression,
        timezone: cron.timezone,
        lastCompletedSlot: completed,
        lastAttemptedSlot: attempted,
        latestSlot: iso(status.latestSlot),
        nextSlot: iso(status.nextSlot),
        missedSlots: missed.get(id) ?? 0,
        health: status.health,
        overdue: status.overdue,
        reason: status.reason,
      });
    }
  }
  return lines;
}
