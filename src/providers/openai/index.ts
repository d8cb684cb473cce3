import { ProviderError } from "../../core/errors.ts";
import { completeAnswer } from "../complete.ts";
import { defaultModels } from "../defaults.ts";
import { findModel } from "../pricing.ts";
import type { AskRequest, AskResult, Provider, ProviderCapabilities, ProviderContext } from "../types.ts";
import { openaiModels } from "./models.ts";
import { parse } from "./parse.ts";
import { buildResponsesParams, openaiOptionsSchema, readOptions } from "./request.ts";
import { sendForJson } from "./transport.ts";

/**
 * OpenAI through the Responses API with the hosted `web_search` tool: the closest API view of
 * what ChatGPT answers with search on.
 */

const ID = "openai";
/** Used when the context carries no base URL (the core resolves OPENAI_BASE_URL into it). */
const DEFAULT_BASE_URL = "https://api.openai.com/v1";

const capabilities: ProviderCapabilities = {
  nativeCitations: true,
  webSearch: true,
  maxConcurrency: 4,
  requestsPerMinute: 60,
  // Reasoning plus several searches and page reads regularly takes over a minute.
  timeoutMs: 180_000,
  surface: "api+web-search",
  keyEnv: "OPENAI_API_KEY",
  baseUrlEnv: "OPENAI_BASE_URL",
};

async function ask(request: AskRequest, context: ProviderContext): Promise<AskResult> {
  if (!context.apiKey) throw new ProviderError(ID, "auth", "no API key (set OPENAI_API_KEY)");
  const options = readOptions(ID, context.options);
  const params = buildResponsesParams(request, options, findModel(openaiModels, request.model));
  const started = context.clock.now();
  const raw = await sendForJson(
    {
      provider: ID,
      apiKey: context.apiKey,
      baseURL: context.baseUrl ?? DEFAULT_BASE_URL,
      timeoutMs: capabilities.timeoutMs,
      signal: request.signal,
    },
    (client, signal) => client.responses.create(params, { signal }),
  );
  const latencyMs = Math.max(0, context.clock.now() - started);
  return completeAnswer(parse(raw), { raw, request, latencyMs, models: openaiModels });
}

export const openaiProvider: Provider = {
  id: ID,
  displayName: "OpenAI (Responses API, web search)",
  defaultModel: defaultModels.openai,
  capabilities,
  optionsSchema: openaiOptionsSchema,
  models: openaiModels,
  ask,
  parse,
};
