import type { AnalysisResult } from "../../src/analysis/types.ts";
import { type AskResult, emptyUsage } from "../../src/providers/types.ts";
import type { NewWorkItem } from "../../src/storage/tables.ts";

/** Small, realistic rows for storage tests. */
export function itemsFor(runId: string, count: number, now: string): NewWorkItem[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${runId}/q${i}/openai:gpt-6-luna+web/1`,
    run_id: runId,
    question_id: `q${i}`,
    question_version: "abcdef012345",
    question_text: `Question ${i}?`,
    stage: "awareness",
    locale: "nb-NO",
    engine_id: "openai:gpt-6-luna+web",
    provider: "openai",
    model: "gpt-6-luna",
    sample: 1,
    status: "pending",
    attempts: 0,
    last_error_kind: null,
    last_error: null,
    next_attempt_at: null,
    answer_id: null,
    updated_at: now,
  }));
}

export function askResult(text: string): AskResult {
  return {
    text,
    citations: [{ url: "https://fiken.no/priser", title: "Priser" }],
    retrieved: [],
    searchQueries: ["beste regnskapsprogram"],
    servedModel: "gpt-6-luna-2026-10-01",
    usage: { ...emptyUsage(), inputTokens: 20, outputTokens: 300, searches: 1 },
    reportedCostUsd: null,
    warnings: [],
    raw: { id: "resp_1", output: [] },
    requestedModel: "gpt-6-luna",
    costUsd: 0.0102,
    latencyMs: 1234,
    surface: "api+web-search",
  };
}

export const analysis: AnalysisResult = {
  mentions: [
    {
      brand: "Fiken",
      count: 2,
      firstOffset: 3,
      rank: 1,
      listPosition: 1,
      positionWeight: 1,
      evidence: [{ offset: 3, length: 5, sentence: "1. Fiken is simple." }],
    },
  ],
  ranking: ["Fiken"],
  citations: [
    {
      url: "https://fiken.no/priser",
      domain: "fiken.no",
      owner: "Fiken",
      category: "owned",
      source: "native",
    },
  ],
  retrieved: [],
};
