import type { Kysely } from "kysely";

/**
 * Schedules of the daemon: what each `<query file id>:<run|report>` schedule last completed and
 * attempted (catch-up after downtime is computed from this, never from memory), and the slots
 * that passed their deadline without a run.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("schedules")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("query_file", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("last_completed_slot", "text")
    .addColumn("last_attempted_slot", "text")
    .addColumn("claim_owner", "text")
    .addColumn("claim_expires_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("missed_slots")
    .addColumn("schedule", "text", (c) => c.notNull())
    .addColumn("slot", "text", (c) => c.notNull())
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("missed_slots_pk", ["schedule", "slot"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("missed_slots").execute();
  await db.schema.dropTable("schedules").execute();
}
