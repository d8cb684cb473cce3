import type { ModelInfo } from "../pricing.ts";

/**
 * Gemini models Sightline knows: USD per 1M tokens, `searchUsd` per billed search unit.
 *
 * Google Search grounding is billed in two different units (see `searchBillingUnit`): Gemini 3 and
 * later bill every search query the model runs ($14 per 1,000 queries), Gemini 2.x bills once per
 * grounded prompt however many queries it ran ($35 per 1,000 prompts). Free allowances (5,000
 * queries a month for Gemini 3, 1,500 grounded prompts a day for 2.5 Flash) are ignored: they are
 * per project, and we would rather over- than under-state cost.
 */

const pricingTranscript =
  "ai.google.dev/gemini-api/docs/pricing as transcribed on 2026-10-07 (api-evangelist/deepmind plans/deepmind-plans-pricing.yml)";

export const geminiModels: readonly ModelInfo[] = [
  {
    model: "gemini-3.5-flash-lite",
    inputPerM: 0.3,
    cachedInputPerM: 0.03,
    outputPerM: 2.5,
    searchUsd: 0.014,
    source: `${pricingTranscript}: $0.30 in, $2.50 out (thinking included); grounding $14 per 1,000 search queries for Gemini 3 models. Cached-input price not found: 10% of input assumed, as for other Gemini models`,
    checked: "2026-11-25",
  },
  {
    model: "gemini-3.5-flash",
    inputPerM: 1.5,
    cachedInputPerM: 0.15,
    outputPerM: 9,
    searchUsd: 0.014,
    source: `${pricingTranscript}: $1.50 in, $9.00 out; grounding $14 per 1,000 search queries for Gemini 3 models. Cached-input price not found: 10% of input assumed`,
    checked: "2026-11-25",
  },
  {
    model: "gemini-2.5-flash",
    inputPerM: 0.3,
    cachedInputPerM: 0.03,
    outputPerM: 2.5,
    searchUsd: 0.035,
    shutdown: "2026-12-01",
    replacement: "gemini-3.5-flash-lite",
    source: `${pricingTranscript}: $0.30 in; $2.50 out and $0.03 cached from the Gemini 2.5 Flash GA price list (not in the 2026 transcript); grounding $35 per 1,000 grounded prompts. Shutdown 2026-12-01, then served by gemini-3.5-flash-lite (Sightline fixtures README, Nov 2026)`,
    checked: "2026-11-25",
  },
];

/** How grounding is billed: per search `query` (Gemini 3+) or once per grounded `prompt` (Gemini 1.x/2.x). */
export type SearchBillingUnit = "query" | "prompt";

/** `models/gemini-2.5-flash-001` → `gemini-2.5-flash-001`: the API answers with either form. */
function bareModelId(model: string): string {
  return model.trim().replace(/^models\//, "");
}

/** The billing unit of grounding for a model id (served or requested); unknown families bill per query. */
export function searchBillingUnit(model: string): SearchBillingUnit {
  return /^gemini-[12]\./.test(bareModelId(model)) ? "prompt" : "query";
}
