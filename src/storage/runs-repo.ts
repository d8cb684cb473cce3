import type { Kysely } from "kysely";
import type { Database, NewWorkItem, Run, RunStatus, WorkItem } from "./tables.ts";
import { writeTransaction } from "./transaction.ts";

/** SQL for runs and their work items. Times are ISO strings from the injected clock. */

export interface NewRun {
  id: string;
  queryFile: string;
  configHash: string;
  slot: string;
  maxCostUsd: number | null;
  now: string;
}

/** Creates the run and its items unless they exist (idempotent keys); returns the stored run. */
export async function ensureRun(
  db: Kysely<Database>,
  run: NewRun,
  items: readonly NewWorkItem[],
): Promise<Run> {
  return writeTransaction(db, async (trx) => {
    await trx
      .insertInto("runs")
      .values({
        id: run.id,
        query_file: run.queryFile,
        config_hash: run.configHash,
        slot: run.slot,
        status: "planned",
        created_at: run.now,
        started_at: null,
        finished_at: null,
        lease_owner: null,
        lease_expires_at: null,
        max_cost_usd: run.maxCostUsd,
        summary_json: null,
      })
      .onConflict((oc) => oc.column("id").doNothing())
      .execute();
    for (let i = 0; i < items.length; i += 200) {
      await trx
        .insertInto("work_items")
        .values(items.slice(i, i + 200))
        .onConflict((oc) => oc.column("id").doNothing())
        .execute();
    }
    return trx.selectFrom("runs").selectAll().where("id", "=", run.id).executeTakeFirstOrThrow();
  });
}

export async function getRun(db: Kysely<Database>, id: string): Promise<Run | undefined> {
  return db.selectFrom("runs").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function listRuns(db: Kysely<Database>, limit = 50): Promise<Run[]> {
  return db.selectFrom("runs").selectAll().orderBy("created_at", "desc").limit(limit).execute();
}

export async function setRunStatus(
  db: Kysely<Database>,
  id: string,
  status: RunStatus,
  now: string,
  summary?: unknown,
): Promise<void> {
  const done = status === "completed" || status === "partial" || status === "failed";
  await writeTransaction(db, (trx) =>
    trx
      .updateTable("runs")
      .set({
        status,
        ...(status === "running" ? { started_at: now } : {}),
        ...(done ? { finished_at: now } : {}),
        ...(summary === undefined ? {} : { summary_json: JSON.stringify(summary) }),
      })
      .where("id", "=", id)
      .execute(),
  );
}

export async function itemsOfRun(
  db: Kysely<Database>,
  runId: string,
  status?: WorkItem["status"],
): Promise<WorkItem[]> {
  let q = db.selectFrom("work_items").selectAll().where("run_id", "=", runId);
  if (status) q = q.where("status", "=", status);
  return q.orderBy("id").execute();
}

/** Counts of items per status for a run. */
export async function itemCounts(
  db: Kysely<Database>,
  runId: string,
): Promise<Record<WorkItem["status"], number>> {
  const rows = await db
    .selectFrom("work_items")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("run_id", "=", runId)
    .groupBy("status")
    .execute();
  const counts = { pending: 0, answered: 0, failed: 0, skipped: 0 };
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}
