import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/cli/commands/validate.ts";
import { readEnv } from "../../src/config/env.ts";
import { systemClock } from "../../src/core/clock.ts";
import { getProvider, modelInfo } from "../../src/providers/registry.ts";
import { analysisStep } from "../../src/scheduler/analysis-step.ts";
import { inProcessStore } from "../../src/scheduler/answer-store.ts";
import { executeRun } from "../../src/scheduler/runner.ts";
import { locateDatabase, type OpenDatabase, openDatabase } from "../../src/storage/db.ts";
import { type MockAiServer, startMockAiServer } from "./mock-ai/server.ts";
import { mockEnv, scratchQueryFile } from "./setup.ts";

let server: MockAiServer | undefined;
let open: OpenDatabase | undefined;
afterEach(async () => {
  await open?.close();
  await server?.close();
  open = undefined;
  server = undefined;
});

const fastRetries = { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 100, maxSleepMs: 10_000, breakAfter: 3 };

describe("a run against local servers speaking the real wire formats", () => {
  it("survives a 429 storm, one engine down for the whole run and slow responses", async () => {
    server = await startMockAiServer({
      behaviours: {
        openai: { rateLimitFirst: 6, retryAfterSec: 1 },
        anthropic: { down: true, failStatus: 529 },
        perplexity: { latencyMs: 400 },
        gemini: { latencyMs: 20 },
      },
    });
    const { file: path, db } = scratchQueryFile(
      ["openai", "anthropic", "perplexity", "gemini", "{ id: google-ai-overview, requestsPerMinute: 600 }"],
      4,
      2,
    );
    const file = await loadConfig(path);
    open = await openDatabase(locateDatabase({ dbPath: db }));
    const started = Date.now();
    const summary = await executeRun(
      {
        db: open.db,
        clock: systemClock,
        env: readEnv(mockEnv(server)),
        getProvider,
        priceOf: modelInfo,
        store: inProcessStore(
          open.db,
          analysisStep(file, (e) => {
            throw e;
          }),
        ),
        owner: "e2e",
        isDead: () => false,
        backoff: fastRetries,
      },
      { file, runId: "manual@e2e", slot: new Date().toISOString(), maxCostUsd: null },
    );
    const byEngine = Object.fromEntries(summary.engines.map((e) => [e.engine.split(":")[0], e]));
    expect(summary.status).toBe("partial");
    expect(byEngine.openai).toMatchObject({ answered: 8, failed: 0 });
    expect(byEngine.anthropic).toMatchObject({ answered: 0, failed: 8 });
    expect(byEngine.perplexity).toMatchObject({ answered: 8, failed: 0 });
    expect(byEngine.gemini).toMatchObject({ answered: 8, failed: 0 });
    expect(byEngine["google-ai-overview"]).toMatchObject({ answered: 8, failed: 0 });
    const stats = server.stats();
    expect(stats.openai.status[429]).toBe(6);
    expect(stats.openai.requests).toBe(14); // every 429 retried once, no answer asked twice
    // The breaker stopped hammering the dead engine: far fewer calls than 8 items × 4 attempts.
    expect(stats.anthropic.requests).toBeLessThanOrEqual(3 * 4 + 4 * 4);
    // The 429 storm paused OpenAI only; slow Perplexity ran 4 at a time.
    expect(stats.perplexity.peakInFlight).toBeGreaterThan(1);
    expect(Date.now() - started).toBeLessThan(15_000);
    // Failures are data with their kind; answers were analysed as they were stored.
    const kinds = await open.db
      .selectFrom("attempts")
      .select("kind")
      .where("engine_id", "like", "anthropic%")
      .execute();
    expect(kinds).toHaveLength(8);
    expect(new Set(kinds.map((k) => k.kind))).toEqual(new Set(["server"]));
    const mentions = await open.db.selectFrom("mentions").select(["brand", "word_share"]).execute();
    expect(mentions.length).toBeGreaterThan(32);
    expect(mentions.every((m) => m.word_share >= 0 && m.word_share <= 1)).toBe(true);
    expect(mentions.some((m) => m.word_share > 0)).toBe(true);
    const servedModels = await open.db.selectFrom("answers").select("served_model").distinct().execute();
    expect(servedModels.length).toBeGreaterThanOrEqual(3);
    expect((await sql`pragma integrity_check`.execute(open.db)).rows).toEqual([{ integrity_check: "ok" }]);
  }, 30_000);
});
