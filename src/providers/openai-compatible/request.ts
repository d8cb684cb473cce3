import { z } from "zod";
import { ProviderError } from "../../core/errors.ts";
import type { AskRequest } from "../types.ts";

/**
 * Engine options of `openai-compatible` (which endpoint, which key, which API shape, how that
 * endpoint is asked to search the web) and the request they produce. Examples:
 * - OpenRouter: `{ baseUrl: https://openrouter.ai/api/v1, keyEnv: OPENROUTER_API_KEY, webSearchTool: openrouter }`
 * - xAI: `{ baseUrl: https://api.x.ai/v1, keyEnv: XAI_API_KEY, apiStyle: responses }`
 * - Ollama: `{ baseUrl: http://localhost:11434/v1, webSearchTool: none }` (no key)
 * - Mistral, DeepSeek: `{ baseUrl: …, keyEnv: …, webSearchTool: none }` (no search over their chat APIs)
 */

/** How web search is requested; `none` asks the plain model even when the engine wants search. */
export const webSearchTools = ["openrouter", "web_search", "web_search_options", "none"] as const;
export type WebSearchToolStyle = (typeof webSearchTools)[number];

export const compatibleOptionsSchema = z
  .strictObject({
    /** API root including the version segment, e.g. `https://openrouter.ai/api/v1`. */
    baseUrl: z.url({ protocol: /^https?$/ }),
    /** Environment variable holding the key; omit for endpoints without auth (local Ollama). */
    keyEnv: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "an environment variable name")
      .optional(),
    /** `chat` = POST /chat/completions, `responses` = POST /responses (default `chat`). */
    apiStyle: z.enum(["chat", "responses"]).default("chat"),
    /**
     * `openrouter` = `tools: [{ type: "openrouter:web_search" }]`; `web_search` = Responses tool
     * `{ type: "web_search" }`; `web_search_options` = Chat Completions `web_search_options: {}`.
     * Default: `web_search` for responses, `web_search_options` for chat.
     */
    webSearchTool: z.enum(webSearchTools).optional(),
  })
  .refine((o) => !(o.apiStyle === "responses" && o.webSearchTool === "web_search_options"), {
    message:
      "web_search_options is a Chat Completions parameter; use web_search or openrouter with responses",
    path: ["webSearchTool"],
  });

/** Validated options with the defaults applied. */
export interface CompatibleOptions {
  baseUrl: string;
  keyEnv: string | undefined;
  apiStyle: "chat" | "responses";
  webSearchTool: WebSearchToolStyle;
}

/**
 * Validates options again at call time: the config loader already did, so a failure here is a
 * programming error surfaced as a final (non-retried) failure of the item.
 */
export function readCompatibleOptions(provider: string, raw: Record<string, unknown>): CompatibleOptions {
  const parsed = compatibleOptionsSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ProviderError(
      provider,
      "bad-response",
      `invalid engine options: ${z.prettifyError(parsed.error)}`,
    );
  }
  const o = parsed.data;
  return {
    baseUrl: o.baseUrl,
    keyEnv: o.keyEnv,
    apiStyle: o.apiStyle,
    webSearchTool: o.webSearchTool ?? (o.apiStyle === "responses" ? "web_search" : "web_search_options"),
  };
}

/**
 * The request for one question in either API style. Only fields every compatible endpoint
 * understands are sent (some reject unknown fields with a 400): the model, the question as the
 * single user message, and the web search switch the options name. No system prompt.
 */

export interface CompatibleRequest {
  /** Path under the base URL. */
  path: "/chat/completions" | "/responses";
  body: Record<string, unknown>;
  /** Whether a web search tool was actually offered (decides the surface). */
  searching: boolean;
}

function searchTool(style: CompatibleOptions["webSearchTool"]): Record<string, unknown> | undefined {
  if (style === "openrouter") return { type: "openrouter:web_search" };
  if (style === "web_search") return { type: "web_search" };
  return undefined;
}

function chatRequest(request: AskRequest, options: CompatibleOptions): CompatibleRequest {
  const body: Record<string, unknown> = {
    model: request.model,
    messages: [{ role: "user", content: request.question }],
  };
  const style = request.webSearch ? options.webSearchTool : "none";
  const tool = searchTool(style);
  if (tool) body.tools = [tool];
  if (style === "web_search_options") body.web_search_options = {};
  return { path: "/chat/completions", body, searching: style !== "none" };
}

function responsesRequest(request: AskRequest, options: CompatibleOptions): CompatibleRequest {
  const body: Record<string, unknown> = { model: request.model, input: request.question };
  const tool = request.webSearch ? searchTool(options.webSearchTool) : undefined;
  if (tool) body.tools = [tool];
  return { path: "/responses", body, searching: tool !== undefined };
}

export function buildCompatibleRequest(request: AskRequest, options: CompatibleOptions): CompatibleRequest {
  return options.apiStyle === "responses"
    ? responsesRequest(request, options)
    : chatRequest(request, options);
}
