import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/cli/commands/validate.ts";
import type { EngineConfig } from "../../src/config/query-file.ts";
import type { ProviderError } from "../../src/core/errors.ts";
import { createLogger } from "../../src/core/logger.ts";
import type { AskRequest, Provider } from "../../src/providers/types.ts";
import { startDaemon } from "../../src/scheduler/daemon.ts";
import type { Daemon, DaemonOptions, RunSlot } from "../../src/scheduler/daemon-types.ts";
import { executeRun } from "../../src/scheduler/runner.ts";
import type { CronTrigger } from "../../src/scheduler/wake-ups.ts";
import { locateDatabase, type OpenDatabase, openDatabase } from "../../src/storage/db.ts";
import { deps, fakeProvider } from "../scheduler/fake-engine.ts";
import { FakeClock } from "./fake-clock.ts";

export interface ScheduleSpec {
  run: string;
  report: string;
  timezone?: string;
  deadlineHours?: number;
  questions?: number;
}

/** A query file with a schedule; its engines are replaced by the fake engine at load time. */
export function queryYaml(spec: ScheduleSpec): string {
  const questions = Array.from(
    { length: spec.questions ?? 3 },
    (_, i) =>
      `  - { id: q${i}, text: "Hva er det beste regnskapsprogrammet nummer ${i}?", stage: awareness }`,
  );
  return [
    "brand: { name: Fiken, domains: [fiken.no] }",
    "competitors:",
    "  - { name: Tripletex, domains: [tripletex.no] }",
    "engines: [openai]",
    "samples: 2",
    "locale: nb-NO",
    "schedule:",
    `  run: "${spec.run}"`,
    `  report: "${spec.report}"`,
    `  timezone: ${spec.timezone ?? "Europe/Oslo"}`,
    ...(spec.deadlineHours === undefined ? [] : [`  deadlineHours: ${spec.deadlineHours}`]),
    "questions:",
    ...questions,
    "",
  ].join("\n");
}

export const fakeEngine: EngineConfig = {
  id: "a:m1",
  provider: "a",
  model: "m1",
  webSearch: true,
  samples: 2,
  label: "a",
  options: {},
};

export interface Registration {
  id: string;
  expression: string;
  timezone: string;
  stopped: boolean;
  fire: () => void;
}

/** A scratch folder, database and fake engine, and daemons sharing a hand-moved clock. */
export class Harness {
  readonly dir = mkdtempSync(join(tmpdir(), "sightline-daemon-"));
  readonly queries = join(this.dir, "queries");
  readonly file = join(this.queries, "weekly.yaml");
  readonly dbPath = join(this.dir, "sightline.db");
  readonly clock: FakeClock;
  readonly logs: { level: number; msg: string; [key: string]: unknown }[] = [];
  readonly logger = createLogger({ level: "debug", write: (line) => void this.logs.push(JSON.parse(line)) });
  readonly reports: { file: string; periodEnd: string }[] = [];
  readonly registrations: Registration[] = [];
  readonly engine: ReturnType<typeof fakeProvider>;
  provider: Provider;
  private readonly opened: OpenDatabase[] = [];
  private readonly daemons: Daemon[] = [];

  constructor(
    start: string,
    spec: ScheduleSpec,
    script: (r: AskRequest, n: number) => ProviderError | string = () => "Fiken er best",
    latencyMs = 5,
  ) {
    this.clock = new FakeClock(start);
    this.engine = fakeProvider("a", script, latencyMs);
    this.provider = this.engine.provider;
    this.write(queryYaml(spec));
  }

  write(text: string): void {
    mkdirSync(this.queries, { recursive: true });
    writeFileSync(this.file, text);
  }

  async db(): Promise<OpenDatabase> {
    const open = await openDatabase(locateDatabase({ dbPath: this.dbPath }));
    this.opened.push(open);
    return open;
  }

  readonly trigger: CronTrigger = (expression, timezone, fire, id) => {
    const r: Registration = { id, expression, timezone, stopped: false, fire };
    this.registrations.push(r);
    return {
      stop: () => {
        r.stopped = true;
      },
    };
  };

  runSlot(db: OpenDatabase["db"], owner: string): RunSlot {
    return (req) =>
      executeRun(
        {
          ...deps(db, [this.provider], owner),
          clock: this.clock,
          ...(req.events ? { events: req.events } : {}),
        },
        { file: req.file, runId: req.runId, slot: req.slot, maxCostUsd: null, stop: req.stop },
      );
  }

  private shared: OpenDatabase | undefined;

  /**
   * The connection daemons of this test share. Two daemons in one thread cannot have a connection
   * each: better-sqlite3 waits for a busy lock synchronously, so one connection's wait would block
   * the thread that holds the other's transaction. Separate processes are tested in daemon-process.
   */
  async sharedDb(): Promise<OpenDatabase["db"]> {
    this.shared ??= await this.db();
    return this.shared.db;
  }

  /** Starts a daemon (a second one acts as another process would: its own owner id). */
  async start(options: Partial<DaemonOptions> & { owner?: string } = {}): Promise<Daemon> {
    const db = await this.sharedDb();
    const owner = options.owner ?? "host-a:1:aaa";
    const daemon = await startDaemon({
      files: [this.file],
      db,
      clock: this.clock,
      logger: this.logger,
      load: async (path) => ({ ...(await loadConfig(path)), engines: [fakeEngine] }),
      runSlot: this.runSlot(db, owner),
      sendReport: async (file, periodEnd) => void this.reports.push({ file: file.path, periodEnd }),
      owner,
      isDead: () => false,
      cron: this.trigger,
      watch: false,
      ...options,
    });
    this.daemons.push(daemon);
    return daemon;
  }

  /** Moves the clock and waits until every daemon has finished what that woke. */
  async at(iso: string, ...daemons: Daemon[]): Promise<void> {
    this.clock.set(iso);
    for (const d of daemons.length > 0 ? daemons : this.daemons) await d.settled();
  }

  messages(text: string): { level: number; msg: string; [key: string]: unknown }[] {
    return this.logs.filter((l) => l.msg.includes(text));
  }

  async close(): Promise<void> {
    for (const d of this.daemons) await d.stop(2_000);
    for (const o of this.opened) await o.close();
  }
}

/** Polls `condition` every few milliseconds of real time until it holds (or fails the test). */
export async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
