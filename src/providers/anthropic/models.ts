import type { ModelInfo } from "../pricing.ts";

/**
 * Claude models Sightline knows: USD per 1M tokens and per web search. The web search fee is the
 * published $10 per 1,000 searches (no newer figure found as of the `checked` date); it is billed per
 * search the response reports, failed searches excluded. Cache writes (1.25x input) are not modelled:
 * the provider never sets `cache_control`, so they do not occur.
 */

const checked = "2026-11-25";
const searchUsd = 10 / 1000;
const searchSource = "web search: $10 per 1,000 searches (Claude web search tool docs)";

/**
 * Haiku 5.5 bills by prompt length per request: prompts up to 100,000 tokens pay the rates below,
 * longer prompts (long multi-search answers, continuations) pay 5x on every token of that request.
 * `ModelInfo` has one flat rate, so costs of long-prompt requests are underestimated.
 */
const haiku55: Omit<ModelInfo, "model"> = {
  inputPerM: 0.1,
  cachedInputPerM: 0.01,
  outputPerM: 0.5,
  searchUsd,
  source:
    "platform.claude.com/docs/en/models/haiku-5-5/overview: $0.10 in / $0.50 out / $0.01 cache read for " +
    "prompts up to 100K tokens (over 100K: $0.50 / $2.50 / $0.05, not representable here); " +
    searchSource,
  checked,
};

const haiku45: Omit<ModelInfo, "model"> = {
  inputPerM: 1,
  cachedInputPerM: 0.1,
  outputPerM: 5,
  searchUsd,
  source:
    "Anthropic pricing: $1 in / $5 out / $0.10 cache read; legacy (Haiku 5.5 is current), no " +
    `retirement date in @anthropic-ai/sdk 1.13 deprecated-models data; ${searchSource}`,
  checked,
};

const sonnet55: Omit<ModelInfo, "model"> = {
  inputPerM: 2,
  cachedInputPerM: 0.1,
  outputPerM: 10,
  searchUsd,
  source:
    "platform.claude.com Haiku 5.5 overview comparison table: $2 in / $10 out; cache read cut from " +
    "$0.20 to $0.10 on 2026-10-07 (pricing page as quoted in third-party release notes, not read " +
    `first-hand); ${searchSource}`,
  checked,
};

const sonnet45: Omit<ModelInfo, "model"> = {
  inputPerM: 3,
  cachedInputPerM: 0.3,
  outputPerM: 15,
  searchUsd,
  shutdown: "2026-11-30",
  source:
    "Anthropic pricing: $3 in / $15 out / $0.30 cache read; end-of-life November 30th, 2026 per " +
    `@anthropic-ai/sdk 1.13 deprecated-models data (no replacement named); ${searchSource}`,
  checked,
};

/** Rows per model id; dated ids are listed because the body's `model` names the snapshot that answered. */
export const anthropicModels: readonly ModelInfo[] = [
  { model: "claude-haiku-5-5", ...haiku55 },
  { model: "claude-haiku-4-5", ...haiku45 },
  { model: "claude-haiku-4-5-20251001", ...haiku45 },
  { model: "claude-sonnet-5-5", ...sonnet55 },
  { model: "claude-sonnet-4-5", ...sonnet45 },
  { model: "claude-sonnet-4-5-20250929", ...sonnet45 },
];
