import { ProviderError } from "../core/errors.ts";
import { DeferredError } from "../providers/http/engine-gate.ts";
import type { AskResult } from "../providers/types.ts";
import { deferItem, recordFailure } from "../storage/items-repo.ts";
import type { WorkItem } from "../storage/tables.ts";
import type { Budget } from "./budget.ts";
import type { EngineRuntime } from "./engine-runtime.ts";
import { estimateCallUsd } from "./plan.ts";
import type { EngineTally } from "./run-summary.ts";
import type { RunDeps } from "./runner.ts";

/** Runs one engine's due items with as many workers as its gate allows in flight. */
export async function drainEngine(
  deps: RunDeps,
  rt: EngineRuntime,
  items: WorkItem[],
  budget: Budget,
  stop: AbortSignal,
  tallies: Map<string, EngineTally>,
  iso: () => string,
): Promise<void> {
  const queue = [...items];
  const storing = new Set<Promise<void>>();
  let storeFailure: unknown = null;
  const estimate = estimateCallUsd(rt.engine, deps.priceOf(rt.engine.provider, rt.engine.model), 1) ?? 0;
  const tallyOf = tallies.get(rt.engine.id);
  const worker = async () => {
    for (let item = queue.shift(); item; item = queue.shift()) {
      // A failed commit (disk full, database gone) stops every worker: no more paid calls.
      if (stop.aborted || storeFailure !== null || !budget.reserve(estimate)) return;
      const request = {
        question: item.question_text,
        locale: item.locale,
        model: item.model,
        webSearch: rt.engine.webSearch,
      };
      let result: AskResult;
      try {
        result = await rt.gate.run((signal) => rt.provider.ask({ ...request, signal }, rt.context));
      } catch (error) {
        budget.settle(estimate, 0);
        if (error instanceof DeferredError) {
          await deferItem(deps.db, item.id, new Date(error.retryAt).toISOString(), error.message, iso());
          deps.events?.onItem?.(rt.engine.id, "deferred", { costUsd: 0, kind: "rate-limit" });
          continue;
        }
        const pe =
          error instanceof ProviderError
            ? error
            : new ProviderError(rt.engine.provider, "server", String(error));
        await recordFailure(
          deps.db,
          item,
          { kind: pe.kind, message: pe.message, httpStatus: pe.status ?? null },
          iso(),
        );
        if (tallyOf) tallyOf.failed++;
        deps.events?.onItem?.(rt.engine.id, "failed", { costUsd: 0, kind: pe.kind });
        continue;
      }
      const cost = result.costUsd ?? 0;
      budget.settle(estimate, cost);
      // The commit (and its fsync) proceeds while this worker asks the next question; the pass
      // ends only when every store has committed.
      const stored = deps.store.store(item, result, iso()).then(() => {
        if (tallyOf) {
          tallyOf.answered++;
          tallyOf.spentUsd = Math.round((tallyOf.spentUsd + cost) * 1e6) / 1e6;
        }
        deps.events?.onItem?.(rt.engine.id, "answered", { costUsd: cost });
      });
      storing.add(stored);
      stored.then(
        () => storing.delete(stored),
        (error: unknown) => {
          storing.delete(stored);
          storeFailure ??= error;
        },
      );
    }
  };
  const workers = Math.max(
    1,
    Math.min(queue.length, rt.engine.concurrency ?? rt.provider.capabilities.maxConcurrency),
  );
  await Promise.all(Array.from({ length: workers }, worker));
  await Promise.allSettled([...storing]);
  if (storeFailure) throw storeFailure;
}
