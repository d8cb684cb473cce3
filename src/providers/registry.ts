import type { ProviderLookup } from "../config/engines.ts";
import { anthropicProvider } from "./anthropic/index.ts";
import { geminiProvider } from "./gemini/index.ts";
import { openaiProvider } from "./openai/index.ts";
import { openaiCompatibleProvider } from "./openai-compatible/index.ts";
import { perplexityProvider } from "./perplexity/index.ts";
import type { ModelInfo } from "./pricing.ts";
import { replayProvider } from "./replay/index.ts";
import { bingCopilotProvider, googleAiModeProvider, googleAiOverviewProvider } from "./serpapi/index.ts";
import type { Provider } from "./types.ts";

/**
 * The one explicit list of providers (architecture rule 1). Adding an engine means adding its
 * folder and one line here; nothing else in the core names a provider.
 */
export const providers: readonly Provider[] = [
  openaiProvider,
  anthropicProvider,
  perplexityProvider,
  geminiProvider,
  googleAiOverviewProvider,
  googleAiModeProvider,
  bingCopilotProvider,
  openaiCompatibleProvider,
  replayProvider,
];

const byId = new Map(providers.map((p) => [p.id, p]));

export function getProvider(id: string): Provider | undefined {
  return byId.get(id);
}

export const providerIds: readonly string[] = providers.map((p) => p.id);

export const providerLookup: ProviderLookup = (id) => byId.get(id);

/** Price and lifecycle row for a provider's model, when the provider knows the model. */
export function modelInfo(providerId: string, model: string): ModelInfo | undefined {
  return byId.get(providerId)?.models.find((m) => m.model === model);
}

/**
 * Raw-body formats `sightline analyze --format` reads: every provider id, plus `serpapi` for any
 * SerpApi surface (they share one parser).
 */
const formatAliases: Record<string, string> = { serpapi: "google-ai-overview" };

export const answerFormats: readonly string[] = [
  "markdown",
  ...providerIds.filter((id) => id !== "replay"),
  ...Object.keys(formatAliases),
];

/** The parser of a raw-body format, or undefined for an unknown format (`markdown` is not a raw body). */
export function parserFor(format: string): Provider["parse"] | undefined {
  return byId.get(formatAliases[format] ?? format)?.parse;
}
