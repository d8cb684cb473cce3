import { ProviderError } from "../../core/errors.ts";
import { completeAnswer } from "../complete.ts";
import { defaultModels } from "../defaults.ts";
import type { AskRequest, AskResult, Provider, ProviderCapabilities, ProviderContext } from "../types.ts";
import { anthropicModels } from "./models.ts";
import { parse, providerId, readMessage } from "./parse.ts";
import {
  type AnthropicOptions,
  continuationRequest,
  firstRequest,
  optionDefaults,
  optionsSchema,
} from "./request.ts";
import { createClient, sendOnce } from "./transport.ts";

/**
 * Claude through the Messages API with the server-side web search tool. Text after the last search
 * result is the answer, `web_search_result_location` citations are cited sources, uncited results
 * are retrieved only; `pause_turn` is continued up to `maxContinuations` times and the bodies are
 * kept together as `{ responses: [...] }`.
 */

const capabilities: ProviderCapabilities = {
  nativeCitations: true,
  webSearch: true,
  maxConcurrency: 4,
  // Anthropic's lowest usage tier allows 50 requests per minute.
  requestsPerMinute: 50,
  // Several searches plus adaptive thinking in one non-streamed response can take a minute or more.
  timeoutMs: 120_000,
  surface: "api+web-search",
  keyEnv: "ANTHROPIC_API_KEY",
  baseUrlEnv: "ANTHROPIC_BASE_URL",
};

async function ask(request: AskRequest, context: ProviderContext): Promise<AskResult> {
  const options = readOptions(context.options);
  if (!context.apiKey) {
    throw new ProviderError(providerId, "auth", `no API key (set ${capabilities.keyEnv})`);
  }
  const client = createClient(context.apiKey, context.baseUrl, capabilities.timeoutMs);
  const first = firstRequest(request, options);
  const maxContinuations = options.maxContinuations ?? optionDefaults.maxContinuations;
  const bodies: unknown[] = [];
  const assistantSoFar: unknown[] = [];
  const started = context.clock.now();
  let params = first;
  for (let round = 0; ; round++) {
    const body = await sendOnce(client, params, request.signal);
    bodies.push(body);
    if (readMessage(body).stop_reason !== "pause_turn" || round >= maxContinuations) break;
    // The raw blocks go back, not zod's copies: the API must see them exactly as it sent them.
    assistantSoFar.push(...(body as { content: unknown[] }).content);
    params = continuationRequest(first, assistantSoFar);
  }
  const latencyMs = context.clock.now() - started;
  const raw = bodies.length === 1 ? bodies[0] : { responses: bodies };
  return completeAnswer(parse(raw), { raw, request, latencyMs, models: anthropicModels });
}

function readOptions(options: Record<string, unknown>): AnthropicOptions {
  const result = optionsSchema.safeParse(options);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new ProviderError(
    providerId,
    "bad-response",
    `invalid engine options: ${issue?.path.join(".") ?? ""} ${issue?.message ?? ""}`.trim(),
  );
}

/** The `anthropic` provider (registry id `anthropic`). */
export const anthropicProvider: Provider = {
  id: providerId,
  displayName: "Claude (Anthropic API, web search)",
  defaultModel: defaultModels.anthropic,
  capabilities,
  optionsSchema,
  models: anthropicModels,
  ask,
  parse,
};
