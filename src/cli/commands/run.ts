import { resolve } from "node:path";
import type { Command } from "commander";
import { readEnv, secretValues } from "../../config/env.ts";
import type { QueryFile } from "../../config/query-file.ts";
import { UsageError } from "../../core/errors.ts";
import { createLogger } from "../../core/logger.ts";
import { getProvider, modelInfo } from "../../providers/registry.ts";
import { selectEngines } from "../../scheduler/engine-selection.ts";
import { ownerIsDead, processOwner } from "../../scheduler/owner.ts";
import { manualRunId, planRun } from "../../scheduler/plan.ts";
import { exitCodeOf, type RunSummary } from "../../scheduler/run-summary.ts";
import { executeRun } from "../../scheduler/runner.ts";
import { workerStore } from "../../scheduler/worker-store.ts";
import { listRuns } from "../../storage/runs-repo.ts";
import { type CliContext, printJson } from "../context.ts";
import { openCliDatabase } from "../database.ts";
import { progressEvents } from "../progress.ts";
import { defaultQueryFiles, loadConfig } from "./validate.ts";

interface RunOptions {
  config?: string;
  db?: string;
  dryRun?: boolean;
  json?: boolean;
  maxCost?: string;
  resume?: boolean;
  retryFailed?: string;
  replay?: boolean;
}

/** The query file a command works on: --config, else the only file in queries/. */
export async function configFromOption(ctx: CliContext, config: string | undefined): Promise<QueryFile> {
  if (config) return loadConfig(resolve(ctx.cwd, config));
  const files = await defaultQueryFiles(ctx.cwd);
  if (files.length === 1 && files[0]) return loadConfig(resolve(ctx.cwd, files[0]));
  if (files.length === 0) throw new UsageError("no query file: pass --config FILE (or run `sightline init`)");
  throw new UsageError(`several query files in queries/ (${files.join(", ")}): pass --config FILE`);
}

export function registerRun(program: Command, ctx: CliContext): void {
  program
    .command("run")
    .description("ask every question to every engine `samples` times, store and analyse each answer")
    .option("-c, --config <file>", "query file (default: the only file in queries/)")
    .option("--db <path>", "SQLite database file (default: $DATABASE_URL or ./sightline.db)")
    .option("--dry-run", "print the plan, the number of paid calls and the estimated cost, then exit")
    .option(
      "--max-cost <usd>",
      "stop issuing calls when the next would exceed this spend (default: maxCostUsd of the file)",
    )
    .option("--resume", "continue the latest unfinished run of this query file")
    .option("--retry-failed <runId>", "retry only the failed items of a run (answers already stored stay)")
    .option("--replay", "answer from the offline replay engine even when API keys are set")
    .option("--json", "structured logs on stderr and a JSON summary on stdout")
    .addHelpText(
      "after",
      "\nWithout any API key set, the run answers from the offline replay engine (recorded answers,\n" +
        "labelled as such in every output). Exit codes: 0 completed, 2 partial (some items failed or\n" +
        "are left), 1 failed or bad input. A run killed at any moment resumes with --resume.",
    )
    .action(async (opts: RunOptions) => runCommand(ctx, opts));
}

