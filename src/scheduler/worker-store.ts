import { Worker } from "node:worker_threads";
import type { QueryFile } from "../config/query-file.ts";
import type { AnswerStore } from "./answer-store.ts";

/**
 * An answer store on a worker thread: analysis and the SQLite commit (whose fsync blocks under
 * `synchronous=FULL`) run off the main thread, which keeps the provider calls of every engine
 * flowing. The worker has its own connection to the same database file; `BEGIN IMMEDIATE` and the
 * busy timeout serialise it with the main thread's writes. A store resolves only after its commit.
 */
export interface WorkerRequest {
  id: number;
  item: Parameters<AnswerStore["store"]>[0];
  answer: Parameters<AnswerStore["store"]>[1];
  now: string;
}

export type WorkerReply = { id: number; answerId: number | null } | { id: number; error: string };

export interface WorkerSetup {
  dbPath: string;
  brands: QueryFile["brands"];
  categories: QueryFile["categories"];
}

export function workerStore(setup: WorkerSetup, onAnalysisError: (message: string) => void): AnswerStore {
  // A small young generation: the worker handles one answer at a time and needs little headroom.
  const worker = new Worker(new URL("./answer-worker.ts", import.meta.url), {
    workerData: setup,
    resourceLimits: { maxYoungGenerationSizeMb: 8 },
  });
  const pending = new Map<number, { resolve: (id: number | null) => void; reject: (e: Error) => void }>();
  let next = 0;
  let failure: Error | null = null;
  worker.on("message", (message: WorkerReply | { analysisError: string }) => {
    if ("analysisError" in message) return onAnalysisError(message.analysisError);
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if ("error" in message) waiter?.reject(new Error(`storage: ${message.error}`));
    else waiter?.resolve(message.answerId);
  });
  const failAll = (error: Error) => {
    failure = error;
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };
  worker.on("error", (e) => failAll(e instanceof Error ? e : new Error(String(e))));
  worker.on("exit", (code) => {
    if (pending.size > 0) failAll(new Error(`storage: answer worker exited with code ${code}`));
  });
  return {
    store(item, answer, now) {
      if (failure) return Promise.reject(failure);
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, item, answer, now } satisfies WorkerRequest);
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}
