import type { ZodType } from "zod";
import type { Clock } from "../core/clock.ts";
import type { ModelInfo } from "./pricing.ts";

/**
 * The provider contract (architecture.md "Contracts"). The core reads `capabilities`, never ids.
 */

/** How the answer was obtained; reports label each surface. */
export type Surface = "api" | "api+web-search" | "serp" | "replay";

/** A source the engine tied to its answer (spec §4 "cited"), or only retrieved. */
export interface SourceRef {
  url: string;
  title?: string;
  /** Start of the cited span in `AskResult.text`, as a JavaScript string index (UTF-16), when known. */
  startIndex?: number;
  /** End (exclusive) of the cited span in `AskResult.text`, UTF-16 index, when known. */
  endIndex?: number;
}

export interface Usage {
  inputTokens: number;
  /** Input tokens served from cache (cheaper), part of `inputTokens`. */
  cachedInputTokens: number;
  outputTokens: number;
  /** Reasoning tokens, part of `outputTokens` (billed as output). */
  reasoningTokens: number;
  /** Web searches the provider bills for this answer. */
  searches: number;
}

/** What a provider's parser extracts from one raw response (or a chain of them). */
export interface ParsedAnswer {
  /** Answer text as the engine returned it (markdown), what a user would read. */
  text: string;
  /** Sources tied to the answer: counted as citations. */
  citations: SourceRef[];
  /** Sources retrieved but never cited: stored apart, never counted (spec §4). */
  retrieved: SourceRef[];
  searchQueries: string[];
  /** Model id the API says answered (`model`, `modelVersion`); null when the body has none. */
  servedModel: string | null;
  usage: Usage;
  /** Cost the provider reported itself, in USD; wins over our price-table computation. */
  reportedCostUsd: number | null;
  /** Text the engine produced before searching ("I'll search for…"): evidence, not analysed. */
  preamble?: string;
  /** Things worth keeping about this answer, e.g. a failed search inside a 200 response. */
  warnings: string[];
}

/** The result of one `ask`: the parsed answer plus what only the live call knows. */
export interface AskResult extends ParsedAnswer {
  /** The raw body (or `{ responses: [...] }` for multi-request answers) exactly as received; `parse(raw)` re-creates the answer. */
  raw: unknown;
  /** The model we asked for. */
  requestedModel: string;
  costUsd: number | null;
  latencyMs: number;
  surface: Surface;
}

export interface AskRequest {
  /** The question exactly as a user would type it. No system prompt (architecture anti-patterns). */
  question: string;
  /** BCP-47 locale of the market, e.g. `nb-NO`; providers that support a user location use it. */
  locale?: string;
  model: string;
  webSearch: boolean;
  /** Aborts the call (timeouts, shutdown). */
  signal?: AbortSignal;
}

/** Static facts about a provider that the core (runner, reports) reads instead of its id. */
export interface ProviderCapabilities {
  /** The engine returns sources tied to its answer. */
  nativeCitations: boolean;
  /** The engine can search the web (always or on request). */
  webSearch: boolean;
  /** Default maximum calls in flight at once. */
  maxConcurrency: number;
  /** Default requests per minute. */
  requestsPerMinute: number;
  /** Default per-request timeout in ms. */
  timeoutMs: number;
  surface: Surface;
  /** Environment variable holding the API key, or null when none is needed (an engine's `keyEnv` option overrides it). */
  keyEnv: string | null;
  /** Environment variable overriding the base URL (e.g. `OPENAI_BASE_URL`), or null. */
  baseUrlEnv: string | null;
}

/** What a provider gets to do its work; everything environment-dependent comes in here. */
export interface ProviderContext {
  apiKey: string | undefined;
  /** Overrides the SDK's base URL (tests point this at 127.0.0.1). */
  baseUrl: string | undefined;
  clock: Clock;
  /** Provider-specific options from the query file's engine entry (validated by the provider). */
  options: Record<string, unknown>;
}

export interface Provider {
  /** Registry id, e.g. `openai`. Used in engine ids and config, never branched on by the core. */
  id: string;
  displayName: string;
  defaultModel: string;
  capabilities: ProviderCapabilities;
  /**
   * Schema of the engine entry's provider-specific options (everything in a query file's engine entry
   * besides `id`, `model`, `webSearch`, `samples`); strict, so typos are config errors with file:line:col.
   */
  optionsSchema: ZodType<Record<string, unknown>>;
  /** Models this provider knows: prices, shutdown dates (the registry builds the price table from these). */
  models: readonly ModelInfo[];
  /** One real call. Rejects with `ProviderError` (never retries itself: the retry layer does). */
  ask(request: AskRequest, context: ProviderContext): Promise<AskResult>;
  /** Turns a stored raw body back into an answer; throws `ProviderError("bad-response")` on junk. */
  parse(raw: unknown): ParsedAnswer;
}

export const emptyUsage = (): Usage => ({
  inputTokens: 0,
  cachedInputTokens: 0,
  outputTokens: 0,
  reasoningTokens: 0,
  searches: 0,
});