async function runCommand(ctx: CliContext, opts: RunOptions): Promise<void> {
  const env = readEnv(ctx.env);
  const loaded = await configFromOption(ctx, opts.config);
  const selection = selectEngines(loaded, env, getProvider, { forceReplay: Boolean(opts.replay) });
  const file: QueryFile = { ...loaded, engines: selection.engines };
  const maxCost = opts.maxCost === undefined ? (file.maxCostUsd ?? null) : Number(opts.maxCost);
  if (maxCost !== null && !(Number.isFinite(maxCost) && maxCost >= 0))
    throw new UsageError(`run: --max-cost must be a number of USD (got ${opts.maxCost})`);
  const logger = createLogger({
    secrets: secretValues(ctx.env),
    write: ctx.stderr,
    level: env.SIGHTLINE_LOG_LEVEL ?? "info",
  });
  const say = (text: string) => (opts.json ? logger.info(text) : ctx.stderr(`${text}\n`));
  if (selection.replay) {
    say(
      opts.replay
        ? "REPLAY MODE: answers come from recorded examples, not from live AI assistants."
        : "REPLAY MODE: no API key is set for any engine, so answers come from recorded examples, not live AI assistants.\nSet OPENAI_API_KEY, ANTHROPIC_API_KEY, PERPLEXITY_API_KEY, GEMINI_API_KEY or SERPAPI_API_KEY for real data.",
    );
  }
  if (!selection.replay)
    for (const s of selection.skipped) say(`skipping engine ${s.engine}: ${s.keyEnv} is not set`);

  const nowIso = new Date(ctx.clock.now()).toISOString();
  if (opts.dryRun) {
    const plan = planRun({
      file,
      runId: manualRunId(ctx.clock.now()),
      nowIso,
      priceOf: (e) => modelInfo(e.provider, e.model),
    });
    const out = {
      replay: selection.replay,
      calls: plan.items.length,
      estimates: plan.estimates,
      totalUsd: plan.totalUsd,
      unpriced: plan.unpriced,
      budgetUsd: maxCost,
    };
    if (opts.json) return printJson(ctx, out);
    ctx.stdout(
      `plan: ${file.questions.length} questions × ${file.engines.length} engines = ${plan.items.length} paid calls\n`,
    );
    for (const e of plan.estimates) {
      const cost =
        e.totalUsd === null
          ? "price unknown"
          : `≈ $${e.totalUsd.toFixed(4)} ($${e.perCallUsd?.toFixed(5)} per call)`;
      ctx.stdout(`  ${e.engine.padEnd(40)} ${String(e.calls).padStart(5)} calls  ${cost}\n`);
    }
    ctx.stdout(
      `estimated total: $${plan.totalUsd.toFixed(4)}${plan.unpriced.length ? ` (+ unpriced: ${plan.unpriced.join(", ")})` : ""}${maxCost === null ? "" : `, budget $${maxCost}`}\n`,
    );
    return;
  }

  const { db, close, location } = await openCliDatabase(ctx, opts.db);
  const store = workerStore(
    { dbPath: location.target, brands: file.brands, categories: file.categories },
    (message) => logger.error({ error: message }, "analysis failed; answer stored without analysis"),
  );
  const stop = new AbortController();
  const onSignal = (signal: string) => {
    if (stop.signal.aborted) return;
    say(`${signal}: finishing calls in flight, taking no new items (run --resume later)`);
    stop.abort(new Error(signal));
  };
  const sigint = () => onSignal("SIGINT");
  const sigterm = () => onSignal("SIGTERM");
  process.on("SIGINT", sigint);
  process.on("SIGTERM", sigterm);
  try {
    const runId =
      opts.retryFailed ?? (opts.resume ? await resumableRun(db, file.path) : manualRunId(ctx.clock.now()));
    const summary = await executeRun(
      {
        db,
        clock: ctx.clock,
        env,
        getProvider,
        priceOf: modelInfo,
        store,
        owner: processOwner(),
        isDead: ownerIsDead,
        events: progressEvents({
          interactive: ctx.interactive && !opts.json,
          logger,
          write: ctx.stderr,
          now: ctx.clock.now,
        }),
      },
      {
        file,
        runId,
        slot: nowIso,
        maxCostUsd: maxCost,
        retryFailed: Boolean(opts.retryFailed),
        stop: stop.signal,
      },
    );
    report(ctx, summary, Boolean(opts.json), selection.replay);
    ctx.exitCode = exitCodeOf(summary.status);
  } finally {
    process.off("SIGINT", sigint);
    process.off("SIGTERM", sigterm);
    await store.close();
    await close();
  }
}

async function resumableRun(db: Parameters<typeof listRuns>[0], queryFile: string): Promise<string> {
  const run = (await listRuns(db, 200)).find(
    (r) => r.query_file === queryFile && r.status !== "completed" && r.status !== "failed",
  );
  if (!run) throw new UsageError(`run --resume: no unfinished run of ${queryFile}`);
  return run.id;
}

function report(ctx: CliContext, s: RunSummary, json: boolean, replay: boolean): void {
  if (json) {
    printJson(ctx, { ...s, replay });
    return;
  }
  const label = replay ? " (REPLAY: recorded answers, not live)" : "";
  ctx.stdout(`run ${s.runId}: ${s.status}${label}\n`);
  ctx.stdout(
    `  ${s.answered} answered, ${s.failed} failed, ${s.pending} pending; spent $${s.spentUsd.toFixed(4)}${s.budgetUsd === null ? "" : ` of $${s.budgetUsd}`}; ${(s.durationMs / 1000).toFixed(1)} s\n`,
  );
  for (const e of s.engines)
    ctx.stdout(
      `  ${e.engine.padEnd(40)} ${e.answered}/${e.total} answered${e.failed ? `, ${e.failed} failed` : ""}\n`,
    );
  for (const n of s.notes) ctx.stdout(`  note: ${n}\n`);
  if (s.answered > 0) ctx.stdout(`browse: sightline answers --run '${s.runId}'\n`);
}
