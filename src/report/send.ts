import { createHash } from "node:crypto";
import { hostname } from "node:os";
import type { Kysely } from "kysely";
import type { QueryFile } from "../config/query-file.ts";
import { UsageError } from "../core/errors.ts";
import { missedSlots } from "../storage/schedules-repo.ts";
import type { Database } from "../storage/tables.ts";
import { type DeliveryOutcome, deliverReport } from "./deliver.ts";
import type { MissedSlotFact } from "./facts.ts";
import { generateReport } from "./generate.ts";
import type { ReportPeriod } from "./periods.ts";

/**
 * Builds a period's report and e-mails it to the query file's `report.to` list, once per
 * (file, period, recipients): used by `sightline report --send` and the daemon's weekly job.
 */
export interface SendOptions {
  db: Kysely<Database>;
  file: QueryFile;
  period: ReportPeriod;
  baseline: ReportPeriod | null;
  timezone: string;
  now: () => number;
  smtpUrl: string | undefined;
  /** Schedules whose missed slots the report names (the file's `<id>:run` and `<id>:report`). */
  schedules?: readonly string[];
  sleep?: (ms: number) => Promise<void>;
}

export async function sendReportEmail(options: SendOptions): Promise<DeliveryOutcome & { period: string }> {
  const { file } = options;
  if (!file.report)
    throw new UsageError(`report: ${file.path} has no report: { to: [...] } section to send to`);
  if (!options.smtpUrl)
    throw new UsageError("report: set SMTP_URL (e.g. smtp://user:pass@mail.example.com:587) to send e-mail");
  const missed: MissedSlotFact[] = [];
  for (const schedule of options.schedules ?? []) {
    for (const row of await missedSlots(options.db, schedule))
      missed.push({ schedule: row.schedule, slot: Date.parse(row.slot) });
  }
  const { model } = await generateReport(options.db, {
    file,
    period: options.period,
    baseline: options.baseline,
    timezone: options.timezone,
    now: options.now(),
    missedSlots: missed,
  });
  const to = file.report.to;
  const recipients = createHash("sha256")
    .update([...to].sort().join(","))
    .digest("hex")
    .slice(0, 12);
  const outcome = await deliverReport({
    model,
    to,
    from: file.report.from ?? `sightline@${hostname()}`,
    smtpUrl: options.smtpUrl,
    db: options.db,
    key: `report:${file.path}:${options.period.id}:${recipients}`,
    now: options.now,
    ...(options.sleep ? { sleep: options.sleep } : {}),
  });
  return { ...outcome, period: options.period.id };
}
