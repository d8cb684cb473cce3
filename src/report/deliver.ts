import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import nodemailer from "nodemailer";
import { systemClock } from "../core/clock.ts";
import { UsageError } from "../core/errors.ts";
import { ensureDelivery, recordDeliveryFailure, recordDeliverySent } from "../storage/deliveries-repo.ts";
import type { Database } from "../storage/tables.ts";
import type { ReportModel } from "./model.ts";
import { renderEmail } from "./render-email.ts";

/**
 * Sends a report e-mail once per key. A key already `sent` is never sent again; a failed send is
 * recorded with its error and retried on the next call. Within one call a transient failure
 * (connection, timeout, 4xx) is retried with backoff; a permanent one (5xx, authentication) ends
 * the call at once, since repeating it now cannot succeed. Delivery is at least once: a crash
 * between the server's acceptance and the database write sends again on the next call, with the
 * same Message-ID, so most mailboxes show it once.
 *
 * The SMTP URL carries credentials: it is never logged or stored, and its user name and password
 * are cut out of any error text before that is stored or returned.
 */
export interface DeliverOptions {
  model: ReportModel;
  to: readonly string[];
  from: string;
  /** `smtp://user:pass@host:587` or `smtps://…` (nodemailer's URL form), from `SMTP_URL`. */
  smtpUrl: string;
  db: Kysely<Database>;
  /** Idempotent key, e.g. `report:<query file>:<period>:<recipient list hash>`. */
  key: string;
  /** Milliseconds since the epoch (a `Clock`'s `now`). */
  now: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** SMTP attempts in this call; default 3. */
  maxAttempts?: number;
  /** Waits before the 2nd, 3rd … attempt; the last value repeats. Default 2 s, 10 s. */
  backoffMs?: readonly number[];
}

export type DeliveryOutcome =
  | { status: "sent"; messageId: string; attempts: number }
  | { status: "already-sent"; messageId: string | null; sentAt: string | null }
  | { status: "failed"; error: string; attempts: number };

const DEFAULT_BACKOFF_MS = [2_000, 10_000] as const;

export async function deliverReport(options: DeliverOptions): Promise<DeliveryOutcome> {
  if (options.to.length === 0) throw new UsageError("deliver: no recipients for the report e-mail");
  const iso = () => new Date(options.now()).toISOString();
  const row = await ensureDelivery(options.db, {
    key: options.key,
    kind: "report",
    period: options.model.period.id,
    recipients: options.to,
    now: iso(),
  });
  if (row.status === "sent")
    return { status: "already-sent", messageId: row.message_id, sentAt: row.sent_at };

  const email = renderEmail(options.model);
  const secrets = credentialsOf(options.smtpUrl);
  const sleep = options.sleep ?? ((ms: number) => systemClock.sleep(ms));
  const maxAttempts = Math.max(1, options.maxAttempts ?? 3);
  const backoff = options.backoffMs ?? DEFAULT_BACKOFF_MS;
  // URL settings (host, port, auth, query options) win over these defaults.
  const transport = nodemailer.createTransport({
    url: options.smtpUrl,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        const info = await transport.sendMail({
          from: options.from,
          to: [...options.to],
          subject: email.subject,
          text: email.text,
          html: email.html,
          messageId: messageIdFor(options.key, options.from),
          headers: { "Auto-Submitted": "auto-generated" },
          attachments: email.images.map((image) => ({
            filename: image.filename,
            content: image.png,
            contentType: "image/png",
            cid: image.cid,
            contentDisposition: "inline" as const,
          })),
        });
        await recordDeliverySent(options.db, options.key, info.messageId, iso());
        return { status: "sent", messageId: info.messageId, attempts: row.attempts + attempt };
      } catch (error) {
        const message = scrub(describe(error), secrets);
        await recordDeliveryFailure(options.db, options.key, message);
        if (attempt >= maxAttempts || isPermanent(error)) {
          return { status: "failed", error: message, attempts: row.attempts + attempt };
        }
        await sleep(backoff[Math.min(attempt - 1, backoff.length - 1)] ?? 0);
      }
    }
  } finally {
    transport.close();
  }
}

/** Same key, same Message-ID: a repeat after a crash is recognisable as the same message. */
function messageIdFor(key: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? "sightline.invalid";
  return `<${createHash("sha256").update(key).digest("hex").slice(0, 32)}@${domain}>`;
}

interface SmtpError {
  code?: unknown;
  responseCode?: unknown;
}

function isPermanent(error: unknown): boolean {
  const e = (typeof error === "object" && error !== null ? error : {}) as SmtpError;
  if (e.code === "EAUTH") return true;
  return typeof e.responseCode === "number" && e.responseCode >= 500 && e.responseCode < 600;
}

function describe(error: unknown): string {
  const e = (typeof error === "object" && error !== null ? error : {}) as SmtpError;
  const message = error instanceof Error ? error.message : String(error);
  const code = typeof e.code === "string" ? `${e.code}: ` : "";
  return `deliver: ${code}${message}`.slice(0, 2_000);
}

/** User name and password of the SMTP URL, raw and decoded, to cut out of error text. */
function credentialsOf(smtpUrl: string): string[] {
  try {
    const url = new URL(smtpUrl);
    const parts = [url.username, url.password].filter((p) => p.length > 0);
    return [...new Set(parts.flatMap((p) => [p, safeDecode(p)]))].sort((a, b) => b.length - a.length);
  } catch {
    return [];
  }
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function scrub(message: string, secrets: readonly string[]): string {
  return secrets.reduce((text, secret) => text.split(secret).join("[redacted]"), message);
}
