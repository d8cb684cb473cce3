import { GoogleGenAI } from "@google/genai";
import { z } from "zod";
import { ProviderError } from "../../core/errors.ts";
import { completeAnswer } from "../complete.ts";
import { defaultModels } from "../defaults.ts";
import type { AskRequest, AskResult, Provider, ProviderCapabilities, ProviderContext } from "../types.ts";
import { failureOf, redactKey } from "./failure.ts";
import { HopRecorder } from "./hop-recorder.ts";
import { geminiModels } from "./models.ts";
import { geminiOptionsSchema, requestConfig } from "./options.ts";
import { geminiId, parse } from "./parse.ts";

/**
 * Google Gemini with Google Search grounding, through `@google/genai` (Gemini Developer API,
 * `POST {base}/v1beta/models/{model}:generateContent`, key in the `x-goog-api-key` header).
 */

const capabilities: ProviderCapabilities = {
  nativeCitations: true,
  webSearch: true,
  maxConcurrency: 4,
  // Paid tier 1 allows far more; grounded requests also count against a daily search quota
  // (1,500 a day on some tiers), so the default stays gentle.
  requestsPerMinute: 60,
  // Grounded answers take 5-30 s; thinking models with several searches can take minutes.
  timeoutMs: 120_000,
  surface: "api+web-search",
  keyEnv: "GEMINI_API_KEY",
  baseUrlEnv: "GEMINI_BASE_URL",
};

function isTimeout(signal: AbortSignal | undefined): boolean {
  const reason: unknown = signal?.reason;
  return reason instanceof DOMException && reason.name === "TimeoutError";
}

async function ask(request: AskRequest, context: ProviderContext): Promise<AskResult> {
  const apiKey = context.apiKey?.trim();
  if (!apiKey) {
    throw new ProviderError(geminiId, "auth", "no API key: set GEMINI_API_KEY (or the engine's keyEnv)");
  }
  const options = geminiOptionsSchema.safeParse(context.options);
  if (!options.success) {
    throw new ProviderError(
      geminiId,
      "bad-response",
      `invalid engine options: ${z.prettifyError(options.error)}`,
    );
  }
  const timeout = AbortSignal.timeout(capabilities.timeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
  const recorder = new HopRecorder();
  const client = new GoogleGenAI({
    apiKey,
    // Explicit, so that GOOGLE_GENAI_USE_VERTEXAI or GOOGLE_GENAI_API_VERSION in the environment cannot redirect us.
    vertexai: false,
    apiVersion: "v1beta",
    httpOptions: { ...(context.baseUrl ? { baseUrl: context.baseUrl } : {}), fetch: recorder.fetch },
  });
  const started = context.clock.now();
  try {
    await client.models.generateContent({
      model: request.model,
      contents: request.question,
      config: requestConfig(request, options.data, signal),
    });
  } catch (error) {
    const failure = failureOf(error, {
      recorder,
      aborted: signal.aborted,
      timedOut: timeout.aborted || isTimeout(request.signal),
      nowMs: context.clock.now(),
    });
    throw redactKey(failure, apiKey);
  }
  const latencyMs = Math.max(0, context.clock.now() - started);
  const raw = recorder.raw();
  return completeAnswer(parse(raw), { raw, request, latencyMs, models: geminiModels });
}

export const geminiProvider: Provider = {
  id: geminiId,
  displayName: "Google Gemini",
  defaultModel: defaultModels.gemini,
  capabilities,
  optionsSchema: geminiOptionsSchema,
  models: geminiModels,
  ask,
  parse,
};
