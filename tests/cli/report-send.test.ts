import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import { afterEach, describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.ts";
import { type CapturingSmtp, startCapturingSmtp } from "../helpers/smtp.ts";

const example = new URL("../../queries/example.yaml", import.meta.url).pathname;
let smtp: CapturingSmtp | undefined;
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
});

describe("sightline report --send", () => {
  it("e-mails the week's report once, in the file's language, and says so when asked again", async () => {
    const now = Date.parse("2026-11-25T10:00:00Z");
    const clock = { now: () => now, sleep: async () => undefined };
    const db = join(mkdtempSync(join(tmpdir(), "sightline-send-")), "s.db");
    expect((await cli(["run", "--config", example, "--db", db], { clock })).code).toBe(0);
    smtp = await startCapturingSmtp();
    const env = { SMTP_URL: smtp.url };
    const first = await cli(["report", "--config", example, "--db", db, "--period", "2026-W48", "--send"], {
      env,
      clock,
    });
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^report 2026-W48: sent to marketing@example.com/);
    expect(smtp.messages).toHaveLength(1);
    const mail = await simpleParser(smtp.messages[0] as Buffer, { keepCidLinks: true });
    expect(mail.subject).toMatch(/Fiken/);
    expect(mail.text).toMatch(/REPLAY/);
    expect(typeof mail.html === "string" && mail.html.includes("cid:")).toBe(true);
    const again = await cli(["report", "--config", example, "--db", db, "--period", "2026-W48", "--send"], {
      env,
      clock,
    });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already sent .* not sending twice/);
    expect(smtp.messages).toHaveLength(1);
  }, 30_000);

  it("without SMTP_URL it is a user error", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "sightline-send-")), "s.db");
    const r = await cli(["report", "--config", example, "--db", db, "--send"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/set SMTP_URL/);
  });
});
