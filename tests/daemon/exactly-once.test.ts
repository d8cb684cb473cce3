import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/cli/commands/validate.ts";
import { configHash, planRun } from "../../src/scheduler/plan.ts";
import { executeRun } from "../../src/scheduler/runner.ts";
import { acquireLease } from "../../src/storage/lease-repo.ts";
import { ensureRun } from "../../src/storage/runs-repo.ts";
import { deps, price } from "../scheduler/fake-engine.ts";
import { fakeEngine, Harness, until } from "./harness.ts";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const weekly = { run: "0 6 * * 1", report: "0 8 * * 1", timezone: "Europe/Oslo" };
const slot = "2026-11-23T05:00:00.000Z";
const runId = `weekly:run@${slot}`;

async function count(harness: Harness, query: string): Promise<number> {
  const db = await harness.sharedDb();
  const { rows } = await sql.raw<{ n: number }>(query).execute(db);
  return Number(rows[0]?.n ?? 0);
}

describe("each slot runs exactly once", () => {
  it("two daemons on one database: both wake at the slot, one run executes it, one report goes out", async () => {
    h = new Harness("2026-11-23T04:59:00Z", weekly, () => "Fiken", 20);
    const a = await h.start({ owner: "host-a:1:aaa" });
    const b = await h.start({ owner: "host-b:2:bbb" });
    await h.at("2026-11-23T05:00:00Z");
    expect(h.engine.calls).toHaveLength(6);
    expect(await count(h, "select count(*) as n from runs")).toBe(1);
    expect(await count(h, "select count(*) as n from answers")).toBe(6);
    await h.at("2026-11-23T07:00:00Z");
    expect(h.reports).toHaveLength(1);
    await h.at("2026-11-30T05:00:00Z");
    await h.at("2026-11-30T07:00:00Z");
    expect(h.engine.calls).toHaveLength(12);
    expect(h.reports).toHaveLength(2);
    expect(a.ready() && b.ready()).toBe(true);
  });

  it("a crashed run is resumed by the first heartbeat after its lease expires, asking only what is missing", async () => {
    h = new Harness("2026-11-23T05:00:10Z", weekly);
    const db = await h.sharedDb();
    const file = { ...(await loadConfig(h.file)), engines: [fakeEngine] };
    // The crashed process answered some items, then died holding the lease until 05:01:10.
    const stop = new AbortController();
    const crashed = await executeRun(
      {
        ...deps(db, [h.provider], "host-z:9:zzz"),
        clock: h.clock,
        events: { onItem: () => stop.abort() },
      },
      { file, runId, slot, maxCostUsd: null, stop: stop.signal },
    );
    expect(crashed.interrupted).toBe(true);
    const answeredBefore = crashed.answered;
    const callsBefore = h.engine.calls.length;
    const lease = await acquireLease(
      db,
      runId,
      "host-z:9:zzz",
      "2026-11-23T05:00:10.000Z",
      "2026-11-23T05:01:10.000Z",
      () => false,
    );
    expect(lease).toBeNull();

    const d = await h.start();
    await d.settled();
    expect(h.engine.calls.length).toBe(callsBefore);
    expect(h.messages("slot is being run by another process").length).toBeGreaterThan(0);

    await h.at("2026-11-23T05:01:10Z"); // heartbeat at 05:01:10, lease expires at that instant
    await h.at("2026-11-23T05:02:10Z");
    expect(h.messages("resuming run")).toHaveLength(1);
    expect(await count(h, "select count(*) as n from answers")).toBe(6);
    expect(h.engine.calls.length - callsBefore).toBe(6 - answeredBefore);
    expect(await count(h, "select count(*) as n from runs where status = 'completed'")).toBe(1);
  });

  it("a run whose holder never finishes does not hold the report past the run's deadline", async () => {
    h = new Harness("2026-11-23T05:00:10Z", weekly);
    const db = await h.sharedDb();
    const file = { ...(await loadConfig(h.file)), engines: [fakeEngine] };
    const plan = planRun({ file, runId, nowIso: slot, priceOf: () => price });
    await ensureRun(
      db,
      { id: runId, queryFile: file.path, configHash: configHash(file), slot, maxCostUsd: null, now: slot },
      plan.items,
    );
    await acquireLease(db, runId, "host-z:9:zzz", slot, "2026-11-30T00:00:00.000Z", () => false);
    const d = await h.start();
    await h.at("2026-11-23T07:00:00Z", d);
    await h.at("2026-11-24T05:00:00Z", d);
    expect(h.reports).toEqual([]);
    await h.at("2026-11-24T05:01:00Z", d);
    expect(h.reports).toEqual([{ file: h.file, periodEnd: "2026-11-23T07:00:00.000Z" }]);
    expect(h.engine.calls).toHaveLength(0);
  });

  it("shuts down mid-run: calls in flight finish and are stored, and the run resumes later", async () => {
    h = new Harness("2026-11-23T04:59:00Z", { ...weekly, questions: 10 }, () => "Fiken", 50);
    const d = await h.start();
    await d.settled();
    h.clock.set("2026-11-23T05:00:00Z");
    await until(async () => (await count(h as Harness, "select count(*) as n from answers")) >= 1);
    const stopped = await d.stop(5_000);
    expect(stopped).toEqual({ drained: true, inFlight: [] });
    const answered = await count(h, "select count(*) as n from answers");
    expect(answered).toBe(h.engine.calls.length); // every call that was made is stored
    expect(answered).toBeLessThan(20);
    const db = await h.sharedDb();
    const run = await db.selectFrom("runs").selectAll().executeTakeFirstOrThrow();
    expect(JSON.parse(run.summary_json ?? "{}")).toMatchObject({ interrupted: true });
    expect(run.lease_owner).toBeNull();
    const schedule = await db
      .selectFrom("schedules")
      .selectAll()
      .where("id", "=", "weekly:run")
      .executeTakeFirstOrThrow();
    expect(schedule.last_completed_slot).toBeNull();

    const again = await h.start({ owner: "host-b:2:bbb" });
    await again.settled();
    expect(await count(h, "select count(*) as n from answers")).toBe(20);
    expect(h.engine.calls).toHaveLength(20);
    expect(await count(h, "select count(*) as n from runs where status = 'completed'")).toBe(1);
  });
});
