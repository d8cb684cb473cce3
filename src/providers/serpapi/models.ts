import type { ModelInfo } from "../pricing.ts";

/**
 * One row per SerpApi surface. The "model" of a SERP surface is the surface itself: Google and
 * Microsoft do not say which model wrote an overview, and SerpApi bills per search, not per token.
 *
 * Price: SerpApi's Production plan, $150 a month for 15,000 searches = $0.01 a search (the
 * Developer plan is $75 for 5,000 = $0.015, Big Data $275 for 30,000 ≈ $0.0092). Every engine costs
 * one search per request; cached searches (same parameters within 1 hour) are free, which is why
 * requests send `no_cache=true` by default and every request is counted. Errored searches are not
 * billed (Account API docs) and reach no answer here. The AI Overview `page_token` follow-up is a
 * search of its own (`engine=google_ai_overview`, with its own `search_metadata`); SerpApi's pages
 * do not say it is free, so it is counted as a second search.
 */

const CHECKED = "2026-11-25";
const PLAN =
  "serpapi.com/pricing: Production plan $150/month for 15,000 searches = $0.01/search (used here; " +
  "Developer $75/5,000 = $0.015; Big Data $275/30,000 ≈ $0.0092). Token prices do not apply (0).";

function surfaceRow(model: string, note: string): ModelInfo {
  return {
    model,
    inputPerM: 0,
    cachedInputPerM: 0,
    outputPerM: 0,
    searchUsd: 0.01,
    source: `${PLAN} ${note}`,
    checked: CHECKED,
  };
}

export const googleAiOverviewModels: readonly ModelInfo[] = [
  surfaceRow(
    "google-ai-overview",
    "engine=google is 1 search; a lazy-loaded overview costs a 2nd (engine=google_ai_overview with page_token).",
  ),
];

export const googleAiModeModels: readonly ModelInfo[] = [
  surfaceRow("google-ai-mode", "engine=google_ai_mode is 1 search per question."),
];

export const bingCopilotModels: readonly ModelInfo[] = [
  surfaceRow("bing-copilot", "engine=bing_copilot is 1 search per question."),
];
