import { z } from "zod";
import type { AskRequest } from "../types.ts";
import { badResponse, describeIssues } from "./failures.ts";

/**
 * What Sightline sends to the Agent API. Perplexity answers unknown request fields with a 400,
 * so the body holds only documented fields: `model` or `preset`, `input`, `max_output_tokens`,
 * and `tools`/`tool_choice` for web search.
 */

/** Default Agent API origin; `PERPLEXITY_BASE_URL` (e.g. a proxy) replaces it. */
export const DEFAULT_BASE_URL = "https://api.perplexity.ai";

/** Enough for a long buyer's-guide answer; Sonar answers are usually a few hundred tokens. */
export const DEFAULT_MAX_OUTPUT_TOKENS = 2048;

/** Engine options a query file may set for Perplexity; strict, so a typo is a config error. */
export const perplexityOptionsSchema = z.strictObject({
  /**
   * A Perplexity preset (`fast`, `low`, `medium`, `high`, `xhigh` ...). Sent instead of `model`:
   * the preset picks the model (often another vendor's, kept as `servedModel`) and its own
   * search configuration, so no `tools` are sent with it.
   */
  preset: z.string().min(1).optional(),
  /** Upper bound on answer tokens (`max_output_tokens`); default 2048. */
  maxOutputTokens: z.number().int().positive().optional(),
});

export type PerplexityOptions = z.infer<typeof perplexityOptionsSchema>;

/** Options were validated when the query file loaded; this guards direct callers. */
export function readOptions(options: Record<string, unknown>): PerplexityOptions {
  const parsed = perplexityOptionsSchema.safeParse(options);
  if (!parsed.success) throw badResponse(`invalid engine options: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

/** The JSON body of `POST /v1/agent`. */
export interface AgentRequestBody {
  model?: string;
  preset?: string;
  input: string;
  max_output_tokens: number;
  tools?: { type: "web_search" }[];
  tool_choice?: { type: "web_search" };
}

/**
 * The question goes in as the user typed it (no instructions: no system prompt). Web search is
 * off on the Agent API unless the tool is given; `tool_choice` makes the model actually search,
 * as the consumer product does, instead of answering from memory.
 */
export function buildAgentRequest(request: AskRequest, options: PerplexityOptions): AgentRequestBody {
  const max_output_tokens = options.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS;
  if (options.preset !== undefined) {
    // A preset always carries its own search tools; it cannot answer "without web search".
    if (!request.webSearch)
      throw badResponse(`preset "${options.preset}" always searches; set webSearch: true`);
    return { preset: options.preset, input: request.question, max_output_tokens };
  }
  const body: AgentRequestBody = { model: request.model, input: request.question, max_output_tokens };
  if (request.webSearch) {
    body.tools = [{ type: "web_search" }];
    body.tool_choice = { type: "web_search" };
  }
  return body;
}

/**
 * `{base}/v1/agent`. `/v1/responses` is the same endpoint; `/v1/agent` is the name Perplexity's
 * own docs use. A base that already ends in `/v1` (as an OpenAI-SDK setup would have) is accepted.
 */
export function agentUrl(baseUrl: string | undefined): string {
  const base = (baseUrl?.trim() || DEFAULT_BASE_URL).replace(/\/+$/, "");
  return base.endsWith("/v1") ? `${base}/agent` : `${base}/v1/agent`;
}
