import { z } from "zod";
import type { ProviderLookup } from "../../src/config/engines.ts";
import { emptyUsage, type Provider } from "../../src/providers/types.ts";

/** Minimal providers for config tests, so they do not depend on the real registry's contents. */
function fake(
  id: string,
  surface: Provider["capabilities"]["surface"],
  options: z.ZodType<Record<string, unknown>>,
): Provider {
  return {
    id,
    displayName: id,
    defaultModel: `${id}-default`,
    capabilities: {
      nativeCitations: true,
      webSearch: surface !== "api",
      maxConcurrency: 4,
      requestsPerMinute: 60,
      timeoutMs: 1000,
      surface,
      keyEnv: `${id.toUpperCase()}_API_KEY`,
      baseUrlEnv: null,
    },
    optionsSchema: options,
    models: [],
    ask: () => Promise.reject(new Error("fake provider does not answer")),
    parse: () => ({
      text: "",
      citations: [],
      retrieved: [],
      searchQueries: [],
      servedModel: null,
      usage: emptyUsage(),
      reportedCostUsd: null,
      warnings: [],
    }),
  };
}

export const fakeProviders: Provider[] = [
  fake("openai", "api+web-search", z.strictObject({ reasoningEffort: z.enum(["low", "high"]).optional() })),
  fake("anthropic", "api+web-search", z.strictObject({})),
  fake("perplexity", "api+web-search", z.strictObject({})),
  fake("gemini", "api+web-search", z.strictObject({})),
  fake("google-ai-overview", "serp", z.strictObject({})),
  fake("replay", "replay", z.strictObject({ dir: z.string().optional() })),
];

export const fakeLookup: ProviderLookup = (id) => fakeProviders.find((p) => p.id === id);
export const fakeIds = fakeProviders.map((p) => p.id);
export const fakeLoadOptions = { lookup: fakeLookup, knownIds: fakeIds };
