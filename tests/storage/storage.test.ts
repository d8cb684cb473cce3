import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { countAnswers, getAnswer, recordAnswer } from "../../src/storage/answers-repo.ts";
import { locateDatabase, openDatabase } from "../../src/storage/db.ts";
import { ensureRun, itemCounts } from "../../src/storage/runs-repo.ts";
import { analysis, askResult, itemsFor } from "./fixtures.ts";

const run = promisify(execFile);
const tempDb = () => join(mkdtempSync(join(tmpdir(), "sightline-db-")), "sightline.db");

describe("storage on a real SQLite file", () => {
  it("locates the database from --db, DATABASE_URL or the default", () => {
    expect(locateDatabase({ dbPath: "/x/a.db" })).toEqual({ dialect: "sqlite", target: "/x/a.db" });
    expect(locateDatabase({ databaseUrl: "file:/y/b.db" })).toEqual({ dialect: "sqlite", target: "/y/b.db" });
    expect(locateDatabase({ dbPath: "/x/a.db", databaseUrl: "file:/y/b.db" }).target).toBe("/x/a.db");
    expect(locateDatabase({}).target).toMatch(/sightline\.db$/);
    expect(locateDatabase({ databaseUrl: "postgres://u@localhost/db" }).dialect).toBe("postgres");
    expect(() => locateDatabase({ databaseUrl: "mysql://x" })).toThrow(/file: or postgres:\/\//);
  });

  it("migrates, sets durable pragmas, and stores an answer with its analysis atomically and once", async () => {
    const { db, close } = await openDatabase(locateDatabase({ dbPath: tempDb() }));
    try {
      const pragma = async (name: string) => (await sql.raw(`pragma ${name}`).execute(db)).rows[0];
      expect(await pragma("journal_mode")).toEqual({ journal_mode: "wal" });
      expect(await pragma("synchronous")).toEqual({ synchronous: 2 }); // FULL
      expect(await pragma("foreign_keys")).toEqual({ foreign_keys: 1 });
      const now = "2026-11-23T06:00:00.000Z";
      const items = itemsFor("r1", 2, now);
      await ensureRun(
        db,
        { id: "r1", queryFile: "q.yaml", configHash: "h", slot: now, maxCostUsd: 5, now },
        items,
      );
      await ensureRun(
        db,
        { id: "r1", queryFile: "q.yaml", configHash: "h", slot: now, maxCostUsd: 5, now },
        items,
      ); // idempotent
      const item = items[0]!;
      const id = await recordAnswer(
        db,
        item,
        askResult("1. Fiken"),
        { version: 1, brandsHash: "b", result: analysis },
        now,
      );
      expect(id).toBeTypeOf("number");
      expect(
        await recordAnswer(
          db,
          item,
          askResult("again"),
          { version: 1, brandsHash: "b", result: analysis },
          now,
        ),
      ).toBeNull();
      expect(await countAnswers(db, "r1")).toBe(1);
      expect(await itemCounts(db, "r1")).toEqual({ pending: 1, answered: 1, failed: 0, skipped: 0 });
      const stored = await getAnswer(db, id!);
      expect(JSON.parse(stored!.raw_json)).toEqual({ id: "resp_1", output: [] });
      const mentions = await db.selectFrom("mentions").selectAll().execute();
      expect(mentions).toMatchObject([{ brand: "Fiken", count: 2, rank: 1, list_position: 1 }]);
      const citations = await db.selectFrom("citations").selectAll().execute();
      expect(citations).toMatchObject([
        { url: "https://fiken.no/priser", owner: "Fiken", category: "owned", retrieved: 0 },
      ]);
    } finally {
      await close();
    }
  });

  it("rolls back everything when a write fails halfway", async () => {
    const { db, close } = await openDatabase(locateDatabase({ dbPath: tempDb() }));
    try {
      const now = "2026-11-23T06:00:00.000Z";
      const items = itemsFor("r2", 1, now);
      await ensureRun(
        db,
        { id: "r2", queryFile: "q.yaml", configHash: "h", slot: now, maxCostUsd: null, now },
        items,
      );
      const broken = { ...analysis, mentions: [analysis.mentions[0]!, analysis.mentions[0]!] }; // duplicate primary key
      await expect(
        recordAnswer(db, items[0]!, askResult("x"), { version: 1, brandsHash: "b", result: broken }, now),
      ).rejects.toThrow();
      expect(await countAnswers(db)).toBe(0);
      expect(await itemCounts(db, "r2")).toMatchObject({ pending: 1, answered: 0 });
    } finally {
      await close();
    }
  });

  it("two processes writing at once both finish without SQLITE_BUSY", async () => {
    const path = tempDb();
    const child = new URL("./writer-child.ts", import.meta.url).pathname;
    const n = 150;
    const results = await Promise.all(
      ["ra", "rb"].map((runId) => run(process.execPath, [child, path, runId, String(n)])),
    );
    expect(results.map((r) => r.stdout.trim())).toEqual(["done ra", "done rb"]);
    const { db, close } = await openDatabase(locateDatabase({ dbPath: path }));
    try {
      expect(await countAnswers(db)).toBe(2 * n);
      expect((await sql`pragma integrity_check`.execute(db)).rows).toEqual([{ integrity_check: "ok" }]);
    } finally {
      await close();
    }
  }, 60_000);
});
