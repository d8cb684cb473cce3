import type { Generated, Insertable, Selectable } from "kysely";

/**
 * Table types for kysely. Timestamps are ISO-8601 UTC strings (portable across SQLite and
 * Postgres, readable in a shell); JSON columns are text; booleans are 0/1 integers.
 */

export type RunStatus = "planned" | "running" | "completed" | "partial" | "failed";
export type ItemStatus = "pending" | "answered" | "failed" | "skipped";

export interface RunsTable {
  /** Idempotent key: `schedule@slot` for scheduled runs, `manual@<ISO time>` otherwise. */
  id: string;
  query_file: string;
  /** SHA-256 of the resolved query file, to tell edits apart. */
  config_hash: string;
  /** The slot (ISO time) the run belongs to. */
  slot: string;
  status: RunStatus;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  /** Process holding the run; others may not execute it before `lease_expires_at`. */
  lease_owner: string | null;
  lease_expires_at: string | null;
  max_cost_usd: number | null;
  /** JSON summary written when the run ends. */
  summary_json: string | null;
}

export interface WorkItemsTable {
  /** Idempotent key: `run/question/engine/sample`. */
  id: string;
  run_id: string;
  question_id: string;
  question_version: string;
  question_text: string;
  stage: string;
  locale: string;
  engine_id: string;
  provider: string;
  model: string;
  sample: number;
  status: ItemStatus;
  attempts: number;
  last_error_kind: string | null;
  last_error: string | null;
  /** Not before this time (a long retry-after defers the item instead of sleeping). */
  next_attempt_at: string | null;
  answer_id: number | null;
  updated_at: string;
}

export interface AnswersTable {
  id: Generated<number>;
  item_id: string;
  run_id: string;
  question_id: string;
  question_version: string;
  engine_id: string;
  provider: string;
  requested_model: string;
  served_model: string | null;
  surface: string;
  text: string;
  preamble: string | null;
  /** Raw response body exactly as received: `parse(raw)` re-creates the answer. */
  raw_json: string;
  citations_json: string;
  retrieved_json: string;
  search_queries_json: string;
  warnings_json: string;
  input_tokens: number;
  output_tokens: number;
  searches: number;
  cost_usd: number | null;
  latency_ms: number;
  asked_at: string;
}

/** A failed attempt of an item, kept as data (spec §7): excluded from n, never "not mentioned". */
export interface AttemptsTable {
  id: Generated<number>;
  item_id: string;
  run_id: string;
  engine_id: string;
  kind: string;
  message: string;
  http_status: number | null;
  created_at: string;
}

export interface AnalysesTable {
  id: Generated<number>;
  answer_id: number;
  analysis_version: number;
  /** Hash of the tracked brands the analysis used; a change of brands is a re-analysis. */
  brands_hash: string;
  ranking_json: string;
  created_at: string;
}

export interface MentionsTable {
  analysis_id: number;
  brand: string;
  count: number;
  first_offset: number;
  rank: number;
  list_position: number | null;
  position_weight: number;
  evidence_json: string;
  /** Normalised PAWC word share of the brand in the answer (spec §6). */
  word_share: Generated<number>;
}

export interface CitationsTable {
  analysis_id: number;
  position: number;
  url: string;
  domain: string;
  owner: string | null;
  category: string;
  source: string;
  title: string | null;
  /** 1 for sources retrieved but not cited (never counted as citations). */
  retrieved: number;
}

export interface DeliveriesTable {
  id: Generated<number>;
  /** Idempotent key, e.g. `report:<query file>:<period>:<recipient list hash>`. */
  key: string;
  kind: string;
  period: string;
  recipients_json: string;
  status: "pending" | "sent" | "failed";
  attempts: number;
  message_id: string | null;
  error: string | null;
  created_at: string;
  sent_at: string | null;
}

/** A daemon schedule, `<query file id>:run` or `<query file id>:report` (migration 0003). */
export interface SchedulesTable {
  id: string;
  query_file: string;
  kind: "run" | "report";
  /** Latest slot (ISO) whose run or report finished. */
  last_completed_slot: string | null;
  /** Latest slot (ISO) a run or report was started for. */
  last_attempted_slot: string | null;
  /** Daemon delivering a report slot, until `claim_expires_at` (runs use the run's lease). */
  claim_owner: string | null;
  claim_expires_at: string | null;
  /** When the daemon first tracked the schedule: older slots are not its history. */
  created_at: string;
  updated_at: string;
}

/** A slot that passed its deadline without a run or report; unique per schedule and slot. */
export interface MissedSlotsTable {
  schedule: string;
  slot: string;
  recorded_at: string;
}

export interface Database {
  runs: RunsTable;
  work_items: WorkItemsTable;
  answers: AnswersTable;
  attempts: AttemptsTable;
  analyses: AnalysesTable;
  mentions: MentionsTable;
  citations: CitationsTable;
  deliveries: DeliveriesTable;
  schedules: SchedulesTable;
  missed_slots: MissedSlotsTable;
}

export type Run = Selectable<RunsTable>;
export type WorkItem = Selectable<WorkItemsTable>;
export type NewWorkItem = Insertable<WorkItemsTable>;
export type Answer = Selectable<AnswersTable>;
export type NewAnswer = Insertable<AnswersTable>;
export type Delivery = Selectable<DeliveriesTable>;
export type ScheduleRow = Selectable<SchedulesTable>;
