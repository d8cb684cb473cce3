import type { Logger } from "pino";
import { loadConfig } from "../../src/cli/commands/validate.ts";
import type { Env } from "../../src/config/env.ts";
import { getProvider, modelInfo } from "../../src/providers/registry.ts";
import { startDaemon } from "../../src/scheduler/daemon.ts";
import type { Daemon, SendReport } from "../../src/scheduler/daemon-types.ts";
import { slotRunner } from "../../src/scheduler/slot-runner.ts";
import { locateDatabase, type OpenDatabase, openDatabase } from "../../src/storage/db.ts";
import type { FakeClock } from "./fake-clock.ts";

/**
 * Starts a daemon with the real run wiring as a fresh process would: its own database connection,
 * owner and memory; node-cron and the folder watch off (the test moves the clock).
 */
export async function startRealDaemon(options: {
  file: string;
  dbPath: string;
  clock: FakeClock;
  env: Env;
  logger: Logger;
  owner: string;
  /** The report job, given the daemon's database. */
  sendReport: (db: OpenDatabase["db"]) => SendReport;
}): Promise<{ daemon: Daemon; open: OpenDatabase }> {
  const { file, dbPath, clock, env, logger, owner } = options;
  const open = await openDatabase(locateDatabase({ dbPath }));
  const daemon = await startDaemon({
    files: [file],
    db: open.db,
    clock,
    logger,
    load: loadConfig,
    runSlot: slotRunner({
      db: open.db,
      dbPath,
      clock,
      env,
      logger,
      owner,
      isDead: () => false,
      getProvider,
      priceOf: modelInfo,
    }),
    sendReport: options.sendReport(open.db),
    owner,
    isDead: () => false,
    cron: null,
    watch: false,
  });
  return { daemon, open };
}
