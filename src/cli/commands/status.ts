import { resolve } from "node:path";
import type { Command } from "commander";
import type { QueryFile } from "../../config/query-file.ts";
import { ConfigError, type ConfigIssue, ExitCode, formatConfigIssue, UsageError } from "../../core/errors.ts";
import { type CliContext, printJson } from "../context.ts";
import { openCliDatabase } from "../database.ts";
import { type ScheduleLine, scheduleOverview } from "../schedule-overview.ts";
import { defaultQueryFiles, loadConfig } from "./validate.ts";

interface StatusOptions {
  config?: string[];
  db?: string;
  deadline?: string;
  json?: boolean;
}

/** The query files a daemon-side command works on: --config files, else every queries/*.yaml. */
export async function scheduledPaths(
  ctx: CliContext,
  config: readonly string[] | undefined,
): Promise<string[]> {
  const paths = config && config.length > 0 ? config : await defaultQueryFiles(ctx.cwd);
  if (paths.length === 0)
    throw new UsageError("no query files: pass --config FILE (or run `sightline init`)");
  return paths.map((p) => resolve(ctx.cwd, p));
}

/** Parses a positive number flag, or throws a usage error naming it. */
export function positiveNumber(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!(Number.isFinite(n) && n > 0))
    throw new UsageError(`${flag} must be a positive number (got '${text}')`);
  return n;
}

export function registerStatus(program: Command, ctx: CliContext): void {
  program
    .command("status")
    .description("each schedule's last and next slot, and whether one is overdue (exit 2 when one is)")
    .option("-c, --config <file...>", "query files (default: every queries/*.yaml)")
    .option("--db <path>", "SQLite database file (default: $DATABASE_URL or ./sightline.db)")
    .option("--deadline <hours>", "deadline the daemon runs with, if it overrides the files' deadlineHours")
    .option("--json", "print the schedules as JSON on stdout")
    .addHelpText(
      "after",
      "\nA slot is overdue when it passed more than 10 minutes ago and neither finished nor is in progress\n" +
        "(a report waiting for its week's run is not overdue). Exit codes: 0 none overdue, 2 some overdue,\n" +
        "1 bad input. Suitable for a monitoring check.",
    )
    .action(async (opts: StatusOptions) => statusCommand(ctx, opts));
}

async function statusCommand(ctx: CliContext, opts: StatusOptions): Promise<void> {
  const deadline = positiveNumber("status: --deadline", opts.deadline);
  const files: QueryFile[] = [];
  const issues: ConfigIssue[] = [];
  for (const path of await scheduledPaths(ctx, opts.config)) {
    try {
      files.push(await loadConfig(path));
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      issues.push(...error.issues);
    }
  }
  if (files.length === 0) throw new ConfigError(issues);
  for (const issue of issues) ctx.stderr(`${formatConfigIssue(issue)}\n`);
  if (!files.some((f) => f.schedule))
    throw new UsageError('status: no query file has a `schedule:` section (see README, "Scheduling")');
  const { db, close } = await openCliDatabase(ctx, opts.db);
  let lines: ScheduleLine[];
  try {
    lines = await scheduleOverview(db, files, ctx.clock.now(), deadline);
  } finally {
    await close();
  }
  const overdue = lines.filter((l) => l.overdue);
  if (opts.json) printJson(ctx, { overdue: overdue.length > 0, schedules: lines });
  else print(ctx, lines);
  ctx.exitCode = overdue.length > 0 ? ExitCode.partial : issues.length > 0 ? ExitCode.user : ExitCode.ok;
}

function local(iso: string | null, timeZone: string): string {
  if (!iso) return "-";
  const f = new Intl.DateTimeFormat("sv-SE", { timeZone, dateStyle: "short", timeStyle: "short" });
  return f.format(new Date(iso));
}

function print(ctx: CliContext, lines: readonly ScheduleLine[]): void {
  for (const l of lines) {
    const mark = l.overdue ? "OVERDUE" : l.health;
    ctx.stdout(`${l.schedule.padEnd(32)} ${mark.padEnd(8)} '${l.expression}' ${l.timezone}\n`);
    ctx.stdout(
      `  last completed ${local(l.lastCompletedSlot, l.timezone)}, next ${local(l.nextSlot, l.timezone)}` +
        `${l.missedSlots > 0 ? `, ${l.missedSlots} missed slot(s)` : ""}\n`,
    );
    if (l.health !== "ok") ctx.stdout(`  ${l.reason} (slot ${local(l.latestSlot, l.timezone)})\n`);
  }
  const n = lines.filter((l) => l.overdue).length;
  ctx.stdout(n > 0 ? `${n} schedule(s) overdue\n` : "no schedule overdue\n");
}
