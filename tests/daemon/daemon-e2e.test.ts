import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { readEnv } from "../../src/config/env.ts";
import { createLogger } from "../../src/core/logger.ts";
import type { Daemon } from "../../src/scheduler/daemon-types.ts";
import type { OpenDatabase } from "../../src/storage/db.ts";
import { type MockAiServer, startMockAiServer } from "../e2e/mock-ai/server.ts";
import { mockEnv, scratchQueryFile } from "../e2e/setup.ts";
import { FakeClock } from "./fake-clock.ts";
import { startRealDaemon } from "./real-daemon.ts";

let server: MockAiServer | undefined;
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  await server?.close();
  server = undefined;
});

const requests = (s: MockAiServer) => Object.values(s.stats()).reduce((sum, p) => sum + p.requests, 0);

describe("the daemon end to end against the local mock AI server", () => {
  it("runs a one-minute schedule with the real run wiring, and after a kill and restart past missed slots catches up exactly once", async () => {
    server = await startMockAiServer({
      behaviours: { openai: { latencyMs: 20 }, anthropic: { latencyMs: 20 } },
    });
    const { file, db: dbPath } = scratchQueryFile(
      ["openai", "anthropic"],
      2,
      2,
      'schedule: { run: "* * * * *", report: "0 8 * * 1", timezone: Europe/Oslo, deadlineHours: 0.05 }',
    );
    const clock = new FakeClock("2026-11-23T12:00:30Z");
    const logger = createLogger({ level: "warn", write: () => undefined });
    const env = readEnv(mockEnv(server));
    const perRun = 2 * 2 * 2;

    /** Starts a daemon as a fresh process would: its own connection, owner and memory. */
    const boot = async (owner: string): Promise<{ daemon: Daemon; open: OpenDatabase }> => {
      const { daemon, open } = await startRealDaemon({
        file,
        dbPath,
        clock,
        env,
        logger,
        owner,
        sendReport: () => async () => undefined,
      });
      cleanups.push(
        () => open.close(),
        () => daemon.stop(5_000),
      );
      return { daemon, open };
    };
    const runs = async (open: OpenDatabase) =>
      (await sql<{ id: string; status: string }>`select id, status from runs order by id`.execute(open.db))
        .rows;

    const first = await boot("e2e-host:1:aaa");
    await first.daemon.settled();
    clock.set("2026-11-23T12:01:00Z");
    await first.daemon.settled();
    expect(await runs(first.open)).toEqual([
      { id: "q:run@2026-11-23T12:00:00.000Z", status: "completed" },
      { id: "q:run@2026-11-23T12:01:00.000Z", status: "completed" },
    ]);
    expect(requests(server)).toBe(2 * perRun);

    // Killed between slots: nothing in flight, every answer committed; its memory is gone.
    await first.daemon.stop(0);
    await first.open.close();
    cleanups.length = 0;

    clock.set("2026-11-23T12:05:30Z");
    const second = await boot("e2e-host:2:bbb");
    await second.daemon.settled();
    expect(await runs(second.open)).toEqual([
      { id: "q:run@2026-11-23T12:00:00.000Z", status: "completed" },
      { id: "q:run@2026-11-23T12:01:00.000Z", status: "completed" },
      { id: "q:run@2026-11-23T12:05:00.000Z", status: "completed" },
    ]);
    const missed = await sql<{
      slot: string;
    }>`select slot from missed_slots where schedule = 'q:run' order by slot`.execute(second.open.db);
    // 12:03 and 12:04 were within the three-minute deadline and coalesced into 12:05; 12:02 was not.
    expect(missed.rows.map((r) => r.slot)).toEqual(["2026-11-23T12:02:00.000Z"]);
    expect(requests(server)).toBe(3 * perRun);
    const answers = await sql<{ n: number }>`select count(*) as n from answers`.execute(second.open.db);
    expect(answers.rows[0]?.n).toBe(3 * perRun);
  }, 30_000);
});
