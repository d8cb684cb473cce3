import { z } from "zod";

/**
 * The fields Sightline reads from Perplexity bodies, and nothing else. Loose objects throughout:
 * Perplexity adds fields often, and a new field must never turn a good answer into a failure.
 */

/** Perplexity sends error codes as strings in some places and as HTTP numbers in others. */
const code = z.union([z.string(), z.number()]).nullish();

/** One entry of an Agent API `search_results` item; `id` is what the `[n]` markers name. */
export const agentSearchResult = z.looseObject({
  // Numbers in every body seen; a numeric string would name the same marker.
  id: z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]).nullish(),
  url: z.string(),
  title: z.string().nullish(),
});

export const agentSearchResultsItem = z.looseObject({
  type: z.literal("search_results"),
  queries: z.array(z.string()).nullish(),
  results: z.array(agentSearchResult),
});

/** Responses-style content part: `output_text` carries the answer, `refusal` a refusal. */
export const agentContentPart = z.looseObject({
  type: z.string(),
  text: z.string().nullish(),
  refusal: z.string().nullish(),
});

export const agentMessageItem = z.looseObject({
  type: z.literal("message"),
  content: z.array(agentContentPart),
});

export const agentUsage = z.looseObject({
  input_tokens: z.number().nullish(),
  output_tokens: z.number().nullish(),
  input_tokens_details: z
    .looseObject({ cached_tokens: z.number().nullish(), cache_read_input_tokens: z.number().nullish() })
    .nullish(),
  output_tokens_details: z.looseObject({ reasoning_tokens: z.number().nullish() }).nullish(),
  /** Perplexity names the web_search tool `search_web` here; `invocation` is the billed search count. */
  tool_calls_details: z
    .looseObject({ search_web: z.looseObject({ invocation: z.number().nullish() }).nullish() })
    .nullish(),
  /** USD unless `currency` says otherwise. */
  cost: z.looseObject({ total_cost: z.number().nullish(), currency: z.string().nullish() }).nullish(),
});

/** Read first, on its own: a failed body may lack the `output` a finished one must have. */
export const agentStatusFields = z.looseObject({
  status: z.string().nullish(),
  error: z.looseObject({ message: z.string().nullish(), code }).nullish(),
  incomplete_details: z.looseObject({ reason: z.string().nullish() }).nullish(),
});

/** Agent API body (`POST /v1/agent`). Output items of other types (reasoning, fetch_url_results ...) pass through. */
export const agentBody = z.looseObject({
  model: z.string().nullish(),
  output: z.array(z.looseObject({ type: z.string() })),
  usage: agentUsage.nullish(),
});

export type AgentBody = z.infer<typeof agentBody>;
export type AgentSearchResult = z.infer<typeof agentSearchResult>;

/** `usage.cost` is an object from Perplexity itself and a plain USD number from OpenRouter. */
const legacyCost = z.union([z.number(), z.looseObject({ total_cost: z.number().nullish() })]).nullish();

/** Legacy Sonar chat-completions body, still returned by gateways for Perplexity models. */
export const legacyBody = z.looseObject({
  model: z.string().nullish(),
  choices: z
    .array(
      z.looseObject({
        message: z.looseObject({ content: z.string().nullish(), refusal: z.string().nullish() }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
  /** URLs in marker order: `[1]` is `citations[0]`. */
  citations: z.array(z.string()).nullish(),
  search_results: z.array(z.looseObject({ url: z.string(), title: z.string().nullish() })).nullish(),
  usage: z
    .looseObject({
      prompt_tokens: z.number().nullish(),
      completion_tokens: z.number().nullish(),
      reasoning_tokens: z.number().nullish(),
      num_search_queries: z.number().nullish(),
      prompt_tokens_details: z.looseObject({ cached_tokens: z.number().nullish() }).nullish(),
      cost: legacyCost,
    })
    .nullish(),
});

export type LegacyBody = z.infer<typeof legacyBody>;
