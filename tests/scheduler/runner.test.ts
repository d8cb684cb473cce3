import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ProviderError } from "../../src/core/errors.ts";
import { executeRun } from "../../src/scheduler/runner.ts";
import { countAnswers } from "../../src/storage/answers-repo.ts";
import { locateDatabase, type OpenDatabase, openDatabase } from "../../src/storage/db.ts";
import { itemCounts } from "../../src/storage/runs-repo.ts";
import { deps, fakeProvider, queryFile } from "./fake-engine.ts";

let open: OpenDatabase | undefined;
async function db() {
  open = await openDatabase(
    locateDatabase({ dbPath: join(mkdtempSync(join(tmpdir(), "sightline-run-")), "s.db") }),
  );
  return open.db;
}
afterEach(async () => {
  await open?.close();
  open = undefined;
});
const run = (file: ReturnType<typeof queryFile>, extra: Partial<Parameters<typeof executeRun>[1]> = {}) => ({
  file,
  runId: "manual@2026-11-23T06:00Z",
  slot: "2026-11-23T06:00:00.000Z",
  maxCostUsd: null,
  ...extra,
});

describe("durable runs", () => {
  it("asks every question × engine × sample once, stores each answer, and completes", async () => {
    const d = await db();
    const a = fakeProvider("a", () => "Fiken");
    const b = fakeProvider("b", () => "Tripletex");
    const file = queryFile([
      { id: "a:m1", provider: "a" },
      { id: "b:m1", provider: "b" },
    ]);
    const summary = await executeRun(deps(d, [a.provider, b.provider]), run(file));
    expect(summary).toMatchObject({
      status: "completed",
      answered: 12,
      failed: 0,
      pending: 0,
      spentUsd: 0.12,
    });
    expect(a.calls).toHaveLength(6);
    expect(await countAnswers(d)).toBe(12);
    // Running the same slot again asks nothing: every item is answered.
    const again = await executeRun(deps(d, [a.provider, b.provider]), run(file));
    expect(again.status).toBe("completed");
    expect(a.calls.length + b.calls.length).toBe(12);
  });

  it("keeps going when one engine is down: failures are data, the run is partial (exit 2)", async () => {
    const d = await db();
    const up = fakeProvider("up", () => "ok");
    const down = fakeProvider("down", () => new ProviderError("down", "bad-response", "garbage"));
    const file = queryFile([
      { id: "up:m1", provider: "up" },
      { id: "down:m1", provider: "down" },
    ]);
    const summary = await executeRun(deps(d, [up.provider, down.provider]), run(file));
    expect(summary).toMatchObject({ status: "partial", answered: 6, failed: 6 });
    const attempts = await d.selectFrom("attempts").select(["kind", "engine_id"]).execute();
    expect(attempts).toHaveLength(6);
    expect(new Set(attempts.map((x) => x.kind))).toEqual(new Set(["bad-response"]));
  });

  it("stops an engine after an auth error without calling it again, and retry-failed asks only the failed items", async () => {
    const d = await db();
    let broken = true;
    const engine = fakeProvider("e", () => (broken ? new ProviderError("e", "auth", "HTTP 401") : "fixed"));
    const file = queryFile([{ id: "e:m1", provider: "e" }]);
    const first = await executeRun(deps(d, [engine.provider]), run(file));
    expect(first).toMatchObject({ status: "failed", answered: 0, failed: 6 });
    // Only the calls already in flight when the 401 came back reached the server (concurrency 4).
    expect(engine.calls.length).toBeLessThanOrEqual(4);
    const firstWave = engine.calls.length;
    expect(first.engines[0]?.stoppedBy).toBe("auth");
    broken = false;
    const retried = await executeRun(deps(d, [engine.provider]), run(file, { retryFailed: true }));
    expect(retried).toMatchObject({ status: "completed", answered: 6, failed: 0 });
    expect(engine.calls).toHaveLength(firstWave + 6);
    expect(await d.selectFrom("attempts").select("id").execute()).toHaveLength(6); // the originals are kept
  });

  it("stops issuing calls at the budget and ends partial; a resume with more budget finishes", async () => {
    const d = await db();
    const engine = fakeProvider("e", () => "ok");
    const file = queryFile([{ id: "e:m1", provider: "e" }], 5, 2);
    const capped = await executeRun(deps(d, [engine.provider]), run(file, { maxCostUsd: 0.035 }));
    expect(capped.status).toBe("partial");
    expect(capped.budgetStopped).toBe(true);
    expect(capped.spentUsd).toBeLessThanOrEqual(0.035);
    expect(capped.notes.join(" ")).toMatch(/budget of \$0.035 reached/);
    const done = await executeRun(deps(d, [engine.provider]), run(file, { maxCostUsd: 1 }));
    expect(done).toMatchObject({ status: "completed", answered: 10 });
    expect(engine.calls).toHaveLength(10);
  });

  it("refuses to execute a run whose lease another live process holds", async () => {
    const d = await db();
    const slow = fakeProvider("s", () => "ok", 200);
    const file = queryFile([{ id: "s:m1", provider: "s" }], 2, 1);
    const first = executeRun(deps(d, [slow.provider], "owner-1"), run(file));
    await new Promise((r) => setTimeout(r, 50));
    await expect(executeRun(deps(d, [slow.provider], "owner-2"), run(file))).rejects.toThrow(
      /being executed by owner-1/,
    );
    await expect(first).resolves.toMatchObject({ status: "completed" });
  });

  it("an interrupted run stores what was in flight and resumes only the rest", async () => {
    const d = await db();
    const stop = new AbortController();
    const engine = fakeProvider(
      "e",
      (_r, n) => {
        if (n === 3) stop.abort();
        return "ok";
      },
      20,
    );
    const file = queryFile([{ id: "e:m1", provider: "e" }], 10, 1);
    const first = await executeRun(deps(d, [engine.provider]), run(file, { stop: stop.signal }));
    expect(first.interrupted).toBe(true);
    expect(first.answered).toBe(engine.calls.length);
    expect(await itemCounts(d, "manual@2026-11-23T06:00Z")).toMatchObject({
      answered: first.answered,
      pending: 10 - first.answered,
    });
    const second = await executeRun(deps(d, [engine.provider]), run(file));
    expect(second).toMatchObject({ status: "completed", answered: 10 });
    expect(engine.calls).toHaveLength(10);
  });
});

describe("a failing store", () => {
  it("stops every worker (no more paid calls) and fails the run with the storage error", async () => {
    const d = await db();
    const engine = fakeProvider("e", () => "ok", 5);
    const file = queryFile([{ id: "e:m1", provider: "e" }], 20, 1);
    let stores = 0;
    const failing = {
      store: async () => {
        stores++;
        if (stores >= 3) throw new Error("storage: disk full");
        return stores;
      },
      close: async () => undefined,
    };
    await expect(executeRun({ ...deps(d, [engine.provider]), store: failing }, run(file))).rejects.toThrow(
      /disk full/,
    );
    // At most the calls already in flight (concurrency 4) after the failure reached the engine.
    expect(engine.calls.length).toBeLessThanOrEqual(3 + 4);
  });
});
