import type { ParsedAnswer, Usage } from "../types.ts";
import { badResponse, describeIssues, refused } from "./failures.ts";
import { type ListedSource, splitByMarkers, usableSources } from "./markers.ts";
import { type LegacyBody, legacyBody } from "./schema.ts";

/**
 * Legacy Sonar chat-completions body → answer. Sonar Chat Completions was retired on 2026-09-27,
 * but gateways (OpenRouter and others) still return this shape for Perplexity models, and stored
 * answers from before the retirement must re-parse. `[n]` markers are 1-based positions in
 * `citations`, or in `search_results` when `citations` is absent.
 */
export function parseLegacy(raw: unknown): ParsedAnswer {
  const parsed = legacyBody.safeParse(raw);
  if (!parsed.success) throw badResponse(`not a chat-completions body: ${describeIssues(parsed.error)}`);
  const body = parsed.data;
  const choice = body.choices[0];
  if (!choice) throw badResponse("chat body without choices");

  const content = choice.message.content ?? "";
  if (content.trim() === "") {
    if (choice.message.refusal) throw refused(`refused: ${choice.message.refusal}`);
    if (choice.finish_reason === "content_filter") throw refused("answer blocked by content filter");
    throw badResponse(`chat body without answer text (finish_reason ${choice.finish_reason ?? "none"})`);
  }
  // A cut-off answer is not what a user would read; the Agent API's `incomplete` is treated alike.
  if (choice.finish_reason === "length")
    throw badResponse("answer cut off at the token limit (finish_reason length)");

  const warnings: string[] = [];
  const listed = listSources(body);
  const split = splitByMarkers(content, usableSources(listed, warnings));
  for (const n of split.dangling) warnings.push(`marker [${n}] names no entry of the source list`);

  return {
    text: content,
    citations: split.citations,
    retrieved: split.retrieved,
    // The chat shape never listed the queries it ran.
    searchQueries: [],
    servedModel: body.model ?? null,
    usage: readUsage(body, listed.length > 0),
    reportedCostUsd: readCost(body),
    warnings,
  };
}

/** `citations` when present (titles borrowed from `search_results` by URL), else `search_results`. */
function listSources(body: LegacyBody): ListedSource[] {
  const results = body.search_results ?? [];
  if (body.citations) {
    const titleOf = new Map<string, string>();
    for (const r of results) if (r.title && !titleOf.has(r.url)) titleOf.set(r.url, r.title);
    return body.citations.map((url, i) => ({ key: i + 1, url, title: titleOf.get(url) }));
  }
  return results.map((r, i) => ({ key: i + 1, url: r.url, title: r.title }));
}

/**
 * Sonar searched once per request and billed it as the request fee, so an answer with sources
 * counts one search unless the body says how many queries it ran.
 */
function readUsage(body: LegacyBody, hasSources: boolean): Usage {
  const u = body.usage;
  return {
    inputTokens: u?.prompt_tokens ?? 0,
    cachedInputTokens: u?.prompt_tokens_details?.cached_tokens ?? 0,
    outputTokens: u?.completion_tokens ?? 0,
    reasoningTokens: u?.reasoning_tokens ?? 0,
    searches: u?.num_search_queries ?? (hasSources ? 1 : 0),
  };
}

/** Perplexity sent `usage.cost.total_cost`; OpenRouter sends `usage.cost` as a USD number. */
function readCost(body: LegacyBody): number | null {
  const cost = body.usage?.cost;
  const total = typeof cost === "number" ? cost : cost?.total_cost;
  return total !== undefined && total !== null && Number.isFinite(total) ? total : null;
}
