import type { Kysely } from "kysely";
import type { Env } from "../config/env.ts";
import type { QueryFile } from "../config/query-file.ts";
import type { Clock } from "../core/clock.ts";
import { ExitCode, ExitError, type ProviderError } from "../core/errors.ts";
import type { BackoffPolicy } from "../providers/http/backoff.ts";
import type { ModelInfo } from "../providers/pricing.ts";
import type { Provider } from "../providers/types.ts";
import { resetFailedItems, spentOnRun } from "../storage/items-repo.ts";
import { acquireLease, releaseLease, renewLease } from "../storage/lease-repo.ts";
import { ensureRun, itemsOfRun, setRunStatus } from "../storage/runs-repo.ts";
import type { Database } from "../storage/tables.ts";
import type { AnswerStore } from "./answer-store.ts";
import { Budget } from "./budget.ts";
import { drainEngine } from "./drain-engine.ts";
import { type EngineRuntime, engineRuntime } from "./engine-runtime.ts";
import { configHash, planRun } from "./plan.ts";
import { type EngineTally, type RunSummary, runStatusOf } from "./run-summary.ts";
import { notesFor, sum, tally } from "./run-tally.ts";

/**
 * Executes a run durably: every answer is committed in its own short transaction with its analysis
 * and the item's status, so a process killed at any moment loses nothing already answered, and a
 * resume asks only what is missing. Provider calls never happen inside a transaction.
 */
export interface RunDeps {
  db: Kysely<Database>;
  clock: Clock;
  env: Env;
  getProvider: (id: string) => Provider | undefined;
  priceOf: (provider: string, model: string) => ModelInfo | undefined;
  /** Analyses and commits each fresh answer (in process, or on a worker thread). */
  store: AnswerStore;
  /** Lease owner id of this process and how to tell a dead owner. */
  owner: string;
  isDead: (owner: string) => boolean;
  events?: RunEvents;
  /** Retry policy of every engine's gate (default: `defaultBackoff`). */
  backoff?: BackoffPolicy;
}

export interface RunEvents {
  onPlanned?: (tallies: readonly EngineTally[]) => void;
  onItem?: (
    engine: string,
    outcome: "answered" | "failed" | "deferred",
    detail: { costUsd: number; kind?: string },
  ) => void;
  onRetry?: (engine: string, kind: string, waitMs: number) => void;
  onLog?: (level: "info" | "warn", message: string, data?: Record<string, unknown>) => void;
}

export interface ExecuteOptions {
  file: QueryFile;
  runId: string;
  slot: string;
  maxCostUsd: number | null;
  retryFailed?: boolean;
  /** Aborting stops taking new items; calls in flight finish and are stored. */
  stop?: AbortSignal;
  leaseMs?: number;
  /** Longest the run waits for deferred items (a long Retry-After) before ending partial. */
  maxDeferMs?: number;
}

