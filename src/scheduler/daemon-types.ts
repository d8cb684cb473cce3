import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { QueryFile } from "../config/query-file.ts";
import type { Clock } from "../core/clock.ts";
import type { Database } from "../storage/tables.ts";
import type { RunSummary } from "./run-summary.ts";
import type { RunEvents } from "./runner.ts";
import type { CronTrigger } from "./wake-ups.ts";

/** One scheduled run: execute (or resume) run `runId` of `file` for `slot`; `stop` ends it early. */
export interface SlotRequest {
  file: QueryFile;
  /** `<query file id>:run@<slot ISO>`: the same slot is the same run in every process. */
  runId: string;
  /** The slot, ISO-8601 UTC. */
  slot: string;
  /** Aborted on shutdown: take no new items, store the calls in flight. */
  stop: AbortSignal;
  /** The daemon's metrics hooks; the implementation calls them as well as its own. */
  events?: RunEvents;
}

export type RunSlot = (request: SlotRequest) => Promise<RunSummary>;

/** Builds and delivers the report of the period ending at `periodEnd` (the report slot, ISO). */
export type SendReport = (file: QueryFile, periodEnd: string) => Promise<void>;

/** What the daemon did, for metrics and tests. */
export type DaemonEvent =
  | { type: "run-started"; schedule: string; slot: string; coalesced: number }
  | { type: "run-finished"; schedule: string; slot: string; status: string; interrupted: boolean }
  | { type: "run-refused"; schedule: string; slot: string; holder: string }
  | { type: "run-error"; schedule: string; slot: string; message: string }
  | { type: "report-sent"; schedule: string; slot: string }
  | { type: "report-error"; schedule: string; slot: string; message: string }
  | { type: "slots-missed"; schedule: string; slots: string[] };

export interface DaemonOptions {
  /** Explicit query files (`--config`), or `dir` whose `*.yaml` files are scheduled. */
  files?: readonly string[];
  dir?: string;
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
  /** Loads and validates a query file (throws ConfigError with file:line:col issues). */
  load: (path: string) => Promise<QueryFile>;
  runSlot: RunSlot;
  sendReport: SendReport;
  /** Lease owner id of this daemon (`host:pid:random`) and how to tell a dead one. */
  owner: string;
  isDead: (owner: string) => boolean;
  /** Catch-up and config re-check interval in ms (default 60 000). */
  heartbeatMs?: number;
  /** Overrides every file's `schedule.deadlineHours` (default: the file's, 24). */
  deadlineHours?: number;
  /** Wakes the daemon at slots (default node-cron; null: heartbeat and slot timer only). */
  cron?: CronTrigger | null;
  /** Watch the files for edits (default true). */
  watch?: boolean;
  watchDebounceMs?: number;
  /** Wait before retrying a slot whose run or report threw (default 5 min). */
  retryAfterErrorMs?: number;
  /** How long a report delivery is claimed before another daemon may retry it (default 10 min). */
  reportClaimMs?: number;
  runEvents?: RunEvents;
  onEvent?: (event: DaemonEvent) => void;
}

export interface ScheduleView {
  id: string;
  kind: "run" | "report";
  file: string;
  expression: string;
  timezone: string;
  deadlineHours: number;
  /** Next slot after the last pass, ms since the epoch. */
  nextSlot: number | null;
}

export interface Daemon {
  /** Re-reads the files and catches up every schedule now; resolves when that pass is done. */
  tick(): Promise<void>;
  /** Resolves once no pass is running or queued and no run or report is in flight. */
  settled(): Promise<void>;
  /** True after the first pass, while at least one schedule is loaded. */
  ready(): boolean;
  schedules(): ScheduleView[];
  /** Schedule ids with a run or report in flight in this process. */
  busy(): string[];
  /** Files whose bytes on disk are invalid (their last good version may still run). */
  invalidFiles(): string[];
  /**
   * Stops taking new work and aborts runs' `stop` signals; resolves when runs and reports in
   * flight have ended (`drained`) or after `graceMs` (default 30 000), whichever is first.
   */
  stop(graceMs?: number): Promise<{ drained: boolean; inFlight: string[] }>;
}
