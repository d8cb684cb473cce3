import type { ModelInfo } from "../pricing.ts";

/**
 * Prices Sightline falls back on when a body carries no `usage.cost.total_cost` (the reported
 * cost always wins). Token prices are USD per 1M tokens, `searchUsd` is per billed search.
 *
 * Search fee: Perplexity's pricing page lists `web_search` at $0.0025 per invocation and "Fast
 * Search" at $0.001 (as transcribed on 2026-10-07 by api-evangelist/perplexity
 * `plans/perplexity-plans-pricing.yml`, which quotes docs.perplexity.ai/docs/getting-started/pricing;
 * earlier copies of that page said $0.005). The vercel/ai recording of 2026-09-25 (`fast` preset)
 * billed `search_web` $0.001, which is the Fast Search rate. We use the standard $0.0025.
 */

const CHECKED = "2026-11-25";

const SEARCH_SOURCE =
  "web_search $0.0025/invocation: docs.perplexity.ai/docs/getting-started/pricing (as transcribed 2026-10-07; Fast Search $0.001, older copies $0.005)";

export const perplexityModels: readonly ModelInfo[] = [
  {
    model: "perplexity/sonar",
    inputPerM: 0.25,
    cachedInputPerM: 0.0625,
    outputPerM: 2.5,
    searchUsd: 0.0025,
    source: `tokens: docs.perplexity.ai/docs/agent-api/models (perplexity/sonar 0.25 in / 2.50 out / 0.0625 cache); ${SEARCH_SOURCE}`,
    checked: CHECKED,
  },
  {
    // Presets answer with it (a real body says `model: "openai/gpt-6-luna"`); the Agent API
    // charges "direct first-party provider pricing with no markup" (agent-api/models).
    model: "openai/gpt-6-luna",
    inputPerM: 0.1,
    cachedInputPerM: 0.01,
    outputPerM: 0.5,
    searchUsd: 0.0025,
    source: `tokens: OpenAI's gpt-6-luna price ($0.10 in / $0.50 out, fixtures README; vercel.com/ai-gateway/models/openai/gpt-6-luna), cached $0.01 from inference.sh's listing, not confirmed on Perplexity's models page; ${SEARCH_SOURCE}`,
    checked: CHECKED,
  },
  {
    // The pre-Agent Sonar id, still what gateways report; here so stored and gateway answers
    // get a price and the runner sees the retirement.
    model: "sonar",
    inputPerM: 1,
    cachedInputPerM: 1,
    outputPerM: 1,
    searchUsd: 0.005,
    shutdown: "2026-09-27",
    replacement: "perplexity/sonar",
    source:
      "docs.perplexity.ai/getting-started/pricing (Sonar $1 in / $1 out per 1M, no cache rate; request fee $5 per 1K requests at low search context, counted as one search per request); Sonar Chat Completions retired 2026-09-27 (fixtures README)",
    checked: CHECKED,
  },
];
