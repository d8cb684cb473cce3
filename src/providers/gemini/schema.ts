import { z } from "zod";

/**
 * The fields of a Gemini `generateContent` body that the parser reads (field names as the API
 * sends them, checked against `@google/genai` 3.3 types). Every object is loose: Google adds fields
 * (`serviceTier`, `thoughtSignature`, `renderedParts` ...) without notice, and they must not break
 * parsing. Nullish is accepted wherever proto3 JSON could plausibly send `null`.
 */

const count = z.number().nonnegative().nullish();

/** One part of the answer; `thought: true` marks the model's thinking, never the answer. */
export const partSchema = z.looseObject({
  text: z.string().nullish(),
  thought: z.boolean().nullish(),
});

/**
 * Where a support sits: `startIndex`/`endIndex` are UTF-8 **byte** offsets into the part named by
 * `partIndex` (each omitted when 0).
 */
export const segmentSchema = z.looseObject({
  partIndex: z.number().int().nonnegative().nullish(),
  startIndex: z.number().int().nonnegative().nullish(),
  endIndex: z.number().int().nonnegative().nullish(),
  text: z.string().nullish(),
});

export const supportSchema = z.looseObject({
  segment: segmentSchema.nullish(),
  groundingChunkIndices: z.array(z.number().int()).nullish(),
});

/** A retrieved source; only `web` chunks come from Google Search. */
export const chunkSchema = z.looseObject({
  web: z
    .looseObject({
      uri: z.string().nullish(),
      title: z.string().nullish(),
    })
    .nullish(),
});

export const groundingMetadataSchema = z.looseObject({
  webSearchQueries: z.array(z.string()).nullish(),
  groundingChunks: z.array(chunkSchema).nullish(),
  groundingSupports: z.array(supportSchema).nullish(),
});

export const candidateSchema = z.looseObject({
  content: z.looseObject({ parts: z.array(partSchema).nullish() }).nullish(),
  finishReason: z.string().nullish(),
  finishMessage: z.string().nullish(),
  groundingMetadata: groundingMetadataSchema.nullish(),
  /** Present with `finishReason: CONTINUATION`: the answer goes on in a further request. */
  continuationToken: z.string().nullish(),
});

/** Token counts of one request. `toolUsePromptTokenCount` is search results fed back as input. */
export const usageMetadataSchema = z.looseObject({
  promptTokenCount: count,
  candidatesTokenCount: count,
  toolUsePromptTokenCount: count,
  thoughtsTokenCount: count,
  cachedContentTokenCount: count,
});

/** One `generateContent` response body. */
export const responseSchema = z.looseObject({
  candidates: z.array(candidateSchema).nullish(),
  promptFeedback: z
    .looseObject({
      blockReason: z.string().nullish(),
      blockReasonMessage: z.string().nullish(),
    })
    .nullish(),
  usageMetadata: usageMetadataSchema.nullish(),
  modelVersion: z.string().nullish(),
});

/** Raw form of an answer that took several requests (continuation hops), in request order. */
export const chainSchema = z.looseObject({
  responses: z.array(z.unknown()).min(1),
});

export type GeminiPart = z.infer<typeof partSchema>;
export type GeminiSupport = z.infer<typeof supportSchema>;
export type GeminiChunk = z.infer<typeof chunkSchema>;
export type GeminiCandidate = z.infer<typeof candidateSchema>;
export type GeminiResponse = z.infer<typeof responseSchema>;
