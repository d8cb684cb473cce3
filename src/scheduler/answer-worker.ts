/**
 * The worker thread behind `workerStore`: compiles the brand matcher once, then analyses and commits
 * each answer it is sent, one transaction per answer, and replies after the commit.
 */
import { parentPort, workerData } from "node:worker_threads";
import { compileBrands } from "../analysis/matcher.ts";
import { recordAnswer } from "../storage/answers-repo.ts";
import { locateDatabase, openDatabase } from "../storage/db.ts";
import { analysisRecord, brandsHash } from "./analysis-step.ts";
import type { WorkerReply, WorkerRequest, WorkerSetup } from "./worker-store.ts";

const setup = workerData as WorkerSetup;
const port = parentPort;
if (!port) throw new Error("answer-worker must run in a worker thread");

const compiled = compileBrands(setup.brands);
const hash = brandsHash(setup);
const { db } = await openDatabase(locateDatabase({ dbPath: setup.dbPath }));

// Requests are handled one at a time, in arrival order (one connection, short transactions).
let chain = Promise.resolve();
port.on("message", (request: WorkerRequest) => {
  chain = chain.then(async () => {
    let reply: WorkerReply;
    try {
      let analysis = null;
      try {
        analysis = analysisRecord(request.answer, compiled, setup, hash);
      } catch (error) {
        port.postMessage({
          analysisError: error instanceof Error ? (error.stack ?? error.message) : String(error),
        });
      }
      reply = {
        id: request.id,
        answerId: await recordAnswer(db, request.item, request.answer, analysis, request.now),
      };
    } catch (error) {
      reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(reply);
  });
});
