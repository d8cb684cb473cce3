import type { DomainCategory } from "../core/brands.ts";

/**
 * What a report reads from storage: one fact per stored answer (no text), one per failed item.
 * Loaded by `storage/report-repo.ts`, consumed by the pure metrics. Times are ms since the epoch.
 */
export interface MentionFact {
  brand: string;
  rank: number;
  /** 0.9^(rank−1). */
  positionWeight: number;
  listPosition: number | null;
  count: number;
  /** The brand's normalised PAWC word share in this answer (spec §6), 0 when not computed. */
  wordShare: number;
}

export interface CitationFact {
  /** Normalised URL. */
  url: string;
  domain: string;
  owner: string | null;
  category: DomainCategory;
}

export interface AnswerFact {
  answerId: number;
  runId: string;
  askedAt: number;
  engineId: string;
  /** The model the API said answered; a change marks the trend line (spec §1). */
  servedModel: string | null;
  /** `api`, `api+web-search`, `serp` or `replay` (replayed answers are labelled in every report). */
  surface: string;
  questionId: string;
  /** Hash of the question text; a change marks the trend line (spec §1). */
  questionVersion: string;
  questionText: string;
  stage: string;
  /** Tracked brands mentioned, any order. */
  mentions: MentionFact[];
  /** Citations (cited only, never retrieved-only), in answer order. */
  citations: CitationFact[];
  /** What the answer cost in USD, when known (summed into the report's totals). */
  costUsd?: number | null;
}

/** An item that failed for good (spec §7: excluded from n; a cell of only failures is a gap). */
export interface FailureFact {
  runId: string;
  at: number;
  engineId: string;
  questionId: string;
  stage: string;
  kind: string;
}

/** A scheduled slot that passed without a run (issue #7), mentioned in the next report. */
export interface MissedSlotFact {
  schedule: string;
  slot: number;
}
