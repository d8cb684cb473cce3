import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { Env } from "../config/env.ts";
import type { Clock } from "../core/clock.ts";
import type { BackoffPolicy } from "../providers/http/backoff.ts";
import type { ModelInfo } from "../providers/pricing.ts";
import type { Provider } from "../providers/types.ts";
import type { Database } from "../storage/tables.ts";
import type { RunSlot } from "./daemon-types.ts";
import { selectEngines } from "./engine-selection.ts";
import { executeRun, type RunEvents } from "./runner.ts";
import { workerStore } from "./worker-store.ts";

/**
 * The daemon's run of a slot, wired like `sightline run`: engines without a key are skipped, the
 * offline replay engine answers when no engine has one (labelled as such), answers are analysed
 * and committed on a worker thread, the file's `maxCostUsd` is the budget.
 */
export interface SlotRunnerDeps {
  db: Kysely<Database>;
  /** SQLite file the answer worker opens (its own connection). */
  dbPath: string;
  clock: Clock;
  env: Env;
  logger: Logger;
  owner: string;
  isDead: (owner: string) => boolean;
  getProvider: (id: string) => Provider | undefined;
  priceOf: (provider: string, model: string) => ModelInfo | undefined;
  backoff?: BackoffPolicy;
}

export function slotRunner(deps: SlotRunnerDeps): RunSlot {
  return async ({ file, runId, slot, stop, events }) => {
    const log = deps.logger.child({ runId });
    const selection = selectEngines(file, deps.env, deps.getProvider, { forceReplay: false });
    if (selection.replay)
      log.warn(
        "REPLAY MODE: no API key is set for any engine; answers come from recorded examples, not live assistants",
      );
    else
      for (const s of selection.skipped)
        log.warn({ engine: s.engine, keyEnv: s.keyEnv }, "engine skipped: key not set");
    const store = workerStore(
      { dbPath: deps.dbPath, brands: file.brands, categories: file.categories },
      (message) => log.error({ error: message }, "analysis failed; answer stored without analysis"),
    );
    try {
      return await executeRun(
        {
          db: deps.db,
          clock: deps.clock,
          env: deps.env,
          getProvider: deps.getProvider,
          priceOf: deps.priceOf,
          store,
          owner: deps.owner,
          isDead: deps.isDead,
          events: bothEvents(logEvents(log), events),
          ...(deps.backoff ? { backoff: deps.backoff } : {}),
        },
        {
          file: { ...file, engines: selection.engines },
          runId,
          slot,
          maxCostUsd: file.maxCostUsd ?? null,
          stop,
        },
      );
    } finally {
      await store.close();
    }
  };
}

function logEvents(log: Logger): RunEvents {
  return {
    onPlanned: (tallies) =>
      log.info(
        { engines: tallies.map((t) => ({ engine: t.engine, total: t.total, pending: t.pending })) },
        "run planned",
      ),
    onItem: (engine, outcome, detail) => {
      if (outcome !== "answered") log.warn({ engine, outcome, kind: detail.kind }, `item ${outcome}`);
    },
    onRetry: (engine, kind, waitMs) => log.info({ engine, kind, waitMs }, "retrying"),
    onLog: (level, message, data) => log[level](data ?? {}, message),
  };
}

/** Calls both sets of hooks, `a` first. */
export function bothEvents(a: RunEvents, b: RunEvents | undefined): RunEvents {
  if (!b) return a;
  return {
    onPlanned: (t) => {
      a.onPlanned?.(t);
      b.onPlanned?.(t);
    },
    onItem: (engine, outcome, detail) => {
      a.onItem?.(engine, outcome, detail);
      b.onItem?.(engine, outcome, detail);
    },
    onRetry: (engine, kind, waitMs) => {
      a.onRetry?.(engine, kind, waitMs);
      b.onRetry?.(engine, kind, waitMs);
    },
    onLog: (level, message, data) => {
      a.onLog?.(level, message, data);
      b.onLog?.(level, message, data);
    },
  };
}
