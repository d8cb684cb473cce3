import type { z } from "zod";
import { ProviderError } from "../../core/errors.ts";
import { completeAnswer } from "../complete.ts";
import { defaultModels } from "../defaults.ts";
import type { ModelInfo } from "../pricing.ts";
import type { AskRequest, AskResult, Provider, ProviderCapabilities, ProviderContext } from "../types.ts";
import { serpApiGet } from "./http.ts";
import { followUpParams, type SearchInput, type SerpApiOptions, searchParams } from "./params.ts";
import { parseSerpApi } from "./parse.ts";
import { serpApiBodySchema } from "./schema.ts";

/**
 * Builds the Provider of one SerpApi surface. All three share the request path, the parser and
 * the failure mapping; they differ in engine, options and price row.
 */

export interface SurfaceDefinition {
  id: "google-ai-overview" | "google-ai-mode" | "bing-copilot";
  displayName: string;
  engine: SearchInput["engine"];
  optionsSchema: z.ZodType<SerpApiOptions>;
  models: readonly ModelInfo[];
}

/**
 * SerpApi answers most searches in 2–10 s; AI Mode and Copilot can take tens of seconds. Plans
 * limit throughput per hour (Production: 3,000 searches/hour), so the defaults stay well below.
 * The timeout is one deadline for the whole answer, the AI Overview follow-up included.
 */
const capabilities: ProviderCapabilities = {
  nativeCitations: true,
  webSearch: true,
  maxConcurrency: 4,
  requestsPerMinute: 20,
  timeoutMs: 90_000,
  surface: "serp",
  keyEnv: "SERPAPI_API_KEY",
  baseUrlEnv: "SERPAPI_BASE_URL",
};

export function serpApiProvider(surface: SurfaceDefinition): Provider {
  const defaultModel = defaultModels[surface.id];
  const parse = (raw: unknown) => parseSerpApi(raw, surface.id);

  async function ask(request: AskRequest, context: ProviderContext): Promise<AskResult> {
    const apiKey = context.apiKey;
    if (!apiKey) throw new ProviderError(surface.id, "auth", `no API key (set ${capabilities.keyEnv})`);
    const options = surface.optionsSchema.safeParse(context.options);
    if (!options.success) {
      throw new ProviderError(
        surface.id,
        "bad-response",
        `invalid engine options: ${options.error.issues[0]?.message}`,
      );
    }
    const deadline = AbortSignal.timeout(capabilities.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, deadline]) : deadline;
    const get = (params: Record<string, string>) =>
      serpApiGet({ provider: surface.id, baseUrl: context.baseUrl, apiKey, params, signal });

    const started = context.clock.now();
    const input = {
      engine: surface.engine,
      question: request.question,
      locale: request.locale,
      options: options.data,
    };
    const first = await get(searchParams(input));
    const pageToken = surface.engine === "google" ? pendingOverviewToken(first) : undefined;
    const raw = pageToken ? { responses: [first, await get(followUpParams(pageToken))] } : first;
    const latencyMs = context.clock.now() - started;

    const parsed = parse(raw);
    const warnings = request.webSearch
      ? parsed.warnings
      : [...parsed.warnings, "webSearch: false ignored: this surface always searches"];
    return completeAnswer(
      { ...parsed, warnings },
      // A surface has one price, whatever model id the engine entry names.
      {
        raw,
        request,
        latencyMs,
        models: surface.models.map((m) => ({ ...m, model: request.model })),
        surface: capabilities.surface,
      },
    );
  }

  return {
    id: surface.id,
    displayName: surface.displayName,
    defaultModel,
    capabilities,
    optionsSchema: surface.optionsSchema,
    models: surface.models,
    ask,
    parse,
  };
}

/** The token of an overview Google lazy-loads: `ai_overview` holds a `page_token` and no blocks yet. */
function pendingOverviewToken(body: unknown): string | undefined {
  const parsed = serpApiBodySchema.safeParse(body);
  const overview = parsed.success ? parsed.data.ai_overview : undefined;
  if (!overview?.page_token || overview.text_blocks?.length) return undefined;
  return overview.page_token;
}
