import type { Kysely } from "kysely";
import type { LeaseHolder } from "./lease-repo.ts";
import type { Database, RunStatus, ScheduleRow } from "./tables.ts";
import { writeTransaction } from "./transaction.ts";

/**
 * SQL of the daemon's schedules and missed slots. Slots are ISO strings of one format
 * (`toISOString()`), so comparing them as text compares them in time. Writes only ever move a
 * slot forward, so two daemons on one database cannot move a schedule back.
 */

export interface ScheduleKey {
  /** `<query file id>:run` or `<query file id>:report`. */
  id: string;
  queryFile: string;
  kind: "run" | "report";
}

export interface ScheduleState {
  row: ScheduleRow;
  /** Latest slot recorded as missed, if any. */
  lastMissed: string | null;
}

/** The schedule's state, creating its row (tracked from `now`) the first time it is seen. */
export async function trackSchedule(
  db: Kysely<Database>,
  key: ScheduleKey,
  now: string,
): Promise<ScheduleState> {
  const read = await readSchedule(db, key.id);
  let row = read.row;
  if (!row) {
    row = await writeTransaction(db, async (trx) => {
      await trx
        .insertInto("schedules")
        .values({
          id: key.id,
          query_file: key.queryFile,
          kind: key.kind,
          last_completed_slot: null,
          last_attempted_slot: null,
          claim_owner: null,
          claim_expires_at: null,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) => oc.column("id").doNothing())
        .execute();
      return trx.selectFrom("schedules").selectAll().where("id", "=", key.id).executeTakeFirstOrThrow();
    });
  }
  return { row, lastMissed: read.lastMissed };
}

/** The schedule's state without creating it (undefined row: never tracked). */
export async function readSchedule(
  db: Kysely<Database>,
  id: string,
): Promise<{ row: ScheduleRow | undefined; lastMissed: string | null }> {
  const row = await db.selectFrom("schedules").selectAll().where("id", "=", id).executeTakeFirst();
  const missed = await db
    .selectFrom("missed_slots")
    .select((eb) => eb.fn.max("slot").as("slot"))
    .where("schedule", "=", id)
    .executeTakeFirst();
  return { row, lastMissed: missed?.slot ?? null };
}

export function listSchedules(db: Kysely<Database>): Promise<ScheduleRow[]> {
  return db.selectFrom("schedules").selectAll().orderBy("id").execute();
}

/** Records slots that passed their deadline without a run (already recorded ones are kept). */
export async function recordMissed(
  db: Kysely<Database>,
  schedule: string,
  slots: readonly string[],
  now: string,
): Promise<void> {
  if (slots.length === 0) return;
  await writeTransaction(db, async (trx) => {
    for (let i = 0; i < slots.length; i += 200) {
      await trx
        .insertInto("missed_slots")
        .values(slots.slice(i, i + 200).map((slot) => ({ schedule, slot, recorded_at: now })))
        .onConflict((oc) => oc.columns(["schedule", "slot"]).doNothing())
        .execute();
    }
  });
}

export async function markAttempted(
  db: Kysely<Database>,
  id: string,
  slot: string,
  now: string,
): Promise<void> {
  await writeTransaction(db, (trx) =>
    trx
      .updateTable("schedules")
      .set({ last_attempted_slot: slot, updated_at: now })
      .where("id", "=", id)
      .where((eb) => eb.or([eb("last_attempted_slot", "is", null), eb("last_attempted_slot", "<", slot)]))
      .execute(),
  );
}

/** Marks `slot` finished and drops `owner`'s claim on the schedule. */
export async function markCompleted(
  db: Kysely<Database>,
  id: string,
  slot: string,
  now: string,
  owner?: string,
): Promise<void> {
  await writeTransaction(db, async (trx) => {
    await trx
      .updateTable("schedules")
      .set({ last_completed_slot: slot, updated_at: now })
      .where("id", "=", id)
      .where((eb) => eb.or([eb("last_completed_slot", "is", null), eb("last_completed_slot", "<", slot)]))
      .execute();
    if (owner)
      await trx
        .updateTable("schedules")
        .set({ claim_owner: null, claim_expires_at: null })
        .where("id", "=", id)
        .where("claim_owner", "=", owner)
        .execute();
  });
}

/**
 * Claims a slot of the schedule for `owner` until `until` (the report's "lease"): "done" when the
 * slot is already completed, the holder when another live owner's claim has not expired.
 */
export async function claimSlot(
  db: Kysely<Database>,
  claim: { id: string; slot: string; owner: string; now: string; until: string },
  isDead: (owner: string) => boolean,
): Promise<"claimed" | "done" | LeaseHolder> {
  return writeTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom("schedules")
      .selectAll()
      .where("id", "=", claim.id)
      .executeTakeFirstOrThrow();
    if (row.last_completed_slot !== null && row.last_completed_slot >= claim.slot) return "done";
    const held =
      row.claim_owner !== null &&
      row.claim_owner !== claim.owner &&
      row.claim_expires_at !== null &&
      row.claim_expires_at > claim.now &&
      !isDead(row.claim_owner);
    if (held && row.claim_owner)
      return { owner: row.claim_owner, expiresAt: row.claim_expires_at ?? claim.now };
    await trx
      .updateTable("schedules")
      .set({
        claim_owner: claim.owner,
        claim_expires_at: claim.until,
        last_attempted_slot:
          row.last_attempted_slot !== null && row.last_attempted_slot > claim.slot
            ? row.last_attempted_slot
            : claim.slot,
        updated_at: claim.now,
      })
      .where("id", "=", claim.id)
      .execute();
    return "claimed";
  });
}

/** Gives up `owner`'s claim without completing (a failed delivery is retried later). */
export async function releaseClaim(db: Kysely<Database>, id: string, owner: string): Promise<void> {
  await writeTransaction(db, (trx) =>
    trx
      .updateTable("schedules")
      .set({ claim_owner: null, claim_expires_at: null })
      .where("id", "=", id)
      .where("claim_owner", "=", owner)
      .execute(),
  );
}

/** How the run of a scheduled slot stands, as far as the daemon cares. */
export interface SlotRun {
  status: RunStatus;
  /** True when the run ended because it was stopped (shutdown, lease lost): it is resumable. */
  interrupted: boolean;
  leaseOwner: string | null;
  leaseExpiresAt: string | null;
}

export async function slotRun(db: Kysely<Database>, runId: string): Promise<SlotRun | undefined> {
  const run = await db
    .selectFrom("runs")
    .select(["status", "summary_json", "lease_owner", "lease_expires_at"])
    .where("id", "=", runId)
    .executeTakeFirst();
  if (!run) return undefined;
  let interrupted = false;
  try {
    interrupted = Boolean((JSON.parse(run.summary_json ?? "{}") as { interrupted?: unknown }).interrupted);
  } catch {
    interrupted = false;
  }
  return {
    status: run.status,
    interrupted,
    leaseOwner: run.lease_owner,
    leaseExpiresAt: run.lease_expires_at,
  };
}

/** Missed slots, newest first (for `status` and the ops metrics). */
export function missedSlots(db: Kysely<Database>, schedule?: string, limit = 100) {
  let q = db.selectFrom("missed_slots").selectAll();
  if (schedule) q = q.where("schedule", "=", schedule);
  return q.orderBy("slot", "desc").limit(limit).execute();
}
