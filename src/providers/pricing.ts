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

/**
 * The price row of `model`: an exact id, else the row the id is a dated or numbered snapshot of
 * (`gpt-4.1-2025-04-14` → `gpt-4.1`, never `gpt-4.1-mini`; `gemini-2.5-flash-001`), with a
 * `models/` prefix (Gemini's resource names) ignored.
 */
export function findModel<T extends ModelInfo>(
  rows: readonly T[],
  model: string | null | undefined,
): T | undefined {
  if (!model) return undefined;
  const id = model.replace(/^models\//, "");
  const exact = rows.find((r) => r.model === id);
  if (exact) return exact;
  let best: T | undefined;
  for (const r of rows) {
    if (id.startsWith(`${r.model}-`) && /^\d/.test(id.slice(r.model.length + 1))) {
      if (!best || r.model.length > best.model.length) best = r;
    }
  }
  return best;
}
