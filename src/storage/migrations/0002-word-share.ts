import type { Kysely } from "kysely";

/** Per-mention word share (spec §6 brand PAWC), computed at analysis time. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("mentions")
    .addColumn("word_share", "double precision", (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("mentions").dropColumn("word_share").execute();
}
