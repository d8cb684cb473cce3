import type { z } from "zod";
import { ProviderError } from "../../core/errors.ts";
import { emptyUsage, type ParsedAnswer, type Usage } from "../types.ts";
import { assembleAnswer } from "./assemble.ts";
import { chainSchema, isSearchResult, type MessageBody, messageSchema } from "./schema.ts";

/** Registry id of this provider; prefixes every error it raises. */
export const providerId = "anthropic";

/** Stop reasons of a finished answer; `null` only appears on gateways that echo streaming shapes. */
const finished = new Set<string | null>(["end_turn", "stop_sequence", null]);

/**
 * Turns a stored raw body back into an answer: one Messages body, or `{ responses: [...] }` when
 * `pause_turn` needed continuations. Pure; `ask` uses it too, so both always agree.
 */
export function parse(raw: unknown): ParsedAnswer {
  const bodies = readBodies(raw);
  for (const body of bodies.slice(0, -1)) {
    if (body.stop_reason !== "pause_turn") {
      throw badResponse(`continued answer: an earlier response stopped with ${body.stop_reason}`);
    }
  }
  const last = bodies.at(-1) as MessageBody;
  checkStop(last);
  const answer = assembleAnswer(bodies.flatMap((b) => b.content));
  if (!answer.text.trim()) throw badResponse("no answer text after the last search result");
  const parsed: ParsedAnswer = {
    text: answer.text,
    citations: answer.citations,
    retrieved: answer.retrieved,
    searchQueries: answer.searchQueries,
    servedModel: last.model,
    usage: bodies.map(usageOf).reduce(addUsage, emptyUsage()),
    reportedCostUsd: null,
    warnings: answer.warnings,
  };
  if (answer.preamble !== undefined) parsed.preamble = answer.preamble;
  return parsed;
}

/** Validates either raw form into the list of bodies, in request order. */
export function readBodies(raw: unknown): MessageBody[] {
  if (raw !== null && typeof raw === "object" && !Array.isArray(raw) && "responses" in raw) {
    return validate(chainSchema, raw).responses;
  }
  return [readMessage(raw)];
}

/** Validates one body of a single request. */
export function readMessage(raw: unknown): MessageBody {
  return validate(messageSchema, raw);
}

/** A refusal is `refused`; anything but a finished turn is an incomplete, unusable answer. */
function checkStop(body: MessageBody): void {
  const reason = body.stop_reason;
  if (reason === "refusal") {
    const category = body.stop_details?.category ?? "unspecified";
    const why = body.stop_details?.explanation;
    throw new ProviderError(
      providerId,
      "refused",
      `refused (${category})${why ? `: ${why.slice(0, 300)}` : ""}`,
      {
        code: `refusal:${category}`,
      },
    );
  }
  // `pause_turn` here means the continuation budget ran out: the answer is incomplete.
  if (!finished.has(reason)) throw badResponse(`incomplete answer: stop_reason ${reason}`);
}

/**
 * Anthropic's `input_tokens` excludes cache reads and writes; our `inputTokens` counts all input,
 * with cache reads also in `cachedInputTokens`. Searches are billed per response, so they are summed.
 */
function usageOf(body: MessageBody): Usage {
  const u = body.usage;
  const cacheRead = u.cache_read_input_tokens ?? 0;
  const reported = u.server_tool_use?.web_search_requests;
  return {
    inputTokens: u.input_tokens + (u.cache_creation_input_tokens ?? 0) + cacheRead,
    cachedInputTokens: cacheRead,
    outputTokens: u.output_tokens,
    reasoningTokens: u.output_tokens_details?.thinking_tokens ?? 0,
    // Without a reported count, successful result blocks are the best estimate of billed searches.
    searches: reported ?? body.content.filter(isSearchResult).filter((b) => Array.isArray(b.content)).length,
  };
}

function addUsage(a: Usage, b: Usage): Usage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    cachedInputTokens: a.cachedInputTokens + b.cachedInputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    reasoningTokens: a.reasoningTokens + b.reasoningTokens,
    searches: a.searches + b.searches,
  };
}

function validate<T extends z.ZodType>(schema: T, raw: unknown): z.output<T> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
  throw badResponse(`unexpected body shape (${where}${issue?.message ?? "invalid"})`);
}

export function badResponse(message: string): ProviderError {
  return new ProviderError(providerId, "bad-response", message);
}
