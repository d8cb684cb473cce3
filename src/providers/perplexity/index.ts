import { ProviderError } from "../../core/errors.ts";
import { completeAnswer } from "../complete.ts";
import { defaultModels } from "../defaults.ts";
import type { AskRequest, AskResult, Provider, ProviderCapabilities, ProviderContext } from "../types.ts";
import { PERPLEXITY_ID } from "./failures.ts";
import { postJson } from "./http.ts";
import { perplexityModels } from "./models.ts";
import { parse } from "./parse.ts";
import { agentUrl, buildAgentRequest, perplexityOptionsSchema, readOptions } from "./request.ts";

/**
 * Perplexity through the Agent API (`POST {base}/v1/agent`, Responses-shaped). Sonar Chat
 * Completions was retired on 2026-09-27; `parse` still reads that shape for stored and
 * gateway bodies.
 */

const capabilities: ProviderCapabilities = {
  nativeCitations: true,
  webSearch: true,
  maxConcurrency: 4,
  // Perplexity's lowest usage tier has allowed 50 requests a minute for Sonar; higher tiers raise it.
  requestsPerMinute: 50,
  // Presets run several research steps; a single Sonar answer takes seconds.
  timeoutMs: 120_000,
  surface: "api+web-search",
  keyEnv: "PERPLEXITY_API_KEY",
  baseUrlEnv: "PERPLEXITY_BASE_URL",
};

async function ask(request: AskRequest, context: ProviderContext): Promise<AskResult> {
  const options = readOptions(context.options);
  if (!context.apiKey) {
    throw new ProviderError(PERPLEXITY_ID, "auth", `no API key (set ${capabilities.keyEnv})`);
  }
  const body = buildAgentRequest(request, options);

  const started = context.clock.now();
  const raw = await postJson({
    url: agentUrl(context.baseUrl),
    apiKey: context.apiKey,
    body,
    signal: request.signal,
    timeoutMs: capabilities.timeoutMs,
  });
  const latencyMs = Math.max(0, context.clock.now() - started);

  // Tokens are billed at the rates of the model that answered, which a preset chooses.
  return completeAnswer(parse(raw), { raw, request, latencyMs, models: perplexityModels });
}

export const perplexityProvider: Provider = {
  id: PERPLEXITY_ID,
  displayName: "Perplexity",
  defaultModel: defaultModels.perplexity,
  capabilities,
  optionsSchema: perplexityOptionsSchema,
  models: perplexityModels,
  ask,
  parse,
};
