import { z } from "zod";

/**
 * The fields of OpenAI-compatible bodies that the parsers read: Chat Completions bodies (OpenAI
 * search models, OpenRouter, Ollama, Mistral, DeepSeek) and the usage extras gateways add to
 * both API styles. Loose everywhere, only the fields read.
 */

const count = z.number().int().nonnegative();

/** A `url_citation`, nested (`url_citation: {…}`, the OpenAI shape) or flat (some gateways). */
const citationFields = {
  url: z.string(),
  title: z.string().nullish(),
  /** Code points into `message.content`; OpenRouter sends 0/0 meaning "no position". */
  start_index: count.nullish(),
  end_index: count.nullish(),
};
export const chatAnnotationSchema = z.looseObject({
  type: z.string(),
  url_citation: z.looseObject(citationFields).nullish(),
  url: z.string().nullish(),
  title: z.string().nullish(),
  start_index: count.nullish(),
  end_index: count.nullish(),
});

export const chatChoiceSchema = z.looseObject({
  /** `stop | length | content_filter | tool_calls`; gateways add their own values. */
  finish_reason: z.string().nullish(),
  message: z.looseObject({
    content: z.string().nullish(),
    refusal: z.string().nullish(),
    annotations: z.array(chatAnnotationSchema).nullish(),
  }),
});

/**
 * Usage as gateways extend it. Token fields are the Chat Completions names; the extras are read
 * for both API styles.
 */
export const gatewayUsageSchema = z.looseObject({
  prompt_tokens: count.nullish(),
  completion_tokens: count.nullish(),
  prompt_tokens_details: z.looseObject({ cached_tokens: count.nullish() }).nullish(),
  completion_tokens_details: z.looseObject({ reasoning_tokens: count.nullish() }).nullish(),
  /** OpenRouter: what the call cost, in USD (credits are dollars). */
  cost: z.number().nonnegative().nullish(),
  /** xAI: what the call cost, in 1e-10 USD. */
  cost_in_usd_ticks: z.number().nonnegative().nullish(),
  /** OpenRouter: searches by its server tools (and some native ones). */
  server_tool_use_details: z.looseObject({ web_search_requests: count.nullish() }).nullish(),
  server_tool_use: z.looseObject({ web_search_requests: count.nullish() }).nullish(),
  /** xAI: calls per server-side tool. */
  server_side_tool_usage_details: z.looseObject({ web_search_calls: count.nullish() }).nullish(),
});
export type GatewayUsage = z.infer<typeof gatewayUsageSchema>;

const USD_PER_XAI_TICK = 1e-10;

/** The cost the endpoint reported for the call, in USD, or null: OpenRouter `cost`, xAI ticks. */
export function reportedCostOf(usage: GatewayUsage | null | undefined): number | null {
  if (typeof usage?.cost === "number") return usage.cost;
  if (typeof usage?.cost_in_usd_ticks === "number") return usage.cost_in_usd_ticks * USD_PER_XAI_TICK;
  return null;
}

/**
 * Searches the endpoint says it ran, or undefined when it says nothing. OpenRouter documents
 * `web_search_requests` under both `server_tool_use_details` and `server_tool_use` (not to be
 * summed); xAI counts `web_search_calls`.
 */
export function reportedSearchesOf(usage: GatewayUsage | null | undefined): number | undefined {
  return (
    usage?.server_tool_use_details?.web_search_requests ??
    usage?.server_tool_use?.web_search_requests ??
    usage?.server_side_tool_usage_details?.web_search_calls ??
    undefined
  );
}

export const chatBodySchema = z.looseObject({
  choices: z.array(chatChoiceSchema).min(1),
  model: z.string().nullish(),
  usage: gatewayUsageSchema.nullish(),
});
export type ChatBody = z.infer<typeof chatBodySchema>;

/** OpenRouter's failure inside HTTP 200: `{ error: { code, message } }` and no `choices`. */
export const errorBodySchema = z.looseObject({
  error: z.looseObject({
    code: z.union([z.number(), z.string()]).nullish(),
    message: z.string().nullish(),
  }),
});
