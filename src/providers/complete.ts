import { finalCost, findModel, type ModelInfo } from "./pricing.ts";
import type { AskRequest, AskResult, ParsedAnswer, Surface } from "./types.ts";

/**
 * Turns a parsed answer into the `AskResult` every provider returns: the raw body kept, the cost
 * (a provider-reported cost wins; otherwise priced at the model that answered, since a retired
 * model may be served by its successor, else at the model requested), latency and surface.
 */
export function completeAnswer(
  parsed: ParsedAnswer,
  context: {
    raw: unknown;
    request: AskRequest;
    latencyMs: number;
    models: readonly ModelInfo[];
    surface?: Surface;
  },
): AskResult {
  const { request, models } = context;
  const info = findModel(models, parsed.servedModel) ?? findModel(models, request.model);
  return {
    ...parsed,
    raw: context.raw,
    requestedModel: request.model,
    costUsd: finalCost(parsed.reportedCostUsd, parsed.usage, info),
    latencyMs: Math.max(0, context.latencyMs),
    surface: context.surface ?? (request.webSearch ? "api+web-search" : "api"),
  };
}
