import { ProviderError } from "../../core/errors.ts";
import type { ParsedAnswer, Usage } from "../types.ts";
import { blockFailure, finishFailure } from "./finish-reason.ts";
import { groundAnswer } from "./grounding.ts";
import { searchBillingUnit } from "./models.ts";
import {
  chainSchema,
  type GeminiChunk,
  type GeminiPart,
  type GeminiResponse,
  type GeminiSupport,
  responseSchema,
} from "./schema.ts";

/**
 * Turns stored Gemini bodies back into an answer. `raw` is one `generateContent` body, or
 * `{ responses: [...] }` when the answer took several requests (continuation hops): the hops are
 * merged the way `@google/genai` merges them (parts and chunks appended, each later hop's
 * `partIndex` and chunk indices shifted past the earlier ones, token counts summed).
 */

export const geminiId = "gemini";

function fail(kind: ProviderError["kind"], message: string): never {
  throw new ProviderError(geminiId, kind, message);
}

/** The response bodies in `raw`, validated, in request order. */
function hopsOf(raw: unknown): GeminiResponse[] {
  const isObject = typeof raw === "object" && raw !== null && !Array.isArray(raw);
  const chain = isObject && !("candidates" in raw) ? chainSchema.safeParse(raw) : undefined;
  const bodies = chain?.success ? chain.data.responses : [raw];
  return bodies.map((body, i) => {
    const parsed = responseSchema.safeParse(body);
    if (!parsed.success || typeof body !== "object" || body === null || Array.isArray(body)) {
      fail("bad-response", `response ${i + 1} is not a generateContent body`);
    }
    return parsed.data;
  });
}

interface Merged {
  parts: GeminiPart[];
  chunks: GeminiChunk[];
  supports: GeminiSupport[];
  queries: string[];
}

/** Appends hop after hop, shifting supports so that they keep pointing at their own parts and chunks. */
function merge(hops: readonly GeminiResponse[]): Merged {
  const merged: Merged = { parts: [], chunks: [], supports: [], queries: [] };
  for (const hop of hops) {
    const candidate = hop.candidates?.[0];
    const meta = candidate?.groundingMetadata;
    const partOffset = merged.parts.length;
    const chunkOffset = merged.chunks.length;
    for (const support of meta?.groundingSupports ?? []) {
      merged.supports.push({
        ...support,
        segment: support.segment
          ? { ...support.segment, partIndex: (support.segment.partIndex ?? 0) + partOffset }
          : support.segment,
        groundingChunkIndices: (support.groundingChunkIndices ?? []).map((i) => i + chunkOffset),
      });
    }
    merged.parts.push(...(candidate?.content?.parts ?? []));
    merged.chunks.push(...(meta?.groundingChunks ?? []));
    merged.queries.push(...(meta?.webSearchQueries ?? []));
  }
  return merged;
}

/**
 * Token counts summed over hops (each request is billed in full). Input counts the search results
 * fed back to the model (`toolUsePromptTokenCount`); output counts thinking, billed as output.
 * Searches are billing units: each query on Gemini 3+, one per grounded request on Gemini 2.x.
 */
function usageOf(hops: readonly GeminiResponse[]): Usage {
  const usage: Usage = {
    inputTokens: 0,
    cachedInputTokens: 0,
    outputTokens: 0,
    reasoningTokens: 0,
    searches: 0,
  };
  for (const hop of hops) {
    const u = hop.usageMetadata;
    const thoughts = u?.thoughtsTokenCount ?? 0;
    usage.inputTokens += (u?.promptTokenCount ?? 0) + (u?.toolUsePromptTokenCount ?? 0);
    usage.cachedInputTokens += u?.cachedContentTokenCount ?? 0;
    usage.outputTokens += (u?.candidatesTokenCount ?? 0) + thoughts;
    usage.reasoningTokens += thoughts;
    const queries = hop.candidates?.[0]?.groundingMetadata?.webSearchQueries?.length ?? 0;
    const perPrompt = searchBillingUnit(hop.modelVersion ?? "") === "prompt";
    usage.searches += perPrompt ? Math.min(queries, 1) : queries;
  }
  return usage;
}

/** Rejects bodies that hold no usable answer, with the kind the reason implies. */
function assertAnswered(hops: readonly GeminiResponse[]): void {
  for (const hop of hops) {
    const block = hop.promptFeedback?.blockReason;
    if (block) {
      const f = blockFailure(block, hop.promptFeedback?.blockReasonMessage);
      fail(f.kind, f.message);
    }
    if (!hop.candidates?.[0]) fail("bad-response", "no candidates in the response");
  }
  const last = hops.at(-1)?.candidates?.[0];
  const failure = finishFailure(last?.finishReason, last?.finishMessage, Boolean(last?.continuationToken));
  if (failure) fail(failure.kind, failure.message);
}

export function parse(raw: unknown): ParsedAnswer {
  const hops = hopsOf(raw);
  assertAnswered(hops);
  const merged = merge(hops);
  const grounded = groundAnswer(merged);
  if (grounded.text.trim() === "") fail("bad-response", "the candidate holds no answer text");
  const usage = usageOf(hops);
  const warnings = [...grounded.warnings];
  const toolTokens = hops.reduce((n, h) => n + (h.usageMetadata?.toolUsePromptTokenCount ?? 0), 0);
  if (merged.queries.length === 0 && toolTokens > 0) {
    warnings.push(
      `the model used ${toolTokens} tool-result tokens but the body names no search queries; searches may be undercounted`,
    );
  }
  return {
    text: grounded.text,
    citations: grounded.citations,
    retrieved: grounded.retrieved,
    searchQueries: merged.queries,
    servedModel: hops.at(-1)?.modelVersion ?? null,
    usage,
    reportedCostUsd: null,
    warnings,
  };
}
