import { z } from "zod";

/**
 * The fields of an OpenAI Responses API body that the parser reads (SDK 7.x `Response` type).
 * Loose everywhere: new fields and new item types must not break parsing. The same shape is sent
 * by other Responses-style APIs (xAI, OpenRouter's Responses beta), so nothing OpenAI-only is required.
 */

/** One annotation on an `output_text` part; only `url_citation` ones are read. */
export const annotationSchema = z.looseObject({
  type: z.string(),
  url: z.string().optional(),
  title: z.string().nullish(),
  /** Offset into the part's text in code points (not UTF-16, not bytes). */
  start_index: z.number().int().nonnegative().nullish(),
  /** Exclusive end offset into the part's text in code points. */
  end_index: z.number().int().nonnegative().nullish(),
});
export type ResponsesAnnotation = z.infer<typeof annotationSchema>;

/** A `message` content part: `output_text` (text + annotations) or `refusal`. */
export const contentPartSchema = z.looseObject({
  type: z.string(),
  text: z.string().optional(),
  refusal: z.string().optional(),
  annotations: z.array(annotationSchema).nullish(),
});
export type ResponsesContentPart = z.infer<typeof contentPartSchema>;

/** `web_search_call.action`: `search` (queries, sources), `open_page` or `find_in_page`. */
export const webSearchActionSchema = z.looseObject({
  type: z.string(),
  queries: z.array(z.string()).nullish(),
  /** Deprecated single query; older bodies send only this, some send both. */
  query: z.string().nullish(),
  /** Present only with `include: ["web_search_call.action.sources"]`. */
  sources: z.array(z.looseObject({ url: z.string() })).nullish(),
});

/** Any item of `output[]`; the parser reads `message` and `web_search_call` items and skips the rest. */
export const outputItemSchema = z.looseObject({
  type: z.string(),
  status: z.string().nullish(),
  /** `commentary` for narration between tool calls, `final_answer` for the answer (newer bodies). */
  phase: z.string().nullish(),
  content: z.array(contentPartSchema).nullish(),
  action: webSearchActionSchema.nullish(),
});
export type ResponsesOutputItem = z.infer<typeof outputItemSchema>;

/** Token counts of one response. */
export const responsesUsageSchema = z.looseObject({
  input_tokens: z.number().int().nonnegative(),
  output_tokens: z.number().int().nonnegative(),
  input_tokens_details: z.looseObject({ cached_tokens: z.number().int().nonnegative().nullish() }).nullish(),
  output_tokens_details: z
    .looseObject({ reasoning_tokens: z.number().int().nonnegative().nullish() })
    .nullish(),
});

export const responsesBodySchema = z.looseObject({
  output: z.array(outputItemSchema),
  /** The model that answered (often a dated snapshot of the requested one). */
  model: z.string().nullish(),
  /** `completed | incomplete | failed | cancelled | in_progress | queued`; absent counts as completed. */
  status: z.string().nullish(),
  error: z.looseObject({ code: z.string().nullish(), message: z.string().nullish() }).nullish(),
  incomplete_details: z.looseObject({ reason: z.string().nullish() }).nullish(),
  usage: responsesUsageSchema.nullish(),
  /** Billable hosted-tool counts (SDK 7.x): `web_search.num_requests` excludes page opens. */
  tool_usage: z
    .looseObject({
      web_search: z.looseObject({ num_requests: z.number().int().nonnegative() }).nullish(),
    })
    .nullish(),
});
export type ResponsesBody = z.infer<typeof responsesBodySchema>;
