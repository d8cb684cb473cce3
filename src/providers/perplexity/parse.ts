import type { ParsedAnswer, Usage } from "../types.ts";
import { agentStatusFailure, badResponse, describeIssues, refused } from "./failures.ts";
import { type ListedSource, splitByMarkers, usableSources } from "./markers.ts";
import { parseLegacy } from "./parse-legacy.ts";
import {
  type AgentBody,
  agentBody,
  agentMessageItem,
  agentSearchResultsItem,
  agentStatusFields,
} from "./schema.ts";

/**
 * Turns a stored Perplexity body back into an answer. Two shapes arrive: the Agent API body
 * (what `ask` gets since Sonar Chat Completions was retired on 2026-09-27) and the legacy chat
 * body that gateways still return. A body with `choices` is the chat shape; anything else must
 * be an Agent API body, and junk fails there with `bad-response`.
 */
export function parse(raw: unknown): ParsedAnswer {
  if (isRecord(raw) && "choices" in raw) return parseLegacy(raw);
  return parseAgent(raw);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Agent API body (`POST /v1/agent`, Responses-shaped) → answer. The text is every `output_text`
 * of every `message` item, kept as returned (markers included); sources are the `search_results`
 * items, whose result `id`s (not their positions) are what the `[n]` markers name.
 */
function parseAgent(raw: unknown): ParsedAnswer {
  const head = agentStatusFields.safeParse(raw);
  if (!head.success) throw badResponse(`not an Agent API body: ${describeIssues(head.error)}`);
  const failure = agentStatusFailure({
    status: head.data.status,
    errorMessage: head.data.error?.message,
    errorCode: head.data.error?.code,
    incompleteReason: head.data.incomplete_details?.reason,
  });
  if (failure) throw failure;

  const parsed = agentBody.safeParse(raw);
  if (!parsed.success) throw badResponse(`not an Agent API body: ${describeIssues(parsed.error)}`);
  const body = parsed.data;

  const warnings: string[] = [];
  const { listed, queries, searchItems } = readSearchResults(body, warnings);
  const text = readAnswerText(body);

  const split = splitByMarkers(text, usableSources(listed, warnings));
  for (const n of split.dangling) warnings.push(`marker [${n}] names no search result`);

  const reportedSearches = body.usage?.tool_calls_details?.search_web?.invocation;
  if ((reportedSearches === undefined || reportedSearches === null) && searchItems > 0) {
    warnings.push("usage has no search_web invocation count; counted search_results items instead");
  }

  return {
    text,
    citations: split.citations,
    retrieved: split.retrieved,
    searchQueries: queries,
    servedModel: body.model ?? null,
    usage: readUsage(body, reportedSearches ?? searchItems),
    reportedCostUsd: readCost(body, warnings),
    warnings,
  };
}

function readSearchResults(body: AgentBody, warnings: string[]) {
  const listed: ListedSource[] = [];
  const queries: string[] = [];
  const seen = new Map<number, string>();
  let searchItems = 0;
  for (const [i, item] of body.output.entries()) {
    if (item.type !== "search_results") continue;
    const parsed = agentSearchResultsItem.safeParse(item);
    if (!parsed.success) throw badResponse(`output.${i} search_results: ${describeIssues(parsed.error)}`);
    searchItems += 1;
    queries.push(...(parsed.data.queries ?? []));
    for (const result of parsed.data.results) {
      const key = result.id ?? null;
      if (key !== null && seen.has(key) && seen.get(key) !== result.url) {
        warnings.push(`search result id ${key} is used for two URLs; a marker [${key}] cites both`);
      }
      if (key !== null && !seen.has(key)) seen.set(key, result.url);
      listed.push({ key, url: result.url, title: result.title });
    }
  }
  return { listed, queries, searchItems };
}

/** Parts of one message join with nothing (they are one text split up); messages with a blank line. */
function readAnswerText(body: AgentBody): string {
  const messages: string[] = [];
  const refusals: string[] = [];
  for (const [i, item] of body.output.entries()) {
    if (item.type !== "message") continue;
    const parsed = agentMessageItem.safeParse(item);
    if (!parsed.success) throw badResponse(`output.${i} message: ${describeIssues(parsed.error)}`);
    let text = "";
    for (const part of parsed.data.content) {
      if (part.type === "output_text") text += part.text ?? "";
      else if (part.type === "refusal" && part.refusal) refusals.push(part.refusal);
    }
    if (text.trim() !== "") messages.push(text);
  }
  if (messages.length === 0) {
    if (refusals.length > 0) throw refused(`refused: ${refusals.join(" ")}`);
    throw badResponse("completed response without answer text");
  }
  return messages.join("\n\n");
}

function readUsage(body: AgentBody, searches: number): Usage {
  const u = body.usage;
  return {
    inputTokens: u?.input_tokens ?? 0,
    cachedInputTokens:
      u?.input_tokens_details?.cached_tokens ?? u?.input_tokens_details?.cache_read_input_tokens ?? 0,
    outputTokens: u?.output_tokens ?? 0,
    reasoningTokens: u?.output_tokens_details?.reasoning_tokens ?? 0,
    searches,
  };
}

/** `usage.cost.total_cost` is the bill in USD; a cost in another currency would poison sums, so it is skipped. */
function readCost(body: AgentBody, warnings: string[]): number | null {
  const cost = body.usage?.cost;
  const total = cost?.total_cost;
  if (total === undefined || total === null || !Number.isFinite(total)) return null;
  if (cost?.currency && cost.currency.toUpperCase() !== "USD") {
    warnings.push(`reported cost is in ${cost.currency}, not USD; ignored`);
    return null;
  }
  return total;
}
