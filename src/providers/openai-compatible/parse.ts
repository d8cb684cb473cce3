import { ProviderError } from "../../core/errors.ts";
import { classifyHttpFailure } from "../http/classify.ts";
import { parseResponsesBody } from "../openai/parse.ts";
import type { ParsedAnswer } from "../types.ts";
import { parseChatBody } from "./parse-chat.ts";
import { errorBodySchema, gatewayUsageSchema, reportedCostOf, reportedSearchesOf } from "./schema.ts";

/**
 * `Provider.parse` of openai-compatible. A stored body does not say which API style produced it,
 * so the shape decides: `choices` → Chat Completions, `output` → Responses. Gateways add their
 * own cost and search counts to `usage` (both styles) and report some failures inside HTTP 200.
 */

export const COMPATIBLE_ID = "openai-compatible";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A body that is only an error (OpenRouter answers upstream failures with HTTP 200 and
 * `{ error: { code: 502, message } }`) as the `ProviderError` its code stands for, else undefined.
 */
export function errorInBody(provider: string, raw: unknown): ProviderError | undefined {
  if (!isRecord(raw) || "choices" in raw || "output" in raw) return undefined;
  const parsed = errorBodySchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const { code, message } = parsed.data.error;
  if (typeof code === "number" && code >= 400 && code <= 599) {
    return classifyHttpFailure(provider, { status: code, body: raw, message: message ?? "error in body" });
  }
  const why = (message ?? String(code)).slice(0, 300);
  return new ProviderError(
    provider,
    "server",
    `error in a 200 body: ${why}`,
    typeof code === "string" ? { code } : {},
  );
}

/** A Responses body through the openai parser, plus what gateways report beyond OpenAI's usage. */
function parseResponsesStyle(raw: Record<string, unknown>): ParsedAnswer {
  const answer = parseResponsesBody(COMPATIBLE_ID, raw);
  const usage = gatewayUsageSchema.safeParse(raw.usage);
  if (!usage.success) return answer;
  const searches = reportedSearchesOf(usage.data);
  return {
    ...answer,
    reportedCostUsd: reportedCostOf(usage.data),
    usage: searches === undefined ? answer.usage : { ...answer.usage, searches },
  };
}

export function parse(raw: unknown): ParsedAnswer {
  const failure = errorInBody(COMPATIBLE_ID, raw);
  if (failure) throw failure;
  if (isRecord(raw) && "choices" in raw) return parseChatBody(COMPATIBLE_ID, raw);
  if (isRecord(raw) && "output" in raw) return parseResponsesStyle(raw);
  throw new ProviderError(COMPATIBLE_ID, "bad-response", "neither a Chat Completions nor a Responses body");
}
