import { createHash } from "node:crypto";
import type { EngineConfig, QueryFile } from "../config/query-file.ts";
import type { ModelInfo } from "../providers/pricing.ts";
import { computeCostUsd } from "../providers/pricing.ts";
import { emptyUsage } from "../providers/types.ts";
import type { NewWorkItem } from "../storage/tables.ts";

/**
 * Planning a run is a pure function of the query file, the run's id and the time: the work items
 * (question × engine × sample) with idempotent keys, and what they are expected to cost.
 */

/** Typical size of one answer, used only for estimates (a buyer question, a ~600-word answer). */
export const TYPICAL_ANSWER = { inputTokens: 60, outputTokens: 900, reasoningTokens: 300 } as const;

export interface EngineEstimate {
  engine: string;
  model: string;
  calls: number;
  /** Expected USD per call; null when the model is not in the price table. */
  perCallUsd: number | null;
  totalUsd: number | null;
}

export interface RunPlan {
  runId: string;
  items: NewWorkItem[];
  estimates: EngineEstimate[];
  /** Sum over engines with a known price. */
  totalUsd: number;
  /** Engines whose price is unknown (their cost is left out of the total). */
  unpriced: string[];
}

/** SHA-256 of what determines the run's work: brands, engines, questions (12 hex digits). */
export function configHash(file: QueryFile): string {
  const essence = {
    brands: file.brands,
    engines: file.engines,
    questions: file.questions.map((q) => [q.id, q.version]),
  };
  return createHash("sha256").update(JSON.stringify(essence)).digest("hex").slice(0, 12);
}

/** Run id of a manual run at `nowMs`: `manual@2026-11-23T06:00Z` (minute resolution). */
export function manualRunId(nowMs: number): string {
  return `manual@${new Date(nowMs).toISOString().slice(0, 16)}Z`;
}

/** Estimated cost of one call to an engine; web-search engines are assumed to search once. */
export function estimateCallUsd(
  engine: EngineConfig,
  info: ModelInfo | undefined,
  searchesPerCall: number,
): number | null {
  if (!info) return null;
  return computeCostUsd(
    {
      ...emptyUsage(),
      inputTokens: TYPICAL_ANSWER.inputTokens,
      outputTokens: TYPICAL_ANSWER.outputTokens + TYPICAL_ANSWER.reasoningTokens,
      reasoningTokens: TYPICAL_ANSWER.reasoningTokens,
      searches: engine.webSearch ? searchesPerCall : 0,
    },
    info,
  );
}

export interface PlanInput {
  file: QueryFile;
  runId: string;
  nowIso: string;
  /** Price row per engine id (undefined: unknown model). */
  priceOf: (engine: EngineConfig) => ModelInfo | undefined;
}

export function planRun({ file, runId, nowIso, priceOf }: PlanInput): RunPlan {
  const items: NewWorkItem[] = [];
  for (const question of file.questions) {
    for (const engine of file.engines) {
      for (let sample = 1; sample <= engine.samples; sample++) {
        items.push({
          id: `${runId}/${question.id}/${engine.id}/${sample}`,
          run_id: runId,
          question_id: question.id,
          question_version: question.version,
          question_text: question.text,
          stage: question.stage,
          locale: question.locale,
          engine_id: engine.id,
          provider: engine.provider,
          model: engine.model,
          sample,
          status: "pending",
          attempts: 0,
          last_error_kind: null,
          last_error: null,
          next_attempt_at: null,
          answer_id: null,
          updated_at: nowIso,
        });
      }
    }
  }
  const estimates = file.engines.map((engine) => {
    const calls = file.questions.length * engine.samples;
    const perCallUsd = estimateCallUsd(engine, priceOf(engine), 1);
    return {
      engine: engine.id,
      model: engine.model,
      calls,
      perCallUsd,
      totalUsd: perCallUsd === null ? null : round(perCallUsd * calls),
    };
  });
  return {
    runId,
    items,
    estimates,
    totalUsd: round(estimates.reduce((sum, e) => sum + (e.totalUsd ?? 0), 0)),
    unpriced: estimates.filter((e) => e.totalUsd === null).map((e) => e.engine),
  };
}

function round(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
