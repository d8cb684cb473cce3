import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import { afterEach, describe, expect, it } from "vitest";
import { deliverReport } from "../../src/report/deliver.ts";
import { renderEmail } from "../../src/report/render-email.ts";
import { locateDatabase, openDatabase } from "../../src/storage/db.ts";
import { findDelivery } from "../../src/storage/deliveries-repo.ts";
import { sampleModel } from "../fixtures/report/sample-model.ts";
import { type CapturingSmtp, startCapturingSmtp } from "../helpers/smtp.ts";

const PASSWORD = "s3cret-Passw0rd!";
const url = (port: number) => `smtp://sightline-user:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}`;
const tempDb = () => join(mkdtempSync(join(tmpdir(), "sightline-deliver-")), "sightline.db");

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup() {
  const database = await openDatabase(locateDatabase({ dbPath: tempDb() }));
  cleanups.push(database.close);
  const sleeps: number[] = [];
  const base = {
    model: sampleModel({ language: "nb" }),
    to: ["marketing@fiken.example"],
    from: "Sightline <sightline@fiken.example>",
    db: database.db,
    key: "report:queries/fiken.yaml:2026-W47:abc123",
    now: () => Date.parse("2026-11-23T07:00:00.000Z"),
    sleep: async (ms: number) => {
      sleeps.push(ms);
    },
  };
  return { ...base, sleeps };
}

async function server(reply?: (n: number) => number | null): Promise<CapturingSmtp> {
  const s = await startCapturingSmtp(reply);
  cleanups.push(s.close);
  return s;
}

describe("deliverReport over real SMTP", () => {
  it("sends a multipart mail whose HTML references inline images it carries, once per key", async () => {
    const smtp = await server();
    const opts = await setup();
    const outcome = await deliverReport({ ...opts, smtpUrl: url(smtp.port) });
    expect(outcome).toMatchObject({ status: "sent", attempts: 1 });
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.logins).toEqual(["sightline-user"]);

    const mail = await simpleParser(smtp.messages[0]!, { keepCidLinks: true });
    const expected = renderEmail(opts.model);
    expect(mail.subject).toBe(expected.subject);
    expect(mail.text?.trim()).toBe(expected.text.trim());
    expect(typeof mail.html === "string" && mail.html.includes("Nøkkeltall")).toBe(true);
    const html = String(mail.html);
    const images = mail.attachments.filter((a) => a.contentType === "image/png");
    expect(images).toHaveLength(expected.images.length);
    for (const image of images) {
      expect(image.contentDisposition).toBe("inline");
      expect(image.cid).toBeTruthy();
      expect(html).toContain(`src="cid:${image.cid}"`);
      expect(image.content.subarray(1, 4).toString("latin1")).toBe("PNG");
    }
    const referenced = [...html.matchAll(/src="cid:([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(referenced)).toEqual(new Set(images.map((i) => i.cid)));
    expect(mail.headers.get("auto-submitted")).toBe("auto-generated");

    const row = await findDelivery(opts.db, opts.key);
    expect(row).toMatchObject({
      status: "sent",
      attempts: 1,
      error: null,
      period: "2026-W47",
      kind: "report",
    });
    expect(row?.message_id).toBe(mail.messageId);
    expect(JSON.parse(row?.recipients_json ?? "[]")).toEqual(opts.to);

    const again = await deliverReport({ ...opts, smtpUrl: url(smtp.port) });
    expect(again).toEqual({
      status: "already-sent",
      messageId: row?.message_id,
      sentAt: "2026-11-23T07:00:00.000Z",
    });
    expect(smtp.messages).toHaveLength(1);
  });

  it("records a rejected send with its error, then sends on a later call", async () => {
    const rejecting = await server(() => 550);
    const opts = await setup();
    const failed = await deliverReport({ ...opts, smtpUrl: url(rejecting.port) });
    expect(failed.status).toBe("failed");
    // A permanent (5xx) rejection is not repeated within the call.
    expect(failed).toMatchObject({ attempts: 1 });
    expect(opts.sleeps).toEqual([]);
    expect(rejecting.messages).toHaveLength(0);
    const row = await findDelivery(opts.db, opts.key);
    expect(row).toMatchObject({ status: "failed", attempts: 1, message_id: null, sent_at: null });
    expect(row?.error).toMatch(/550|Mailbox unavailable/);

    const good = await server();
    const sent = await deliverReport({ ...opts, smtpUrl: url(good.port) });
    expect(sent).toMatchObject({ status: "sent", attempts: 2 });
    expect(good.messages).toHaveLength(1);
    expect(await findDelivery(opts.db, opts.key)).toMatchObject({ status: "sent", attempts: 2, error: null });
    expect((await deliverReport({ ...opts, smtpUrl: url(good.port) })).status).toBe("already-sent");
    expect(good.messages).toHaveLength(1);
  });

  it("retries a temporary failure within the call, with backoff", async () => {
    const flaky = await server((n) => (n === 1 ? 451 : null));
    const opts = await setup();
    const outcome = await deliverReport({ ...opts, smtpUrl: url(flaky.port), backoffMs: [1_500, 6_000] });
    expect(outcome).toMatchObject({ status: "sent", attempts: 2 });
    expect(opts.sleeps).toEqual([1_500]);
    expect(flaky.messages).toHaveLength(1);
  });

  it("refuses an empty recipient list before recording anything", async () => {
    const opts = await setup();
    await expect(deliverReport({ ...opts, to: [], smtpUrl: "smtp://127.0.0.1:1" })).rejects.toThrow(
      /no recipients/,
    );
    expect(await findDelivery(opts.db, opts.key)).toBeUndefined();
  });

  it("gives up after the bounded attempts when the server is down, and never stores credentials", async () => {
    const gone = await startCapturingSmtp();
    const port = gone.port;
    await gone.close();
    const opts = await setup();
    const outcome = await deliverReport({
      ...opts,
      smtpUrl: url(port),
      maxAttempts: 3,
      backoffMs: [100, 400],
    });
    expect(outcome).toMatchObject({ status: "failed", attempts: 3 });
    expect(opts.sleeps).toEqual([100, 400]);
    const row = await findDelivery(opts.db, opts.key);
    expect(row).toMatchObject({ status: "failed", attempts: 3 });
    expect(row?.error).toMatch(/ECONNREFUSED|ECONNECTION|connect/i);
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(PASSWORD);
    expect(stored).not.toContain(encodeURIComponent(PASSWORD));
    expect(stored).not.toContain("sightline-user");
    expect(JSON.stringify(outcome)).not.toContain(PASSWORD);
  });
});
