import { type Kysely, sql } from "kysely";
import type { AnswerFact, FailureFact } from "../report/facts.ts";
import { attachAnalyses, latestAnalyses, SEP } from "./report-analyses.ts";
import type { Database } from "./tables.ts";

/**
 * Read-only queries behind `sightline report`: every fact of a time window in six queries (answers,
 * their latest analysis ids, the stage and text of their questions, mentions, citations, failed
 * items), assembled in memory with maps. Never a query per answer: a year is 150,000.
 */

export interface FactWindow {
  /** Inclusive, ms since the epoch. */
  startMs: number;
  /** Exclusive, ms since the epoch. */
  endMs: number;
  /** Only runs of this query file (`runs.query_file`, the resolved path); all runs when absent. */
  queryFile?: string;
}

export interface LoadedFacts {
  answers: AnswerFact[];
  failures: FailureFact[];
  /** Answers in the window without any analysis (analysis failed): left out, never "not mentioned". */
  unanalysed: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Ids per `IN (...)` list, well under SQLite's bound-parameter limit. */
const CHUNK = 500;

/** Bytes of the database file SQLite may read through mmap on a report's connection. */
const MMAP_BYTES = 4 * 1024 ** 3;

/**
 * Lets this connection read pages through mmap instead of one read() per page: a year of answers
 * is 100,000+ pages of text, and the system calls were most of the time of reading them. For
 * read-heavy commands on their own connection (`sightline report`); writers are unaffected.
 */
export async function preferMappedReads(db: Kysely<Database>): Promise<void> {
  await sql.raw(`pragma mmap_size = ${MMAP_BYTES}`).execute(db);
}

/**
 * One shared string per distinct value: a year of facts repeats a few thousand ids, brands,
 * domains and URLs hundreds of thousands of times, and the metrics look them up in maps.
 */
export function interner(): (s: string) => string {
  const seen = new Map<string, string>();
  return (s) => {
    const hit = seen.get(s);
    if (hit !== undefined) return hit;
    seen.set(s, s);
    return s;
  };
}

/** What answers of one run, engine and question share: one object for all their samples. */
interface AnswerHead {
  runId: string;
  engineId: string;
  servedModel: string | null;
  surface: string;
  questionId: string;
  questionVersion: string;
  stage: string;
  questionText: string;
}

/** Loads the answers (with their latest analysis) and the failed items of a window. */
export async function loadFacts(db: Kysely<Database>, window: FactWindow): Promise<LoadedFacts> {
  const from = iso(window.startMs);
  const to = iso(window.endMs);
  const file = window.queryFile;
  const intern = interner();
  // Ids grow with time: the window's id range (from the covering question × engine × time
  // index, no table row read) confines every later read to the window's part of the table.
  const range = await db
    .selectFrom("answers")
    .select((eb) => [eb.fn.min("id").as("low"), eb.fn.max("id").as("high")])
    .where("asked_at", ">=", from)
    .where("asked_at", "<", to)
    .executeTakeFirst();
  const low = range?.low === null || range?.low === undefined ? null : Number(range.low);
  const high = range?.high === null || range?.high === undefined ? null : Number(range.high);
  // One sequential read of the id range. The six ids an answer shares with its other samples
  // come packed in one column: one string per row instead of six, parsed once per run ×
  // engine × question. Runs are filtered here: the run index would cost a lookup per row.
  const rows =
    low === null || high === null
      ? []
      : await db
          .selectFrom("answers")
          .select([
            "id",
            "asked_at",
            "cost_usd",
            sql<string>`run_id || ${SEP} || engine_id || ${SEP} || coalesce(served_model, '') || ${SEP} || surface || ${SEP} || question_id || ${SEP} || question_version`.as(
              "head",
            ),
          ])
          .where("id", ">=", low)
          .where("id", "<=", high)
          .where("asked_at", ">=", from)
          .where("asked_at", "<", to)
          .execute();
  const heads = new Map<string, AnswerHead>();
  for (const r of rows) if (!heads.has(r.head)) heads.set(r.head, unpackHead(r.head, intern));
  const runs = file === undefined ? null : await runsOf(db, file);
  const runIds = new Set(
    [...heads.values()].map((h) => h.runId).filter((id) => runs === null || runs.has(id)),
  );
  const questions = await questionsOfRuns(db, [...runIds], intern);
  for (const h of heads.values()) {
    const q = questions.get(h.runId)?.get(h.questionId);
    h.stage = q?.stage ?? "";
    h.questionText = q?.text ?? "";
  }
  const latest =
    low === null || high === null ? new Map<number, number>() : await latestAnalyses(db, low, high);
  const answers: AnswerFact[] = [];
  const byAnalysis = new Map<number, AnswerFact>();
  let unanalysed = 0;
  for (const r of rows) {
    const head = heads.get(r.head) as AnswerHead;
    if (!runIds.has(head.runId)) continue;
    const analysisId = latest.get(r.id);
    if (analysisId === undefined) {
      unanalysed++;
      continue;
    }
    const fact: AnswerFact = {
      answerId: r.id,
      runId: head.runId,
      askedAt: Date.parse(r.asked_at),
      engineId: head.engineId,
      servedModel: head.servedModel,
      surface: head.surface,
      questionId: head.questionId,
      questionVersion: head.questionVersion,
      questionText: head.questionText,
      stage: head.stage,
      mentions: [],
      citations: [],
      costUsd: r.cost_usd,
    };
    answers.push(fact);
    byAnalysis.set(analysisId, fact);
  }
  await attachAnalyses(db, byAnalysis, intern);

  let failuresQuery = db
    .selectFrom("work_items as w")
    .select(["w.run_id", "w.updated_at", "w.engine_id", "w.question_id", "w.stage", "w.last_error_kind"])
    .where("w.status", "=", "failed")
    .where("w.updated_at", ">=", from)
    .where("w.updated_at", "<", to);
  if (file !== undefined)
    failuresQuery = failuresQuery.where((eb) =>
      eb("w.run_id", "in", eb.selectFrom("runs").select("runs.id").where("runs.query_file", "=", file)),
    );
  const failures: FailureFact[] = (await failuresQuery.execute()).map((f) => ({
    runId: f.run_id,
    at: Date.parse(f.updated_at),
    engineId: intern(f.engine_id),
    questionId: intern(f.question_id),
    stage: intern(f.stage),
    kind: f.last_error_kind ?? "unknown",
  }));
  return { answers, failures, unanalysed };
}

/** Ids of the runs of a query file. */
async function runsOf(db: Kysely<Database>, queryFile: string): Promise<Set<string>> {
  const rows = await db.selectFrom("runs").select("id").where("query_file", "=", queryFile).execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * Stage and text of each question as asked in each run (both live on the work items, and a
 * question keeps them within a run): one row per run × question instead of a join per answer.
 */
async function questionsOfRuns(
  db: Kysely<Database>,
  runIds: readonly string[],
  intern: (s: string) => string,
): Promise<Map<string, Map<string, { stage: string; text: string }>>> {
  const out = new Map<string, Map<string, { stage: string; text: string }>>();
  for (let i = 0; i < runIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom("work_items")
      .select(["run_id", "question_id", "stage", "question_text"])
      .where("run_id", "in", runIds.slice(i, i + CHUNK))
      .groupBy(["run_id", "question_id"])
      .execute();
    for (const r of rows) {
      let run = out.get(r.run_id);
      if (!run) {
        run = new Map();
        out.set(r.run_id, run);
      }
      run.set(r.question_id, { stage: intern(r.stage), text: intern(r.question_text) });
    }
  }
  return out;
}

/** An empty served model is stored by no provider; it reads as unknown (null). */
function unpackHead(packed: string, intern: (s: string) => string): AnswerHead {
  const [runId = "", engineId = "", servedModel = "", surface = "", questionId = "", questionVersion = ""] =
    packed.split(SEP);
  return {
    runId: intern(runId),
    engineId: intern(engineId),
    servedModel: servedModel === "" ? null : intern(servedModel),
    surface: intern(surface),
    questionId: intern(questionId),
    questionVersion: intern(questionVersion),
    stage: "",
    questionText: "",
  };
}
