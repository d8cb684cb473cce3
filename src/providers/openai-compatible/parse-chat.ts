import { z } from "zod";
import { ProviderError } from "../../core/errors.ts";
import { citationRef, codePointOffsets } from "../openai/sources.ts";
import type { ParsedAnswer, SourceRef } from "../types.ts";
import { type ChatBody, chatBodySchema, reportedCostOf, reportedSearchesOf } from "./schema.ts";

/**
 * Chat Completions bodies as answers: `choices[0].message.content` and its `url_citation`
 * annotations. Chat bodies carry no search queries and no retrieved-only sources.
 */

function clip(text: string, max = 300): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
}

function citationsOf(body: ChatBody, text: string): { citations: SourceRef[]; warnings: string[] } {
  const toUtf16 = codePointOffsets(text);
  const citations: SourceRef[] = [];
  const warnings: string[] = [];
  for (const a of body.choices[0]?.message.annotations ?? []) {
    if (a.type !== "url_citation") continue;
    const c = a.url_citation ?? a;
    if (!c.url) {
      warnings.push("url_citation without a URL skipped");
      continue;
    }
    citations.push(
      citationRef({ url: c.url, title: c.title, start: c.start_index, end: c.end_index }, toUtf16, 0),
    );
  }
  return { citations, warnings };
}

/** Throws the failure a 200 chat body stands for: refusal, content filter, cut-off or no text. */
function assertAnswered(provider: string, body: ChatBody): string {
  const choice = body.choices[0];
  const refusal = choice?.message.refusal;
  if (refusal?.trim()) {
    throw new ProviderError(provider, "refused", `model refused: ${clip(refusal)}`, { code: "refusal" });
  }
  const finish = choice?.finish_reason;
  if (finish === "content_filter") {
    throw new ProviderError(provider, "refused", "answer blocked by a content filter", { code: finish });
  }
  if (finish === "length") {
    throw new ProviderError(provider, "bad-response", "answer cut off (finish_reason length)", {
      code: finish,
    });
  }
  const text = choice?.message.content ?? "";
  if (!text.trim()) throw new ProviderError(provider, "bad-response", "response has no answer text");
  return text;
}

/** Validates a Chat Completions body; junk becomes `bad-response`. */
export function readChatBody(provider: string, raw: unknown): ChatBody {
  const parsed = chatBodySchema.safeParse(raw);
  if (!parsed.success) {
    const why = z.prettifyError(parsed.error).replace(/\s+/g, " ").slice(0, 300);
    throw new ProviderError(provider, "bad-response", `not a Chat Completions body: ${why}`);
  }
  return parsed.data;
}

export function parseChatBody(provider: string, raw: unknown): ParsedAnswer {
  const body = readChatBody(provider, raw);
  const text = assertAnswered(provider, body);
  const { citations, warnings } = citationsOf(body, text);
  const u = body.usage;
  return {
    text,
    citations,
    retrieved: [],
    searchQueries: [],
    servedModel: body.model ?? null,
    usage: {
      inputTokens: u?.prompt_tokens ?? 0,
      cachedInputTokens: u?.prompt_tokens_details?.cached_tokens ?? 0,
      outputTokens: u?.completion_tokens ?? 0,
      reasoningTokens: u?.completion_tokens_details?.reasoning_tokens ?? 0,
      // Chat search models bill per request but say nothing; only gateways report a count.
      searches: reportedSearchesOf(u) ?? 0,
    },
    reportedCostUsd: reportedCostOf(u),
    warnings: [...warnings, ...(u ? [] : ["response carries no usage"])],
  };
}
