import type { Kysely } from "kysely";
import type { AnalysisResult } from "../analysis/types.ts";
import type { AskResult } from "../providers/types.ts";
import type { Answer, Database, WorkItem } from "./tables.ts";
import { writeTransaction } from "./transaction.ts";

/** The analysis that goes with an answer when it is stored. */
export interface AnalysisRecord {
  version: number;
  brandsHash: string;
  result: AnalysisResult;
  /** Word share per mentioned brand (spec §6); 0 for brands missing here. */
  wordShares?: Record<string, number>;
}

/**
 * Stores an answer, its analysis (null when analysis failed: the paid answer is kept and can be
 * re-analysed) and the item's new status in one short transaction, so a crash
 * leaves either all of it or none. An item that already has an answer is left alone (never twice).
 * Returns the answer id, or null when the item was answered before.
 */
export async function recordAnswer(
  db: Kysely<Database>,
  item: Pick<WorkItem, "id" | "run_id" | "question_id" | "question_version" | "engine_id" | "provider">,
  answer: AskResult,
  analysis: AnalysisRecord | null,
  now: string,
): Promise<number | null> {
  return writeTransaction(db, async (trx) => {
    // item_id is unique: an item answered before inserts nothing and returns no row.
    const inserted = await trx
      .insertInto("answers")
      .values({
        item_id: item.id,
        run_id: item.run_id,
        question_id: item.question_id,
        question_version: item.question_version,
        engine_id: item.engine_id,
        provider: item.provider,
        requested_model: answer.requestedModel,
        served_model: answer.servedModel,
        surface: answer.surface,
        text: answer.text,
        preamble: answer.preamble ?? null,
        raw_json: JSON.stringify(answer.raw),
        citations_json: JSON.stringify(answer.citations),
        retrieved_json: JSON.stringify(answer.retrieved),
        search_queries_json: JSON.stringify(answer.searchQueries),
        warnings_json: JSON.stringify(answer.warnings),
        input_tokens: answer.usage.inputTokens,
        output_tokens: answer.usage.outputTokens,
        searches: answer.usage.searches,
        cost_usd: answer.costUsd,
        latency_ms: Math.round(answer.latencyMs),
        asked_at: now,
      })
      .onConflict((oc) => oc.column("item_id").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) return null;
    const id = inserted.id;
    if (analysis) await insertAnalysis(trx, id, analysis, now);
    await trx
      .updateTable("work_items")
      .set({ status: "answered", answer_id: id, updated_at: now, attempts: (eb) => eb("attempts", "+", 1) })
      .where("id", "=", item.id)
      .execute();
    return id;
  });
}

/** Writes analysis rows (mentions, citations, retrieved sources) for an answer. */
export async function insertAnalysis(
  trx: Kysely<Database>,
  answerId: number,
  analysis: AnalysisRecord,
  now: string,
): Promise<number> {
  const { id } = await trx
    .insertInto("analyses")
    .values({
      answer_id: answerId,
      analysis_version: analysis.version,
      brands_hash: analysis.brandsHash,
      ranking_json: JSON.stringify(analysis.result.ranking),
      created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const mentions = analysis.result.mentions.map((m) => ({
    analysis_id: id,
    brand: m.brand,
    count: m.count,
    first_offset: m.firstOffset,
    rank: m.rank,
    list_position: m.listPosition,
    position_weight: m.positionWeight,
    evidence_json: JSON.stringify(m.evidence),
    word_share: analysis.wordShares?.[m.brand] ?? 0,
  }));
  if (mentions.length > 0) await trx.insertInto("mentions").values(mentions).execute();
  const citations = [
    ...analysis.result.citations.map((c, i) => ({ c, i, retrieved: 0 })),
    ...analysis.result.retrieved.map((c, i) => ({ c, i, retrieved: 1 })),
  ].map(({ c, i, retrieved }) => ({
    analysis_id: id,
    position: i,
    url: c.url,
    domain: c.domain,
    owner: c.owner,
    category: c.category,
    source: c.source,
    title: c.title ?? null,
    retrieved,
  }));
  if (citations.length > 0) await trx.insertInto("citations").values(citations).execute();
  return id;
}

export async function getAnswer(db: Kysely<Database>, id: number): Promise<Answer | undefined> {
  return db.selectFrom("answers").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function countAnswers(db: Kysely<Database>, runId?: string): Promise<number> {
  let q = db.selectFrom("answers").select((eb) => eb.fn.countAll<number>().as("n"));
  if (runId) q = q.where("run_id", "=", runId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}