export async function executeRun(deps: RunDeps, options: ExecuteOptions): Promise<RunSummary> {
  const { db, clock } = deps;
  const started = clock.now();
  const iso = () => new Date(clock.now()).toISOString();
  const leaseMs = options.leaseMs ?? 60_000;
  const log = deps.events?.onLog ?? (() => undefined);

  const plan = planRun({
    file: options.file,
    runId: options.runId,
    nowIso: iso(),
    priceOf: (e) => deps.priceOf(e.provider, e.model),
  });
  await ensureRun(
    db,
    {
      id: options.runId,
      queryFile: options.file.path,
      configHash: configHash(options.file),
      slot: options.slot,
      maxCostUsd: options.maxCostUsd,
      now: iso(),
    },
    plan.items,
  );
  const holder = await acquireLease(
    db,
    options.runId,
    deps.owner,
    iso(),
    new Date(clock.now() + leaseMs).toISOString(),
    deps.isDead,
  );
  if (holder)
    throw new ExitError(
      ExitCode.user,
      `run: ${options.runId} is being executed by ${holder.owner} (lease until ${holder.expiresAt})`,
    );

  const lost = new AbortController();
  const stop = options.stop ? AbortSignal.any([options.stop, lost.signal]) : lost.signal;
  const renewal = setInterval(
    () => {
      renewLease(db, options.runId, deps.owner, new Date(clock.now() + leaseMs).toISOString()).then(
        (ok) => ok || lost.abort(new Error("lease lost")),
        () => undefined,
      );
    },
    Math.max(1_000, leaseMs / 3),
  );
  try {
    if (options.retryFailed)
      log("info", `run: ${await resetFailedItems(db, options.runId, iso())} failed item(s) will be retried`);
    await setRunStatus(db, options.runId, "running", iso());
    const budget = new Budget(options.maxCostUsd, await spentOnRun(db, options.runId));
    const runtimes = new Map<string, EngineRuntime>();
    for (const engine of options.file.engines) {
      const provider = deps.getProvider(engine.provider);
      if (!provider) continue;
      const events = {
        onRetry: (e: ProviderError, _n: number, wait: number) =>
          deps.events?.onRetry?.(engine.id, e.kind, wait),
      };
      runtimes.set(
        engine.id,
        engineRuntime(engine, provider, deps.env, clock, {
          events,
          ...(deps.backoff ? { policy: deps.backoff } : {}),
        }),
      );
    }
    const all = await itemsOfRun(db, options.runId);
    const tallies = tally(all, runtimes.keys());
    deps.events?.onPlanned?.([...tallies.values()]);

    for (let pass = 0; ; pass++) {
      const now = clock.now();
      const due = (await itemsOfRun(db, options.runId, "pending")).filter(
        (i) => !i.next_attempt_at || Date.parse(i.next_attempt_at) <= now,
      );
      await Promise.all(
        [...runtimes.values()].map((rt) =>
          drainEngine(
            deps,
            rt,
            due.filter((i) => i.engine_id === rt.engine.id),
            budget,
            stop,
            tallies,
            iso,
          ),
        ),
      );
      if (stop.aborted || budget.stopped) break;
      const waiting = (await itemsOfRun(db, options.runId, "pending")).filter(
        (i) => i.next_attempt_at && runtimes.has(i.engine_id),
      );
      if (waiting.length === 0) break;
      const next = Math.min(...waiting.map((i) => Date.parse(i.next_attempt_at ?? "")));
      if (next - clock.now() > (options.maxDeferMs ?? 15 * 60_000)) break;
      log(
        "info",
        `run: waiting ${Math.round((next - clock.now()) / 1000)} s for ${waiting.length} deferred item(s) (pass ${pass + 2})`,
      );
      await clock.sleep(next - clock.now(), stop);
    }

    const final = tally(await itemsOfRun(db, options.runId), runtimes.keys());
    for (const [id, rt] of runtimes) {
      const t = final.get(id);
      if (t) t.stoppedBy = rt.gate.stoppedBy?.kind ?? null;
      if (t) t.spentUsd = tallies.get(id)?.spentUsd ?? 0;
    }
    const engines = [...final.values()];
    const counts = {
      answered: sum(engines, "answered"),
      failed: sum(engines, "failed"),
      pending: sum(engines, "pending"),
    };
    const status = runStatusOf(counts);
    const notes = notesFor(
      engines,
      budget,
      options.maxCostUsd,
      stop.aborted && !lost.signal.aborted,
      lost.signal.aborted,
    );
    const summary: RunSummary = {
      runId: options.runId,
      status,
      ...counts,
      spentUsd: budget.spentUsd,
      budgetUsd: options.maxCostUsd,
      budgetStopped: budget.stopped,
      interrupted: stop.aborted,
      durationMs: clock.now() - started,
      engines,
      notes,
    };
    await setRunStatus(db, options.runId, status, iso(), summary);
    return summary;
  } finally {
    clearInterval(renewal);
    await releaseLease(db, options.runId, deps.owner).catch(() => undefined);
  }
}
