import type { Kysely } from "kysely";
import type { Database, WorkItem } from "./tables.ts";
import { writeTransaction } from "./transaction.ts";

/** SQL for the life of a work item besides its answer (which `recordAnswer` stores). */

export interface FailureRecord {
  kind: string;
  message: string;
  httpStatus: number | null;
}

/** Marks the item failed and keeps the attempt as data (spec §7: excluded from n). */
export async function recordFailure(
  db: Kysely<Database>,
  item: Pick<WorkItem, "id" | "run_id" | "engine_id">,
  failure: FailureRecord,
  now: string,
): Promise<void> {
  await writeTransaction(db, async (trx) => {
    await trx
      .insertInto("attempts")
      .values({
        item_id: item.id,
        run_id: item.run_id,
        engine_id: item.engine_id,
        kind: failure.kind,
        message: failure.message.slice(0, 2000),
        http_status: failure.httpStatus,
        created_at: now,
      })
      .execute();
    await trx
      .updateTable("work_items")
      .set({
        status: "failed",
        attempts: (eb) => eb("attempts", "+", 1),
        last_error_kind: failure.kind,
        last_error: failure.message.slice(0, 500),
        updated_at: now,
      })
      .where("id", "=", item.id)
      .where("status", "!=", "answered")
      .execute();
  });
}

/** Keeps the item pending but not before `retryAt` (a server asked for a long wait). */
export async function deferItem(
  db: Kysely<Database>,
  itemId: string,
  retryAt: string,
  reason: string,
  now: string,
): Promise<void> {
  await writeTransaction(db, (trx) =>
    trx
      .updateTable("work_items")
      .set({
        next_attempt_at: retryAt,
        last_error_kind: "rate-limit",
        last_error: reason.slice(0, 500),
        updated_at: now,
      })
      .where("id", "=", itemId)
      .where("status", "=", "pending")
      .execute(),
  );
}

/** Puts a run's failed items back to pending (their attempt rows stay); returns how many. */
export async function resetFailedItems(db: Kysely<Database>, runId: string, now: string): Promise<number> {
  const result = await writeTransaction(db, (trx) =>
    trx
      .updateTable("work_items")
      .set({ status: "pending", next_attempt_at: null, updated_at: now })
      .where("run_id", "=", runId)
      .where("status", "=", "failed")
      .executeTakeFirst(),
  );
  return Number(result.numUpdatedRows);
}

/** Sum of stored answer costs of a run (what it has spent so far, across resumes). */
export async function spentOnRun(db: Kysely<Database>, runId: string): Promise<number> {
  const row = await db
    .selectFrom("answers")
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("cost_usd"), eb.lit(0)).as("spent"))
    .where("run_id", "=", runId)
    .executeTakeFirstOrThrow();
  return Number(row.spent);
}
