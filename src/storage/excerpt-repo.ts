import type { Kysely } from "kysely";
import type { Evidence } from "../analysis/types.ts";
import { type EvidenceSpan, type ExcerptRequest, type ExcerptsFor, makeExcerpt } from "../report/excerpt.ts";
import type { Excerpt } from "../report/model.ts";
import type { Database } from "./tables.ts";

/** Ids per `IN (...)` list, well under SQLite's bound-parameter limit. */
const CHUNK = 500;

function chunks<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}

/**
 * Fetches what the findings want quoted (answers.text plus the first evidence span of each
 * mention of their latest analysis) and returns the synchronous `excerptsFor` the pure report
 * builder calls. Three queries per 500 answers, whatever the number of findings.
 */
export async function loadExcerpts(
  db: Kysely<Database>,
  requests: readonly ExcerptRequest[],
): Promise<ExcerptsFor> {
  const ids = [...new Set(requests.map((r) => r.answerId))];
  const texts = new Map<number, { engine: string; questionId: string; askedAt: number; text: string }>();
  const spans = new Map<number, Map<string, EvidenceSpan>>();
  for (const part of chunks(ids)) {
    const answers = await db
      .selectFrom("answers")
      .select(["id", "engine_id", "question_id", "asked_at", "text"])
      .where("id", "in", part)
      .execute();
    for (const a of answers)
      texts.set(a.id, {
        engine: a.engine_id,
        questionId: a.question_id,
        askedAt: Date.parse(a.asked_at),
        text: a.text,
      });
    const latest = await db
      .selectFrom("analyses")
      .select(["answer_id", (eb) => eb.fn.max("id").as("id")])
      .where("answer_id", "in", part)
      .groupBy("answer_id")
      .execute();
    const answerOf = new Map(latest.map((l) => [Number(l.id), l.answer_id]));
    if (answerOf.size === 0) continue;
    const mentions = await db
      .selectFrom("mentions")
      .select(["analysis_id", "brand", "evidence_json"])
      .where("analysis_id", "in", [...answerOf.keys()])
      .execute();
    for (const m of mentions) {
      const answerId = answerOf.get(m.analysis_id);
      const first = (JSON.parse(m.evidence_json) as Evidence[])[0];
      if (answerId === undefined || !first) continue;
      let byBrand = spans.get(answerId);
      if (!byBrand) {
        byBrand = new Map();
        spans.set(answerId, byBrand);
      }
      byBrand.set(m.brand, { offset: first.offset, length: first.length, sentence: first.sentence });
    }
  }
  return (answerIds, brand) => {
    const out: Excerpt[] = [];
    for (const id of answerIds) {
      const source = texts.get(id);
      if (!source) continue;
      const span = brand === null ? null : (spans.get(id)?.get(brand) ?? null);
      out.push(makeExcerpt({ answerId: id, ...source }, span));
    }
    return out;
  };
}
