import type { TrackedBrand } from "../core/brands.ts";
import { buildCitations, buildRetrieved } from "./citations.ts";
import { readMarkdown } from "./markdown.ts";
import { type CompiledBrands, compileBrands } from "./matcher.ts";
import { findMentions } from "./mentions.ts";
import { rankMentions } from "./rank.ts";
import type { AnalysisResult, AnswerInput, CategoryOverrides } from "./types.ts";

/**
 * The analysis of one answer (spec §2–4): mentions, rank, list position and citations. A pure
 * function of the stored answer and the brand set; `ANALYSIS_VERSION` is stored with its result.
 */

/** Options of `analyzeAnswer`. */
export interface AnalyzeOptions {
  /** Query-file extensions of the built-in third-party domain table (spec §4). */
  categories?: CategoryOverrides;
}

/**
 * Analyses one answer against a compiled brand set (compile once per brand set with `compileBrands`
 * and reuse it: compiling costs far more than analysing an answer). Mentions are ordered by first
 * mention, like `ranking`.
 */
export function analyzeAnswer(
  input: AnswerInput,
  compiled: CompiledBrands,
  options: AnalyzeOptions = {},
): AnalysisResult {
  const doc = readMarkdown(input.text, compiled.isAlias);
  const { mentions, ranking } = rankMentions(findMentions(doc, compiled), compiled.names, doc.items);
  const citations = buildCitations(input.citations, doc.links, compiled.brands, options.categories);
  const retrieved = buildRetrieved(input.retrieved ?? [], compiled.brands, options.categories, citations);
  return { mentions, ranking, citations, retrieved };
}

const compiledSets = new WeakMap<readonly TrackedBrand[], CompiledBrands>();

/**
 * Convenience form taking the brand list itself; the compiled form is cached per brand array
 * (by identity), so pass the same array for every answer of a run.
 */
export function analyzeAnswerWithBrands(
  input: AnswerInput,
  brands: readonly TrackedBrand[],
  options: AnalyzeOptions = {},
): AnalysisResult {
  let compiled = compiledSets.get(brands);
  if (compiled === undefined) {
    compiled = compileBrands(brands);
    compiledSets.set(brands, compiled);
  }
  return analyzeAnswer(input, compiled, options);
}
