import type { ResponseCreateParamsNonStreaming, WebSearchTool } from "openai/resources/responses/responses";
import { z } from "zod";
import { ProviderError } from "../../core/errors.ts";
import type { AskRequest } from "../types.ts";
import type { OpenAIModelInfo } from "./models.ts";

/**
 * The Responses API request for one question, and the engine options (query file engine entry)
 * that shape it. The question goes in alone, as a user would type it: no instructions (system
 * prompt), no tool_choice forcing a search, no output cap (a capped answer comes back `incomplete`).
 */

const countryCode = z.string().regex(/^[A-Z]{2}$/, "ISO 3166-1 alpha-2 country code, e.g. NO");

export const openaiOptionsSchema = z.strictObject({
  /**
   * Reasoning effort for reasoning models (default `low`). Note OpenAI rejects web search with
   * `minimal` on some models.
   */
  reasoningEffort: z.enum(["minimal", "low", "medium", "high"]).optional(),
  /** Approximate user location for web search; defaults to the country of the question's locale. */
  userLocation: z
    .strictObject({
      country: countryCode,
      city: z.string().min(1).optional(),
      region: z.string().min(1).optional(),
      /** IANA time zone, e.g. `Europe/Oslo`. */
      timezone: z.string().min(1).optional(),
    })
    .optional(),
});

/** Validated `openai` engine options. */
export type OpenAIOptions = z.infer<typeof openaiOptionsSchema>;

/** `web_search` tool `user_location` as the API takes it. */
export interface UserLocation {
  type: "approximate";
  country: string;
  city?: string;
  region?: string;
  timezone?: string;
}

/**
 * Validates options again at call time: the config loader already did, so a failure here is a
 * programming error surfaced as a final (non-retried) failure of the item.
 */
export function readOptions(provider: string, raw: Record<string, unknown>): OpenAIOptions {
  const parsed = openaiOptionsSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ProviderError(
      provider,
      "bad-response",
      `invalid engine options: ${z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data;
}

/** The region of a BCP-47 locale when it names a country (`nb-NO` → `NO`; `es-419`, `nb` → undefined). */
export function countryOfLocale(locale: string | undefined): string | undefined {
  if (!locale) return undefined;
  try {
    const region = new Intl.Locale(locale).region;
    return region && /^[A-Z]{2}$/.test(region) ? region : undefined;
  } catch {
    return undefined;
  }
}

/** The configured location, else the locale's country, else none (OpenAI then guesses from the IP). */
export function userLocationFor(
  options: OpenAIOptions,
  locale: string | undefined,
): UserLocation | undefined {
  if (options.userLocation) return { type: "approximate", ...options.userLocation };
  const country = countryOfLocale(locale);
  return country ? { type: "approximate", country } : undefined;
}

/** Reasoning effort when the options name none and the model is a reasoning model. */
export const DEFAULT_REASONING_EFFORT = "low";

export function buildResponsesParams(
  request: AskRequest,
  options: OpenAIOptions,
  model: OpenAIModelInfo | undefined,
): ResponseCreateParamsNonStreaming {
  const params: ResponseCreateParamsNonStreaming = {
    model: request.model,
    input: request.question,
    // Answers are kept by us (raw body); nothing needs to live on OpenAI's side.
    store: false,
  };
  // Unknown models get no reasoning block unless asked: non-reasoning models reject it.
  const effort = options.reasoningEffort ?? (model?.reasoning ? DEFAULT_REASONING_EFFORT : undefined);
  if (effort) params.reasoning = { effort };
  if (request.webSearch) {
    const tool: WebSearchTool = { type: "web_search" };
    const location = userLocationFor(options, request.locale);
    if (location) tool.user_location = location;
    params.tools = [tool];
    // Without this the pages the engine read but did not cite never come back.
    params.include = ["web_search_call.action.sources"];
  }
  return params;
}
