import { ProviderError } from "../../core/errors.ts";
import { completeAnswer } from "../complete.ts";
import { defaultModels } from "../defaults.ts";
import { sendForJson } from "../openai/transport.ts";
import type { AskRequest, AskResult, Provider, ProviderCapabilities, ProviderContext } from "../types.ts";
import { COMPATIBLE_ID, parse } from "./parse.ts";
import { buildCompatibleRequest, compatibleOptionsSchema, readCompatibleOptions } from "./request.ts";

/**
 * Any endpoint that speaks the OpenAI Chat Completions or Responses API (OpenRouter, xAI, Ollama,
 * Mistral, DeepSeek …), configured per engine by `baseUrl`, `keyEnv`, `apiStyle` and `webSearchTool`.
 */

const capabilities: ProviderCapabilities = {
  // OpenRouter and xAI tie sources to the answer; plain endpoints simply return none.
  nativeCitations: true,
  webSearch: true,
  // Unknown endpoints (a laptop's Ollama among them): start gently, engines can raise these.
  maxConcurrency: 2,
  requestsPerMinute: 30,
  timeoutMs: 180_000,
  surface: "api+web-search",
  // Named per engine by the `keyEnv` option; `context.apiKey` arrives resolved.
  keyEnv: null,
  baseUrlEnv: null,
};

async function ask(request: AskRequest, context: ProviderContext): Promise<AskResult> {
  const options = readCompatibleOptions(COMPATIBLE_ID, context.options);
  if (options.keyEnv && !context.apiKey) {
    throw new ProviderError(COMPATIBLE_ID, "auth", `no API key (set ${options.keyEnv})`);
  }
  const { path, body, searching } = buildCompatibleRequest(request, options);
  const started = context.clock.now();
  const raw = await sendForJson(
    {
      provider: COMPATIBLE_ID,
      apiKey: context.apiKey || undefined,
      baseURL: context.baseUrl ?? options.baseUrl,
      timeoutMs: capabilities.timeoutMs,
      signal: request.signal,
    },
    // The generic post: gateway tool types (`openrouter:web_search`) are not in the SDK's types.
    (client, signal) => client.post(path, { body, signal }),
  );
  const latencyMs = Math.max(0, context.clock.now() - started);
  // No price table: only a cost the endpoint reports is known.
  const surface = searching ? "api+web-search" : "api";
  return completeAnswer(parse(raw), { raw, request, latencyMs, models: [], surface });
}

export const openaiCompatibleProvider: Provider = {
  id: COMPATIBLE_ID,
  displayName: "OpenAI-compatible endpoint",
  // Every endpoint names its own models, so the engine entry must give `model`; this placeholder
  // only satisfies the contract and is what OpenRouter-style routers would reject clearly.
  defaultModel: defaultModels["openai-compatible"],
  capabilities,
  optionsSchema: compatibleOptionsSchema,
  models: [],
  ask,
  parse,
};
