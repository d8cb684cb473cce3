import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { analyzeAnswerWithBrands } from "../../src/analysis/analyze.ts";
import type { AnalysisResult } from "../../src/analysis/types.ts";
import type { DeterminismInput } from "./determinism-inputs.ts";

/** Where the recorded analyses of the differential check live, and how one is recorded. */

export const DETERMINISM_FIXTURE = fileURLToPath(
  new URL("../fixtures/analysis/determinism.json", import.meta.url),
);

/**
 * The recorded analyses: a SHA-256 of every result's JSON, whole results for the corpus cases, and
 * a SHA-256 of every input, so a changed input (a new benchmark generator) is told apart from a
 * changed analysis.
 */
export interface DeterminismFixture {
  inputs: Record<string, string>;
  hashes: Record<string, string>;
  full: Record<string, AnalysisResult>;
}

/** What an input is: the brands, the answer and its sources, the category overrides. */
export function inputHash(entry: DeterminismInput): string {
  return sha256(JSON.stringify([entry.brands, entry.input, entry.categories ?? null]));
}

/** The result of one input as JSON (key order included: the comparison is byte for byte). */
export function analyse(entry: DeterminismInput): string {
  const options = entry.categories === undefined ? {} : { categories: entry.categories };
  return JSON.stringify(analyzeAnswerWithBrands(entry.input, entry.brands, options));
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
