import { join } from "node:path";
import type { Command } from "commander";
import { readEnv, secretValues } from "../../config/env.ts";
import { createLogger } from "../../core/logger.ts";
import { OpsMetrics } from "../../ops/metrics.ts";
import { DEFAULT_LISTEN, parseListen, startOpsServer } from "../../ops/server.ts";
import { getProvider, modelInfo } from "../../providers/registry.ts";
import { weeklyReportSender } from "../../report/weekly.ts";
import { startDaemon } from "../../scheduler/daemon.ts";
import type { Daemon } from "../../scheduler/daemon-types.ts";
import { ownerIsDead, processOwner } from "../../scheduler/owner.ts";
import { slotRunner } from "../../scheduler/slot-runner.ts";
import { databaseReachable } from "../../storage/metrics-repo.ts";
import type { CliContext } from "../context.ts";
import { openCliDatabase } from "../database.ts";
import { positiveNumber, scheduledPaths } from "./status.ts";
import { loadConfig } from "./validate.ts";

interface DaemonCliOptions {
  config?: string[];
  db?: string;
  listen: string;
  heartbeat: string;
  deadline?: string;
  shutdownGrace: string;
}

export function registerDaemon(program: Command, ctx: CliContext): void {
  program
    .command("daemon")
    .description("run and report on every query file's schedule, catch up missed slots, serve /metrics")
    .option("-c, --config <file...>", "query files (default: every queries/*.yaml, re-read when they change)")
    .option("--db <path>", "SQLite database file (default: $DATABASE_URL or ./sightline.db)")
    .option("--listen <host:port>", "ops endpoints /healthz, /readyz, /metrics", DEFAULT_LISTEN)
    .option("--heartbeat <seconds>", "how often missed slots and the query files are re-checked", "60")
    .option(
      "--deadline <hours>",
      "how late a missed slot may still run (default: each file's deadlineHours, 24)",
    )
    .option("--shutdown-grace <seconds>", "on SIGTERM/SIGINT, how long calls in flight may finish", "30")
    .addHelpText(
      "after",
      "\nLogs are JSON lines on stderr. A slot missed while the daemon was down runs once when it\n" +
        "starts again, if still within the deadline (several missed slots coalesce into the latest);\n" +
        "older ones are recorded as missed and named in the next report. Several daemons may share a\n" +
        "database: each slot runs once. See docs/operations.md.",
    )
    .action(async (opts: DaemonCliOptions) => daemonCommand(ctx, opts));
}

async function daemonCommand(ctx: CliContext, opts: DaemonCliOptions): Promise<void> {
  const heartbeatSeconds = positiveNumber("daemon: --heartbeat", opts.heartbeat) ?? 60;
  const graceSeconds = positiveNumber("daemon: --shutdown-grace", opts.shutdownGrace) ?? 30;
  const deadlineHours = positiveNumber("daemon: --deadline", opts.deadline);
  const listen = parseListen(opts.listen);
  const env = readEnv(ctx.env);
  const logger = createLogger({
    secrets: secretValues(ctx.env),
    write: ctx.stderr,
    level: env.SIGHTLINE_LOG_LEVEL ?? "info",
  });
  const source =
    opts.config && opts.config.length > 0
      ? { files: await scheduledPaths(ctx, opts.config) }
      : { dir: join(ctx.cwd, "queries") };
  const { db, close, location } = await openCliDatabase(ctx, opts.db);
  const owner = processOwner();
  const metrics = new OpsMetrics();
  let daemon: Daemon | undefined;
  const ops = await startOpsServer(
    listen,
    {
      ready: async () => {
        const database = await databaseReachable(db);
        const schedules = daemon?.ready() ?? false;
        return { ok: database && schedules, checks: { database, schedules } };
      },
      metrics: () =>
        metrics.render(
          db,
          daemon ?? { ready: () => false, schedules: () => [], busy: () => [], invalidFiles: () => [] },
        ),
    },
    logger,
  ).catch(async (error: unknown) => {
    await close();
    throw error;
  });
  logger.info({ url: ops.url, db: location.target }, "ops endpoints listening");

  let received: NodeJS.Signals | null = null;
  let wake: (signal: NodeJS.Signals) => void = () => undefined;
  const signalled = new Promise<NodeJS.Signals>((resolve) => {
    wake = resolve;
  });
  const onSignal = (signal: NodeJS.Signals) => {
    if (received) {
      // A second signal while draining: stop waiting for calls in flight.
      logger.warn({ signal }, "second signal: exiting now; unfinished items resume at the next start");
      process.off("SIGTERM", onSignal);
      process.off("SIGINT", onSignal);
      process.kill(process.pid, signal);
      return;
    }
    received = signal;
    wake(signal);
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
  try {
    daemon = await startDaemon({
      ...source,
      db,
      clock: ctx.clock,
      logger,
      load: loadConfig,
      runSlot: slotRunner({
        db,
        dbPath: location.target,
        clock: ctx.clock,
        env,
        logger,
        owner,
        isDead: ownerIsDead,
        getProvider,
        priceOf: modelInfo,
      }),
      sendReport: weeklyReportSender({ db, env, clock: ctx.clock, logger }),
      owner,
      isDead: ownerIsDead,
      heartbeatMs: heartbeatSeconds * 1000,
      ...(deadlineHours === undefined ? {} : { deadlineHours }),
      runEvents: metrics.runEvents,
      onEvent: metrics.onEvent,
    });
    const signal = await signalled;
    logger.info({ signal, graceSeconds }, "stopping: taking no new items, letting calls in flight finish");
    const { drained, inFlight } = await daemon.stop(graceSeconds * 1000);
    if (!drained) {
      // Calls still in flight cannot be cancelled from here, and would keep the process alive:
      // end it the way the signal asked. Every answer already received is committed.
      logger.warn(
        { inFlight },
        "shutdown grace period over: exiting; unfinished items resume at the next start",
      );
      process.off("SIGTERM", onSignal);
      process.off("SIGINT", onSignal);
      process.kill(process.pid, signal);
      return;
    }
  } finally {
    process.off("SIGTERM", onSignal);
    process.off("SIGINT", onSignal);
    await ops.close();
    await close();
  }
}
