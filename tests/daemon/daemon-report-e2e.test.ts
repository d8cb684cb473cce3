import { sql } from "kysely";
import { simpleParser } from "mailparser";
import { afterEach, describe, expect, it } from "vitest";
import { readEnv } from "../../src/config/env.ts";
import { createLogger } from "../../src/core/logger.ts";
import { weeklyReportSender } from "../../src/report/weekly.ts";
import { type MockAiServer, startMockAiServer } from "../e2e/mock-ai/server.ts";
import { mockEnv, scratchQueryFile } from "../e2e/setup.ts";
import { type CapturingSmtp, startCapturingSmtp } from "../helpers/smtp.ts";
import { FakeClock } from "./fake-clock.ts";
import { startRealDaemon } from "./real-daemon.ts";

let server: MockAiServer | undefined;
let smtp: CapturingSmtp | undefined;
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  await server?.close();
  await smtp?.close();
});

describe("the daemon's weekly e-mail", () => {
  it("runs a one-minute schedule, then at the report slot e-mails last week's report once to a real SMTP server", async () => {
    server = await startMockAiServer({
      behaviours: { openai: { latencyMs: 10 }, gemini: { latencyMs: 10 } },
    });
    smtp = await startCapturingSmtp();
    const { file, db: dbPath } = scratchQueryFile(
      ["openai", "gemini"],
      3,
      2,
      [
        'schedule: { run: "* * * * *", report: "0 0 * * 1", timezone: Europe/Oslo, deadlineHours: 0.05 }',
        "report: { to: [marketing@example.com], language: nb }",
      ].join("\n"),
    );
    // Sunday 23:58:30 in Oslo (ISO week 47); the report slot is Monday 00:00 (week 48).
    const clock = new FakeClock("2026-11-22T22:58:30Z");
    const logger = createLogger({ level: "warn", write: () => undefined });
    const env = readEnv({ ...mockEnv(server), SMTP_URL: smtp.url });
    const owner = "report-host:1:aaa";
    const { daemon, open } = await startRealDaemon({
      file,
      dbPath,
      clock,
      env,
      logger,
      owner,
      sendReport: (db) => weeklyReportSender({ db, env, clock, logger }),
    });
    cleanups.push(() => open.close());
    cleanups.push(() => daemon.stop(5_000));

    await daemon.settled();
    clock.set("2026-11-22T22:59:00Z");
    await daemon.settled();
    clock.set("2026-11-22T23:00:30Z");
    await daemon.settled();
    await daemon.settled();

    const runs = await sql<{ id: string; status: string }>`select id, status from runs order by id`.execute(
      open.db,
    );
    expect(runs.rows.length).toBeGreaterThanOrEqual(2);
    expect(runs.rows.every((r) => r.status === "completed")).toBe(true);
    expect(smtp.messages).toHaveLength(1);
    const mail = await simpleParser(smtp.messages[0] as Buffer, { keepCidLinks: true });
    expect(mail.subject).toMatch(/Fiken/);
    expect(mail.to && "text" in mail.to ? mail.to.text : "").toContain("marketing@example.com");
    expect(mail.text).toMatch(/2026-W47|uke 47/i);
    const html = typeof mail.html === "string" ? mail.html : "";
    const cids = [...html.matchAll(/src="cid:([^"]+)"/g)].map((m) => m[1]);
    expect(cids.length).toBeGreaterThan(0);
    expect(new Set(cids)).toEqual(new Set(mail.attachments.map((a) => a.cid)));

    // Later passes never send the same week again.
    clock.set("2026-11-22T23:03:00Z");
    await daemon.settled();
    expect(smtp.messages).toHaveLength(1);
    const deliveries = await sql<{
      status: string;
      period: string;
    }>`select status, period from deliveries`.execute(open.db);
    expect(deliveries.rows).toEqual([{ status: "sent", period: "2026-W47" }]);
  }, 30_000);
});
