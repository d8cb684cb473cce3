import type { Kysely } from "kysely";
import type { AskResult } from "../providers/types.ts";
import { type AnalysisRecord, recordAnswer } from "../storage/answers-repo.ts";
import type { Database, WorkItem } from "../storage/tables.ts";

/** The item fields an answer is stored under. */
export type StoredItem = Pick<
  WorkItem,
  "id" | "run_id" | "question_id" | "question_version" | "engine_id" | "provider"
>;

/**
 * Where the runner puts each fresh answer: analysed and committed (answer, analysis, item status)
 * in one transaction. Resolves with the answer id, or null when the item had an answer already.
 */
export interface AnswerStore {
  store(item: StoredItem, answer: AskResult, now: string): Promise<number | null>;
  close(): Promise<void>;
}

/** Analyses and writes on the calling thread (tests, small runs). */
export function inProcessStore(
  db: Kysely<Database>,
  analyze: (answer: AskResult) => AnalysisRecord | null,
): AnswerStore {
  return {
    store: (item, answer, now) => recordAnswer(db, item, answer, analyze(answer), now),
    close: async () => undefined,
  };
}
