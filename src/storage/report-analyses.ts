import { type Kysely, sql } from "kysely";
import type { DomainCategory } from "../core/brands.ts";
import type { AnswerFact, CitationFact } from "../report/facts.ts";
import type { Database } from "./tables.ts";

/**
 * The analysis side of the report facts: which analysis of each answer is the latest, and its
 * mentions and cited sources. Ids of one window are nearly contiguous, so each table is read
 * with one range over its key; rows outside the window (superseded analyses, other answers) are
 * dropped by the maps.
 */

/** The latest analysis id of each answer with an id in [low, high] (re-analysis adds rows; the newest wins). */
export async function latestAnalyses(
  db: Kysely<Database>,
  low: number,
  high: number,
): Promise<Map<number, number>> {
  // The unique index on (answer_id, ...) covers this: no table row is read.
  const rows = await db
    .selectFrom("analyses")
    .select(["answer_id", (eb) => eb.fn.max("id").as("id")])
    .where("answer_id", ">=", low)
    .where("answer_id", "<=", high)
    .groupBy("answer_id")
    .execute();
  return new Map(rows.map((r) => [r.answer_id, Number(r.id)]));
}

/** Separates the parts of a packed column (a control character no id, URL or name contains). */
export const SEP = "\u001f";

/** Share of a table a range must cover before one sequential scan beats an index seek per row. */
const SCAN_ABOVE = 0.3;

/** `analysis_id`, or `+analysis_id` to keep SQLite off the index when the range is most of the table. */
async function analysisColumn(db: Kysely<Database>, low: number, high: number) {
  const newest = await db
    .selectFrom("analyses")
    .select((eb) => eb.fn.max("id").as("id"))
    .executeTakeFirst();
  const total = Number(newest?.id ?? 0);
  const scan = total > 0 && (high - low + 1) / total > SCAN_ABOVE;
  return scan ? sql<number>`+analysis_id` : sql<number>`analysis_id`;
}

/** Fills `mentions` and `citations` (cited only, in answer order) of the facts keyed by analysis id. */
export async function attachAnalyses(
  db: Kysely<Database>,
  byAnalysis: ReadonlyMap<number, AnswerFact>,
  intern: (s: string) => string,
): Promise<void> {
  if (byAnalysis.size === 0) return;
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const id of byAnalysis.keys()) {
    if (id < low) low = id;
    if (id > high) high = id;
  }
  const column = await analysisColumn(db, low, high);
  const mentions = await db
    .selectFrom("mentions")
    .select(["analysis_id", "brand", "rank", "position_weight", "list_position", "count", "word_share"])
    .where(column, ">=", low)
    .where(column, "<=", high)
    .execute();
  for (const m of mentions) {
    byAnalysis.get(m.analysis_id)?.mentions.push({
      brand: intern(m.brand),
      rank: m.rank,
      positionWeight: m.position_weight,
      listPosition: m.list_position,
      count: m.count,
      wordShare: m.word_share,
    });
  }
  // A cited source is the same fact in every answer citing it: one packed column per row and one
  // shared object per distinct source (a year cites a few thousand pages half a million times).
  const readCitations = (ordered: boolean) => {
    const q = db
      .selectFrom("citations")
      .select([
        "analysis_id",
        "position",
        sql<string>`url || ${SEP} || domain || ${SEP} || coalesce(owner, '') || ${SEP} || category`.as(
          "source",
        ),
      ])
      .where(column, ">=", low)
      .where(column, "<=", high)
      .where("retrieved", "=", 0);
    return (ordered ? q.orderBy("analysis_id").orderBy("position") : q).execute();
  };
  // Index and table scans both return rows in key order (a table scan in insertion order); an
  // ORDER BY would sort a whole year, so ask for it only if the order ever breaks.
  let citations = await readCitations(false);
  if (!inKeyOrder(citations)) citations = await readCitations(true);
  const sources = new Map<string, CitationFact>();
  for (const c of citations) {
    const fact = byAnalysis.get(c.analysis_id);
    if (!fact) continue;
    let source = sources.get(c.source);
    if (!source) {
      const [url = "", domain = "", owner = "", category = ""] = c.source.split(SEP);
      source = {
        url,
        domain: intern(domain),
        owner: owner === "" ? null : intern(owner),
        category: intern(category) as DomainCategory,
      };
      sources.set(c.source, source);
    }
    fact.citations.push(source);
  }
}

function inKeyOrder(rows: readonly { analysis_id: number; position: number }[]): boolean {
  let analysis = Number.NEGATIVE_INFINITY;
  let position = Number.NEGATIVE_INFINITY;
  for (const r of rows) {
    if (r.analysis_id < analysis || (r.analysis_id === analysis && r.position <= position)) return false;
    analysis = r.analysis_id;
    position = r.position;
  }
  return true;
}
