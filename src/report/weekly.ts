import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { Env } from "../config/env.ts";
import type { Clock } from "../core/clock.ts";
import type { SendReport } from "../scheduler/daemon-types.ts";
import { queryFileId } from "../scheduler/query-file-book.ts";
import type { Database } from "../storage/tables.ts";
import { lastCompleteWeek, previousPeriod, weekPeriod } from "./periods.ts";
import { sendReportEmail } from "./send.ts";

/**
 * The daemon's weekly report job: at a report slot, e-mail the last complete ISO week before the
 * slot (in the schedule's time zone), compared with the week before, naming missed slots. A failed
 * delivery rejects, so the daemon retries it later; the deliveries table keeps it to one e-mail.
 */
export function weeklyReportSender(deps: {
  db: Kysely<Database>;
  env: Env;
  clock: Clock;
  logger: Logger;
}): SendReport {
  return async (file, slot) => {
    if (!file.report) {
      deps.logger.warn(
        { file: file.path },
        "report slot, but the query file has no report: { to: [...] } section",
      );
      return;
    }
    const timezone = file.schedule?.timezone ?? "UTC";
    const period = weekPeriod(lastCompleteWeek(Date.parse(slot), timezone), timezone);
    const id = queryFileId(file.path);
    const outcome = await sendReportEmail({
      db: deps.db,
      file,
      period,
      baseline: previousPeriod(period, timezone),
      timezone,
      now: deps.clock.now,
      smtpUrl: deps.env.SMTP_URL,
      schedules: [`${id}:run`, `${id}:report`],
    });
    if (outcome.status === "failed")
      throw new Error(`report e-mail for ${period.id} failed: ${outcome.error}`);
    deps.logger.info(
      { file: file.path, period: period.id, status: outcome.status },
      "report e-mail delivered",
    );
  };
}
