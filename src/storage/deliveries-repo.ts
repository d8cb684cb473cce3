import type { Kysely } from "kysely";
import type { Database, Delivery } from "./tables.ts";
import { writeTransaction } from "./transaction.ts";

/**
 * SQL of the `deliveries` table: one row per idempotent key (a report for a period and a recipient
 * list). A row is `pending` until its first attempt ends, then `sent` or `failed`; `attempts`
 * counts SMTP attempts over all calls. Nothing here stores where the mail went through (the SMTP
 * URL and its credentials are never written).
 */
export interface NewDelivery {
  key: string;
  kind: string;
  period: string;
  recipients: readonly string[];
  /** ISO time. */
  now: string;
}

/** The delivery's row, created as `pending` when the key is new. */
export async function ensureDelivery(db: Kysely<Database>, delivery: NewDelivery): Promise<Delivery> {
  return writeTransaction(db, async (trx) => {
    await trx
      .insertInto("deliveries")
      .values({
        key: delivery.key,
        kind: delivery.kind,
        period: delivery.period,
        recipients_json: JSON.stringify(delivery.recipients),
        status: "pending",
        attempts: 0,
        message_id: null,
        error: null,
        created_at: delivery.now,
        sent_at: null,
      })
      .onConflict((oc) => oc.column("key").doNothing())
      .execute();
    return trx.selectFrom("deliveries").selectAll().where("key", "=", delivery.key).executeTakeFirstOrThrow();
  });
}

export async function findDelivery(db: Kysely<Database>, key: string): Promise<Delivery | undefined> {
  return db.selectFrom("deliveries").selectAll().where("key", "=", key).executeTakeFirst();
}

/**
 * Records a successful attempt. The `status <> 'sent'` guard keeps the first success's message id
 * if two senders ever raced.
 */
export async function recordDeliverySent(
  db: Kysely<Database>,
  key: string,
  messageId: string,
  now: string,
): Promise<void> {
  await writeTransaction(db, (trx) =>
    trx
      .updateTable("deliveries")
      .set((eb) => ({
        status: "sent",
        attempts: eb("attempts", "+", 1),
        message_id: messageId,
        error: null,
        sent_at: now,
      }))
      .where("key", "=", key)
      .where("status", "<>", "sent")
      .execute(),
  );
}

/** Records a failed attempt with its (credential-free) error; the next call retries it. */
export async function recordDeliveryFailure(db: Kysely<Database>, key: string, error: string): Promise<void> {
  await writeTransaction(db, (trx) =>
    trx
      .updateTable("deliveries")
      .set((eb) => ({ status: "failed", attempts: eb("attempts", "+", 1), error }))
      .where("key", "=", key)
      .where("status", "<>", "sent")
      .execute(),
  );
}
