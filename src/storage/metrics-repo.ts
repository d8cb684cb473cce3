import { type Kysely, sql } from "kysely";
import type { Database } from "./tables.ts";

/**
 * Aggregates behind the daemon's /metrics. Read from the database so counters survive restarts and
 * count work done by any process (a manual `sightline run` included); rows are never deleted, so
 * each total only grows, as Prometheus counters must.
 */

export interface EngineTotals {
  engine: string;
  answered: number;
  failed: number;
  costUsd: number;
}

export async function engineTotals(db: Kysely<Database>): Promise<EngineTotals[]> {
  const answered = await db
    .selectFrom("answers")
    .select([
      "engine_id",
      (eb) => eb.fn.countAll<number>().as("n"),
      (eb) => eb.fn.sum<number | null>("cost_usd").as("cost"),
    ])
    .groupBy("engine_id")
    .execute();
  const failed = await db
    .selectFrom("work_items")
    .select(["engine_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("status", "=", "failed")
    .groupBy("engine_id")
    .execute();
  const out = new Map<string, EngineTotals>();
  const row = (engine: string) => {
    const r = out.get(engine) ?? { engine, answered: 0, failed: 0, costUsd: 0 };
    out.set(engine, r);
    return r;
  };
  for (const a of answered) {
    row(a.engine_id).answered = Number(a.n);
    row(a.engine_id).costUsd = Number(a.cost ?? 0);
  }
  for (const f of failed) row(f.engine_id).failed = Number(f.n);
  return [...out.values()].sort((a, b) => a.engine.localeCompare(b.engine));
}

/** Final failed attempts per engine and error kind. */
export async function failuresByKind(
  db: Kysely<Database>,
): Promise<{ engine: string; kind: string; n: number }[]> {
  const rows = await db
    .selectFrom("attempts")
    .select(["engine_id", "kind", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy(["engine_id", "kind"])
    .orderBy("engine_id")
    .orderBy("kind")
    .execute();
  return rows.map((r) => ({ engine: r.engine_id, kind: r.kind, n: Number(r.n) }));
}

export interface LatencyHistogram {
  engine: string;
  /** Cumulative: answers with latency <= bounds[i] seconds. */
  counts: number[];
  sumSeconds: number;
  count: number;
}

/** Answer latency per engine, bucketed in SQL (one scan, no rows shipped). */
export async function latencyHistograms(
  db: Kysely<Database>,
  boundsSeconds: readonly number[],
): Promise<LatencyHistogram[]> {
  const buckets = boundsSeconds.map((b, i) =>
    sql<number>`sum(case when latency_ms <= ${Math.round(b * 1000)} then 1 else 0 end)`.as(`b${i}`),
  );
  const rows = (await db
    .selectFrom("answers")
    .select([
      "engine_id",
      (eb) => eb.fn.countAll<number>().as("n"),
      (eb) => eb.fn.sum<number>("latency_ms").as("total"),
      ...buckets,
    ])
    .groupBy("engine_id")
    .orderBy("engine_id")
    .execute()) as unknown as Record<string, string | number | null>[];
  return rows.map((r) => ({
    engine: String(r.engine_id),
    counts: boundsSeconds.map((_, i) => Number(r[`b${i}`] ?? 0)),
    sumSeconds: Number(r.total ?? 0) / 1000,
    count: Number(r.n ?? 0),
  }));
}

export async function missedBySchedule(db: Kysely<Database>): Promise<{ schedule: string; n: number }[]> {
  const rows = await db
    .selectFrom("missed_slots")
    .select(["schedule", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy("schedule")
    .orderBy("schedule")
    .execute();
  return rows.map((r) => ({ schedule: r.schedule, n: Number(r.n) }));
}

/**
 * When each schedule's latest run with answers (completed or partial, not interrupted) finished;
 * schedule ids are the part of scheduled run ids before `@` (manual runs are left out).
 */
export async function lastSuccessfulRuns(
  db: Kysely<Database>,
): Promise<{ schedule: string; finishedAt: string }[]> {
  const rows = await db
    .selectFrom("runs")
    .select(["id", "finished_at", "summary_json"])
    .where("status", "in", ["completed", "partial"])
    .where("finished_at", "is not", null)
    .where("id", "not like", "manual@%")
    .execute();
  const latest = new Map<string, string>();
  for (const r of rows) {
    const at = r.id.lastIndexOf("@");
    if (at <= 0 || !r.finished_at || r.summary_json?.includes('"interrupted":true')) continue;
    const schedule = r.id.slice(0, at);
    if ((latest.get(schedule) ?? "") < r.finished_at) latest.set(schedule, r.finished_at);
  }
  return [...latest]
    .map(([schedule, finishedAt]) => ({ schedule, finishedAt }))
    .sort((a, b) => a.schedule.localeCompare(b.schedule));
}

/** True when the database answers a trivial query. */
export async function databaseReachable(db: Kysely<Database>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
