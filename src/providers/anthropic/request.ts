import type {
  ContentBlockParam,
  MessageCreateParamsNonStreaming,
  ToolUnion,
  UserLocation,
} from "@anthropic-ai/sdk/resources/messages";
import { z } from "zod";
import type { AskRequest } from "../types.ts";

/**
 * Search tool versions the installed SDK (1.13) types know. `20260209` and `20260318` add dynamic
 * filtering through code execution (Sonnet/Opus 4.6 and later) and extra block types; the 2025 version
 * works on every model and is the shape our fixtures and the public recordings show.
 */
export const searchToolVersions = [
  "web_search_20250305",
  "web_search_20260209",
  "web_search_20260318",
] as const;

/** Engine options of the `anthropic` provider; strict, so a typo is a config error. */
export const optionsSchema = z.strictObject({
  /** Output tokens per response, thinking included (Haiku 5.5 thinks adaptively by default). Default 4096. */
  maxTokens: z.int().min(256).max(32_000).optional(),
  /** Searches the model may run per response (`max_uses`). Default 5. */
  maxUses: z.int().min(1).max(20).optional(),
  /** Re-sends after `stop_reason: "pause_turn"` before the answer counts as incomplete. Default 3. */
  maxContinuations: z.int().min(0).max(10).optional(),
  /** Web search tool version. Default `web_search_20250305`. */
  searchTool: z.enum(searchToolVersions).optional(),
  /** Environment variable holding the key; the core reads it (types.ts), accepted here so strictness allows it. */
  keyEnv: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
    .optional(),
});

export type AnthropicOptions = z.infer<typeof optionsSchema>;

export const optionDefaults = {
  maxTokens: 4096,
  maxUses: 5,
  maxContinuations: 3,
  searchTool: "web_search_20250305",
} as const;

/** The first request: the question as a user types it, no system prompt, the search tool when asked. */
export function firstRequest(
  request: AskRequest,
  options: AnthropicOptions,
): MessageCreateParamsNonStreaming {
  const params: MessageCreateParamsNonStreaming = {
    model: request.model,
    max_tokens: options.maxTokens ?? optionDefaults.maxTokens,
    messages: [{ role: "user", content: request.question }],
  };
  if (request.webSearch) params.tools = [searchTool(options, request.locale)];
  return params;
}

/**
 * The request after a `pause_turn`: the same request with everything the assistant produced so far
 * appended as one assistant turn, exactly as received (thinking signatures and encrypted results
 * must come back unchanged); the model resumes the turn, starting with the pending search's result.
 */
export function continuationRequest(
  first: MessageCreateParamsNonStreaming,
  assistantSoFar: readonly unknown[],
): MessageCreateParamsNonStreaming {
  // Response blocks are valid request blocks as sent; the caller passes them untouched.
  const content = assistantSoFar as unknown as ContentBlockParam[];
  return { ...first, messages: [...first.messages.slice(0, 1), { role: "assistant", content }] };
}

function searchTool(options: AnthropicOptions, locale: string | undefined): ToolUnion {
  const location = userLocation(locale);
  return {
    type: options.searchTool ?? optionDefaults.searchTool,
    name: "web_search",
    max_uses: options.maxUses ?? optionDefaults.maxUses,
    ...(location ? { user_location: location } : {}),
  };
}

/** The market's country (`nb-NO` → `NO`), so results are local as they are for a user there. */
function userLocation(locale: string | undefined): UserLocation | undefined {
  if (!locale) return undefined;
  try {
    const region = new Intl.Locale(locale).region;
    return region && /^[A-Z]{2}$/.test(region) ? { type: "approximate", country: region } : undefined;
  } catch {
    return undefined;
  }
}
