import type { Kysely } from "kysely";

/** The first schema: runs, work items, answers (raw kept), attempts, analyses, deliveries. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("runs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("query_file", "text", (c) => c.notNull())
    .addColumn("config_hash", "text", (c) => c.notNull())
    .addColumn("slot", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("started_at", "text")
    .addColumn("finished_at", "text")
    .addColumn("lease_owner", "text")
    .addColumn("lease_expires_at", "text")
    .addColumn("max_cost_usd", "double precision")
    .addColumn("summary_json", "text")
    .execute();

  await db.schema
    .createTable("work_items")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("run_id", "text", (c) => c.notNull().references("runs.id"))
    .addColumn("question_id", "text", (c) => c.notNull())
    .addColumn("question_version", "text", (c) => c.notNull())
    .addColumn("question_text", "text", (c) => c.notNull())
    .addColumn("stage", "text", (c) => c.notNull())
    .addColumn("locale", "text", (c) => c.notNull())
    .addColumn("engine_id", "text", (c) => c.notNull())
    .addColumn("provider", "text", (c) => c.notNull())
    .addColumn("model", "text", (c) => c.notNull())
    .addColumn("sample", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_error_kind", "text")
    .addColumn("last_error", "text")
    .addColumn("next_attempt_at", "text")
    .addColumn("answer_id", "integer")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("work_items_run_status")
    .on("work_items")
    .columns(["run_id", "status"])
    .execute();

  await db.schema
    .createTable("answers")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("item_id", "text", (c) => c.notNull().unique().references("work_items.id"))
    .addColumn("run_id", "text", (c) => c.notNull().references("runs.id"))
    .addColumn("question_id", "text", (c) => c.notNull())
    .addColumn("question_version", "text", (c) => c.notNull())
    .addColumn("engine_id", "text", (c) => c.notNull())
    .addColumn("provider", "text", (c) => c.notNull())
    .addColumn("requested_model", "text", (c) => c.notNull())
    .addColumn("served_model", "text")
    .addColumn("surface", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("preamble", "text")
    .addColumn("raw_json", "text", (c) => c.notNull())
    .addColumn("citations_json", "text", (c) => c.notNull())
    .addColumn("retrieved_json", "text", (c) => c.notNull())
    .addColumn("search_queries_json", "text", (c) => c.notNull())
    .addColumn("warnings_json", "text", (c) => c.notNull())
    .addColumn("input_tokens", "integer", (c) => c.notNull())
    .addColumn("output_tokens", "integer", (c) => c.notNull())
    .addColumn("searches", "integer", (c) => c.notNull())
    .addColumn("cost_usd", "double precision")
    .addColumn("latency_ms", "integer", (c) => c.notNull())
    .addColumn("asked_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("answers_question_engine")
    .on("answers")
    .columns(["question_id", "engine_id", "asked_at"])
    .execute();
  await db.schema.createIndex("answers_run").on("answers").column("run_id").execute();

  await db.schema
    .createTable("attempts")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("item_id", "text", (c) => c.notNull().references("work_items.id"))
    .addColumn("run_id", "text", (c) => c.notNull().references("runs.id"))
    .addColumn("engine_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("message", "text", (c) => c.notNull())
    .addColumn("http_status", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("analyses")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("answer_id", "integer", (c) => c.notNull().references("answers.id"))
    .addColumn("analysis_version", "integer", (c) => c.notNull())
    .addColumn("brands_hash", "text", (c) => c.notNull())
    .addColumn("ranking_json", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("analyses_once", ["answer_id", "analysis_version", "brands_hash"])
    .execute();

  await db.schema
    .createTable("mentions")
    .addColumn("analysis_id", "integer", (c) => c.notNull().references("analyses.id").onDelete("cascade"))
    .addColumn("brand", "text", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .addColumn("first_offset", "integer", (c) => c.notNull())
    .addColumn("rank", "integer", (c) => c.notNull())
    .addColumn("list_position", "integer")
    .addColumn("position_weight", "double precision", (c) => c.notNull())
    .addColumn("evidence_json", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("mentions_pk", ["analysis_id", "brand"])
    .execute();

  await db.schema
    .createTable("citations")
    .addColumn("analysis_id", "integer", (c) => c.notNull().references("analyses.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("domain", "text", (c) => c.notNull())
    .addColumn("owner", "text")
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("title", "text")
    .addColumn("retrieved", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("citations_pk", ["analysis_id", "retrieved", "position"])
    .execute();
  await db.schema.createIndex("citations_domain").on("citations").column("domain").execute();

  await db.schema
    .createTable("deliveries")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("key", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("recipients_json", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("message_id", "text")
    .addColumn("error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    "deliveries",
    "citations",
    "mentions",
    "analyses",
    "attempts",
    "answers",
    "work_items",
    "runs",
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
