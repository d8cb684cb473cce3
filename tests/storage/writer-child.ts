/**
 * Child process for the concurrent-writers test: opens the database file given in argv[2] and
 * stores argv[4] answers for a run of its own (argv[3]), one short write transaction each.
 */

import { recordAnswer } from "../../src/storage/answers-repo.ts";
import { locateDatabase, openDatabase } from "../../src/storage/db.ts";
import { ensureRun } from "../../src/storage/runs-repo.ts";
import { analysis, askResult, itemsFor } from "./fixtures.ts";

const [path, runId, countText] = process.argv.slice(2);
if (!path || !runId || !countText) throw new Error("usage: writer-child.ts DB RUN COUNT");
const count = Number(countText);
const { db, close } = await openDatabase(locateDatabase({ dbPath: path }));
const now = new Date().toISOString();
const items = itemsFor(runId, count, now);
await ensureRun(
  db,
  { id: runId, queryFile: "q.yaml", configHash: "h", slot: now, maxCostUsd: null, now },
  items,
);
for (const item of items) {
  await recordAnswer(
    db,
    item,
    askResult(`1. Fiken is simple. Fiken again (${item.id}).`),
    { version: 1, brandsHash: "b", result: analysis },
    now,
  );
}
await close();
process.stdout.write(`done ${runId}\n`);
