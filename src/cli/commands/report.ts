import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Command } from "commander";
import { readEnv } from "../../config/env.ts";
import { ExitCode, UsageError } from "../../core/errors.ts";
import { isValidTimeZone } from "../../core/zoned-time.ts";
import { generateReport } from "../../report/generate.ts";
import type { ReportModel } from "../../report/model.ts";
import {
  lastCompleteWeek,
  parsePeriod,
  parseSince,
  previousPeriod,
  type ReportPeriod,
  sincePeriod,
  weekPeriod,
} from "../../report/periods.ts";
import { renderCsv } from "../../report/render-csv.ts";
import { renderEmailHtml } from "../../report/render-email.ts";
import { renderMarkdown } from "../../report/render-markdown.ts";
import { sendReportEmail } from "../../report/send.ts";
import { preferMappedReads } from "../../storage/report-repo.ts";
import type { CliContext } from "../context.ts";
import { openCliDatabase } from "../database.ts";
import { configFromOption } from "./run.ts";

interface ReportOptions {
  config?: string;
  db?: string;
  period?: string;
  since?: string;
  baseline?: string;
  format: string;
  out?: string;
  send?: boolean;
}

const FORMATS = ["json", "md", "csv", "html"] as const;
type Format = (typeof FORMATS)[number];

export function registerReport(program: Command, ctx: CliContext): void {
  program
    .command("report")
    .description("visibility report for a week (or several): rates with intervals, changes, trends, sources")
    .option("-c, --config <file>", "query file (default: the only file in queries/)")
    .option("--db <path>", "SQLite database file (default: $DATABASE_URL or ./sightline.db)")
    .option(
      "--period <week>",
      "ISO week like 2026-W47, or a range 2026-W40..2026-W47 (default: last complete week)",
    )
    .option("--since <weeks>", "the last N complete weeks as one period, e.g. 8w (instead of --period)")
    .option(
      "--baseline <week>",
      "period to compare with (default: the period of the same length just before)",
    )
    .option("--format <format>", `output: ${FORMATS.join(", ")}`, "json")
    .option("--out <file>", "write the report to this file instead of stdout")
    .option(
      "--send",
      "e-mail the report (HTML with inline charts and a text part) to the file's report.to via SMTP_URL, once per period",
    )
    .addHelpText(
      "after",
      "\nWeeks start Monday 00:00 in the schedule's time zone (UTC without a schedule). Changes are\n" +
        "reported only when significant (two-proportion z-test, p < 0.05). JSON fields: docs/report-json.md.",
    )
    .action(async (opts: ReportOptions) => reportCommand(ctx, opts));
}

function periodsFrom(
  opts: ReportOptions,
  now: number,
  timeZone: string,
): [ReportPeriod, ReportPeriod | null] {
  if (opts.period !== undefined && opts.since !== undefined)
    throw new UsageError("report: pass --period or --since, not both");
  const period =
    opts.period !== undefined
      ? parsePeriod(opts.period, timeZone)
      : opts.since !== undefined
        ? sincePeriod(parseSince(opts.since), now, timeZone)
        : weekPeriod(lastCompleteWeek(now, timeZone), timeZone);
  const baseline =
    opts.baseline !== undefined
      ? parsePeriod(opts.baseline, timeZone, "baseline")
      : previousPeriod(period, timeZone);
  return [period, baseline];
}

function render(model: ReportModel, format: Format): string {
  switch (format) {
    case "json":
      return `${JSON.stringify(model, null, 2)}\n`;
    case "md":
      return renderMarkdown(model);
    case "csv":
      return renderCsv(model);
    case "html":
      return renderEmailHtml(model);
  }
}

async function reportCommand(ctx: CliContext, opts: ReportOptions): Promise<void> {
  const format = opts.format as Format;
  if (!FORMATS.includes(format))
    throw new UsageError(`report: --format must be one of ${FORMATS.join(", ")} (got '${opts.format}')`);
  const file = await configFromOption(ctx, opts.config);
  const timezone = file.schedule?.timezone ?? "UTC";
  if (!isValidTimeZone(timezone))
    throw new UsageError(`report: unknown time zone '${timezone}' in the schedule`);
  const now = ctx.clock.now();
  const [period, baseline] = periodsFrom(opts, now, timezone);
  const { db, close } = await openCliDatabase(ctx, opts.db);
  if (opts.send) {
    try {
      const outcome = await sendReportEmail({
        db,
        file,
        period,
        baseline,
        timezone,
        now: ctx.clock.now,
        smtpUrl: readEnv(ctx.env).SMTP_URL,
      });
      const to = file.report?.to.join(", ") ?? "";
      if (outcome.status === "sent")
        ctx.stdout(`report ${outcome.period}: sent to ${to} (${outcome.messageId})\n`);
      else if (outcome.status === "already-sent")
        ctx.stdout(
          `report ${outcome.period}: already sent to ${to} at ${outcome.sentAt}; not sending twice\n`,
        );
      else {
        ctx.stderr(
          `report ${outcome.period}: sending failed after ${outcome.attempts} attempt(s): ${outcome.error}\n(run again to retry)\n`,
        );
        ctx.exitCode = ExitCode.partial;
      }
    } finally {
      await close();
    }
    return;
  }
  let output: string;
  try {
    await preferMappedReads(db);
    const report = await generateReport(db, { file, period, baseline, timezone, now });
    if (report.unanalysed > 0)
      ctx.stderr(`report: ${report.unanalysed} answer(s) have no analysis and are left out of the numbers\n`);
    if (report.model.totals.answers === 0 && report.model.totals.failed === 0)
      ctx.stderr(
        `report: no answers in ${period.id} (${report.model.period.start} to ${report.model.period.end})\n`,
      );
    output = render(report.model, format);
  } finally {
    await close();
  }
  if (opts.out === undefined) {
    ctx.stdout(output);
    return;
  }
  const target = resolve(ctx.cwd, opts.out);
  await writeFile(target, output, "utf8");
  ctx.stderr(`report: wrote ${target}\n`);
}
