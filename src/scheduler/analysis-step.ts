import { createHash } from "node:crypto";
import { analyzeAnswer } from "../analysis/analyze.ts";
import { type CompiledBrands, compileBrands } from "../analysis/matcher.ts";
import { ANALYSIS_VERSION } from "../analysis/types.ts";
import { wordShares } from "../analysis/word-share.ts";
import type { QueryFile } from "../config/query-file.ts";
import type { AskResult } from "../providers/types.ts";
import type { AnalysisRecord } from "../storage/answers-repo.ts";

/** Hash of the tracked brands and categories an analysis used (a change means re-analysis). */
export function brandsHash(file: Pick<QueryFile, "brands" | "categories">): string {
  return createHash("sha256")
    .update(JSON.stringify([file.brands, file.categories]))
    .digest("hex")
    .slice(0, 12);
}

/** The analysis rows stored with an answer: mentions, ranking, citations and word shares. */
export function analysisRecord(
  answer: Pick<AskResult, "text" | "citations" | "retrieved">,
  compiled: CompiledBrands,
  file: Pick<QueryFile, "categories">,
  hash: string,
): AnalysisRecord {
  const result = analyzeAnswer(
    { text: answer.text, citations: answer.citations, retrieved: answer.retrieved },
    compiled,
    { categories: file.categories },
  );
  return {
    version: ANALYSIS_VERSION,
    brandsHash: hash,
    result,
    wordShares: wordShares(answer.text, result.mentions),
  };
}

/**
 * Builds the run's analysis function: the brand matcher is compiled once per run, and each fresh
 * answer is analysed as it is stored. A failing analysis returns null and reports it; the paid
 * answer is still kept.
 */
export function analysisStep(
  file: QueryFile,
  onError: (error: unknown) => void,
): (answer: AskResult) => AnalysisRecord | null {
  const compiled = compileBrands(file.brands);
  const hash = brandsHash(file);
  return (answer) => {
    try {
      return analysisRecord(answer, compiled, file, hash);
    } catch (error) {
      onError(error);
      return null;
    }
  };
}
