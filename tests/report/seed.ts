import type { Kysely } from "kysely";
import type { AnalysisResult, Citation, Mention } from "../../src/analysis/types.ts";
import { type AskResult, emptyUsage } from "../../src/providers/types.ts";
import { recordAnswer } from "../../src/storage/answers-repo.ts";
import { recordFailure } from "../../src/storage/items-repo.ts";
import { ensureRun } from "../../src/storage/runs-repo.ts";
import type { Database, NewWorkItem } from "../../src/storage/tables.ts";

/** Seeds answers through the real write path (`recordAnswer`, `recordFailure`) for report tests. */

export interface SeedAnswer {
  run: string;
  question: string;
  version?: string;
  stage: string;
  engine: string;
  sample: number;
  at: string;
  text: string;
  /** [brand, rank, wordShare]; offsets are found in `text`. */
  mentions?: [string, number, number][];
  citations?: { url: string; domain: string; owner: string | null; category: Citation["category"] }[];
  retrieved?: string[];
  servedModel?: string;
  surface?: AskResult["surface"];
  /** Store the answer without an analysis (analysis failed). */
  noAnalysis?: boolean;
}

export function item(a: {
  run: string;
  question: string;
  version?: string;
  stage: string;
  engine: string;
  sample: number;
  at: string;
}): NewWorkItem {
  return {
    id: `${a.run}/${a.question}/${a.engine}/${a.sample}`,
    run_id: a.run,
    question_id: a.question,
    question_version: a.version ?? `${a.question}-v1`,
    question_text: `What about ${a.question}?`,
    stage: a.stage,
    locale: "nb-NO",
    engine_id: a.engine,
    provider: a.engine.split(":")[0] ?? a.engine,
    model: "m",
    sample: a.sample,
    status: "pending",
    attempts: 0,
    last_error_kind: null,
    last_error: null,
    next_attempt_at: null,
    answer_id: null,
    updated_at: a.at,
  };
}

export async function seedRun(
  db: Kysely<Database>,
  run: string,
  queryFile: string,
  at: string,
  items: NewWorkItem[],
) {
  await ensureRun(db, { id: run, queryFile, configHash: "h", slot: at, maxCostUsd: null, now: at }, items);
}

export function analysisOf(a: SeedAnswer): AnalysisResult {
  const mentions: Mention[] = (a.mentions ?? []).map(([brand, rank]) => {
    const offset = a.text.indexOf(brand);
    return {
      brand,
      count: 1,
      firstOffset: offset,
      rank,
      listPosition: null,
      positionWeight: 0.9 ** (rank - 1),
      evidence: [{ offset, length: brand.length, sentence: a.text }],
    };
  });
  return {
    mentions,
    ranking: [...mentions].sort((x, y) => x.rank - y.rank).map((m) => m.brand),
    citations: (a.citations ?? []).map((c) => ({ ...c, source: "native" as const })),
    retrieved: (a.retrieved ?? []).map((url) => ({
      url,
      domain: new URL(url).hostname,
      owner: null,
      category: "other" as const,
      source: "native" as const,
    })),
  };
}

export async function seedAnswer(db: Kysely<Database>, a: SeedAnswer): Promise<number> {
  const ask: AskResult = {
    text: a.text,
    citations: [],
    retrieved: [],
    searchQueries: [],
    servedModel: a.servedModel ?? "model-1",
    usage: emptyUsage(),
    reportedCostUsd: null,
    warnings: [],
    raw: {},
    requestedModel: "model",
    costUsd: 0.01,
    latencyMs: 100,
    surface: a.surface ?? "api+web-search",
  };
  const wordShares = Object.fromEntries((a.mentions ?? []).map(([brand, , share]) => [brand, share]));
  const id = await recordAnswer(
    db,
    {
      id: item(a).id,
      run_id: a.run,
      question_id: a.question,
      question_version: a.version ?? `${a.question}-v1`,
      engine_id: a.engine,
      provider: "p",
    },
    ask,
    a.noAnalysis ? null : { version: 1, brandsHash: "b", result: analysisOf(a), wordShares },
    a.at,
  );
  if (id === null) throw new Error("seed: answered twice");
  return id;
}

export async function seedFailure(
  db: Kysely<Database>,
  a: { run: string; question: string; engine: string; sample: number; at: string },
) {
  await recordFailure(
    db,
    { id: `${a.run}/${a.question}/${a.engine}/${a.sample}`, run_id: a.run, engine_id: a.engine },
    { kind: "timeout", message: "timed out", httpStatus: null },
    a.at,
  );
}
