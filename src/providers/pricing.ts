import type { Usage } from "./types.ts";

/**
 * Prices and lifecycle of one model. Each provider folder exports its own table (`models.ts`);
 * the registry collects them. Prices are USD per 1M tokens; `searchUsd` is per billed search.
 */
export interface ModelInfo {
  model: string;
  inputPerM: number;
  cachedInputPerM: number;
  outputPerM: number;
  /** Fee per web search (search fees dominate the cost of an answer). */
  searchUsd: number;
  /** Announced shutdown date (YYYY-MM-DD), when there is one. */
  shutdown?: string;
  /** What the provider names as the replacement. */
  replacement?: string;
  /** Where the facts came from (pricing page, deprecation page). */
  source: string;
  /** Date the row was checked (YYYY-MM-DD). */
  checked: string;
}

/** Cost of one answer from our table; a provider-reported cost wins over this (see `finalCost`). */
export function computeCostUsd(usage: Usage, info: ModelInfo): number {
  const uncached = Math.max(0, usage.inputTokens - usage.cachedInputTokens);
  const tokens =
    (uncached * info.inputPerM +
      usage.cachedInputTokens * info.cachedInputPerM +
      usage.outputTokens * info.outputPerM) /
    1_000_000;
  return round6(tokens + usage.searches * info.searchUsd);
}

/** Reported cost when the provider gave one, else our computation, else null (unknown model). */
export function finalCost(reported: number | null, usage: Usage, info: ModelInfo | undefined): number | null {
  if (reported !== null && Number.isFinite(reported)) return round6(reported);
  return info ? computeCostUsd(usage, info) : null;
}

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
