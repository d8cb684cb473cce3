import type { ModelInfo } from "../pricing.ts";

/**
 * OpenAI models Sightline knows, with prices (USD per 1M tokens) and the web search fee per call.
 *
 * Web search: the `web_search` tool costs $10 per 1,000 calls for every model, with the search
 * content tokens billed as input at the model's rate (they arrive inside `usage.input_tokens`).
 * gpt-4o-mini and gpt-4.1-mini instead bill a fixed block of 8,000 input tokens per call, which is
 * folded into their `searchUsd` because it is not visible in `usage`.
 */

/** A price row plus what the request builder needs to know about the model. */
export interface OpenAIModelInfo extends ModelInfo {
  /** Reasoning model: accepts `reasoning.effort` (non-reasoning models reject it with HTTP 400). */
  reasoning: boolean;
}

const CHECKED = "2026-11-25";
const SEARCH_FEE = 0.01;
const SEARCH_SOURCE =
  "web search $10/1k calls (OpenAI API pricing page, web_search tool, as quoted by OpenAI staff on community.openai.com and modelcostwatch.com, checked 2026-03-12)";
const RETIREMENT = "shutdown and replacement per the fixtures README (OpenAI deprecations, November 2026)";

export const openaiModels: readonly OpenAIModelInfo[] = [
  {
    model: "gpt-6-luna",
    reasoning: true,
    inputPerM: 0.1,
    // Not published in our sources: assumed 1/10 of input, as for the gpt-5 family.
    cachedInputPerM: 0.01,
    outputPerM: 0.5,
    searchUsd: SEARCH_FEE,
    source: `in/out per the fixtures README (OpenAI, November 2026); cached input price unknown, assumed 10% of input; ${SEARCH_SOURCE}`,
    checked: CHECKED,
  },
  {
    model: "gpt-5-mini",
    reasoning: true,
    inputPerM: 0.25,
    cachedInputPerM: 0.025,
    outputPerM: 2,
    searchUsd: SEARCH_FEE,
    shutdown: "2026-12-11",
    replacement: "gpt-6-luna",
    source: `OpenAI API pricing page (gpt-5-mini row); ${SEARCH_SOURCE}; ${RETIREMENT}`,
    checked: CHECKED,
  },
  {
    model: "gpt-4o",
    reasoning: false,
    inputPerM: 2.5,
    cachedInputPerM: 1.25,
    outputPerM: 10,
    searchUsd: SEARCH_FEE,
    shutdown: "2027-01-14",
    replacement: "gpt-6-luna",
    source: `OpenAI API pricing page (gpt-4o row); ${SEARCH_SOURCE}; ${RETIREMENT}`,
    checked: CHECKED,
  },
  {
    model: "gpt-4o-mini",
    reasoning: false,
    inputPerM: 0.15,
    cachedInputPerM: 0.075,
    outputPerM: 0.6,
    // $0.01 per call + a fixed 8,000-token input block at $0.15/1M.
    searchUsd: 0.0112,
    shutdown: "2027-01-14",
    replacement: "gpt-6-luna",
    source: `OpenAI API pricing page (gpt-4o-mini row; web search bills a fixed 8,000 input tokens per call); ${SEARCH_SOURCE}; ${RETIREMENT}`,
    checked: CHECKED,
  },
  {
    model: "gpt-4.1",
    reasoning: false,
    inputPerM: 2,
    cachedInputPerM: 0.5,
    outputPerM: 8,
    searchUsd: SEARCH_FEE,
    shutdown: "2027-01-14",
    replacement: "gpt-6-luna",
    source: `OpenAI API pricing page (gpt-4.1 row); ${SEARCH_SOURCE}; ${RETIREMENT}`,
    checked: CHECKED,
  },
  {
    model: "gpt-4.1-mini",
    reasoning: false,
    inputPerM: 0.4,
    cachedInputPerM: 0.1,
    outputPerM: 1.6,
    // $0.01 per call + a fixed 8,000-token input block at $0.40/1M.
    searchUsd: 0.0132,
    shutdown: "2027-01-14",
    replacement: "gpt-6-luna",
    source: `OpenAI API pricing page (gpt-4.1-mini row; web search bills a fixed 8,000 input tokens per call); ${SEARCH_SOURCE}; ${RETIREMENT}`,
    checked: CHECKED,
  },
];
