import type { Kysely } from "kysely";
import type { Database } from "./tables.ts";

/** Read-only queries behind `sightline answers`. */

export interface AnswerFilter {
  runId?: string;
  questionId?: string;
  engineId?: string;
  /** Only answers whose latest analysis mentions this brand (exact name). */
  brand?: string;
  limit: number;
}

export interface AnswerListRow {
  id: number;
  runId: string;
  questionId: string;
  engineId: string;
  servedModel: string | null;
  surface: string;
  askedAt: string;
  costUsd: number | null;
  ranking: string[];
  citations: number;
  excerpt: string;
}

/** The latest analysis id of each answer (re-analysis adds rows; the newest wins). */
function latestAnalysis(db: Kysely<Database>) {
  return db
    .selectFrom("analyses")
    .select(["answer_id", (eb) => eb.fn.max("id").as("analysis_id")])
    .groupBy("answer_id");
}

export async function listAnswers(db: Kysely<Database>, filter: AnswerFilter): Promise<AnswerListRow[]> {
  let q = db
    .selectFrom("answers as a")
    .leftJoin(latestAnalysis(db).as("la"), "la.answer_id", "a.id")
    .leftJoin("analyses as an", "an.id", "la.analysis_id")
    .select([
      "a.id",
      "a.run_id",
      "a.question_id",
      "a.engine_id",
      "a.served_model",
      "a.surface",
      "a.asked_at",
      "a.cost_usd",
      "a.text",
      "an.ranking_json",
      (eb) =>
        eb
          .selectFrom("citations as c")
          .select((e) => e.fn.countAll<number>().as("n"))
          .whereRef("c.analysis_id", "=", "an.id")
          .where("c.retrieved", "=", 0)
          .as("citation_count"),
    ]);
  if (filter.runId) q = q.where("a.run_id", "=", filter.runId);
  if (filter.questionId) q = q.where("a.question_id", "=", filter.questionId);
  if (filter.engineId) q = q.where("a.engine_id", "=", filter.engineId);
  if (filter.brand) {
    const brand = filter.brand;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("mentions as m")
          .select("m.brand")
          .whereRef("m.analysis_id", "=", "an.id")
          .where("m.brand", "=", brand),
      ),
    );
  }
  const rows = await q.orderBy("a.id", "desc").limit(filter.limit).execute();
  return rows.map((r) => ({
    id: r.id,
    runId: r.run_id,
    questionId: r.question_id,
    engineId: r.engine_id,
    servedModel: r.served_model,
    surface: r.surface,
    askedAt: r.asked_at,
    costUsd: r.cost_usd,
    ranking: r.ranking_json ? (JSON.parse(r.ranking_json) as string[]) : [],
    citations: Number(r.citation_count ?? 0),
    excerpt: r.text.replace(/\s+/g, " ").slice(0, 120),
  }));
}

/** One answer with its latest analysis rows. */
export async function answerDetail(db: Kysely<Database>, id: number) {
  const answer = await db.selectFrom("answers").selectAll().where("id", "=", id).executeTakeFirst();
  if (!answer) return undefined;
  const analysis = await db
    .selectFrom("analyses")
    .selectAll()
    .where("answer_id", "=", id)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  const mentions = analysis
    ? await db
        .selectFrom("mentions")
        .selectAll()
        .where("analysis_id", "=", analysis.id)
        .orderBy("rank")
        .execute()
    : [];
  const citations = analysis
    ? await db
        .selectFrom("citations")
        .selectAll()
        .where("analysis_id", "=", analysis.id)
        .orderBy("retrieved")
        .orderBy("position")
        .execute()
    : [];
  const item = await db
    .selectFrom("work_items")
    .select(["question_text", "stage", "sample"])
    .where("id", "=", answer.item_id)
    .executeTakeFirst();
  return { answer, analysis, mentions, citations, item };
}
