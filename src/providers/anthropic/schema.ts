import { z } from "zod";

/**
 * Minimal zod schemas of the Messages API body: only the fields the parser reads, tolerant of new ones
 * (architecture rule 4). Block types we do not read (`thinking`, `redacted_thinking`, code-execution
 * results of newer search tool versions ...) pass as `otherBlock` and are skipped.
 */

/** A citation on a text block; only `web_search_result_location` ones are read, others are ignored. */
const citationSchema = z.looseObject({
  type: z.string(),
  url: z.string().optional(),
  title: z.string().nullish(),
});

/** `citations` is missing in real bodies when a block cites nothing; the SDK type says nullable. */
const textBlockSchema = z.looseObject({
  type: z.literal("text"),
  text: z.string(),
  citations: z.array(citationSchema).nullish(),
});

const serverToolUseSchema = z.looseObject({
  type: z.literal("server_tool_use"),
  id: z.string(),
  name: z.string(),
  input: z.unknown(),
});

const searchResultSchema = z.looseObject({
  type: z.literal("web_search_result"),
  url: z.string(),
  title: z.string().nullish(),
});

/** A failed search inside an HTTP 200 (`max_uses_exceeded`, `too_many_requests`, `unavailable` ...). */
const searchErrorSchema = z.looseObject({
  type: z.literal("web_search_tool_result_error"),
  error_code: z.string(),
});

const searchToolResultSchema = z.looseObject({
  type: z.literal("web_search_tool_result"),
  tool_use_id: z.string(),
  content: z.union([z.array(searchResultSchema), searchErrorSchema]),
});

const readTypes: readonly string[] = ["text", "server_tool_use", "web_search_tool_result"];

/** Any other block; a malformed block of a type we read must fail instead of landing here. */
const otherBlockSchema = z.looseObject({
  type: z.string().refine((t) => !readTypes.includes(t), "malformed content block"),
});

export const contentBlockSchema = z.union([
  textBlockSchema,
  serverToolUseSchema,
  searchToolResultSchema,
  otherBlockSchema,
]);

const usageSchema = z.looseObject({
  input_tokens: z.number().nonnegative(),
  output_tokens: z.number().nonnegative(),
  cache_creation_input_tokens: z.number().nonnegative().nullish(),
  cache_read_input_tokens: z.number().nonnegative().nullish(),
  output_tokens_details: z.looseObject({ thinking_tokens: z.number().nonnegative().nullish() }).nullish(),
  server_tool_use: z.looseObject({ web_search_requests: z.number().nonnegative().nullish() }).nullish(),
});

/** One Messages API response body (`type: "message"`). */
export const messageSchema = z.looseObject({
  model: z.string(),
  content: z.array(contentBlockSchema),
  stop_reason: z.string().nullable(),
  stop_details: z
    .looseObject({ category: z.string().nullish(), explanation: z.string().nullish() })
    .nullish(),
  usage: usageSchema,
});

/** An answer that needed `pause_turn` continuations: every body in request order. */
export const chainSchema = z.looseObject({
  responses: z.array(messageSchema).min(1),
});

export type ContentBlock = z.infer<typeof contentBlockSchema>;
export type TextBlock = z.infer<typeof textBlockSchema>;
export type SearchToolResult = z.infer<typeof searchToolResultSchema>;
export type ServerToolUse = z.infer<typeof serverToolUseSchema>;
export type MessageBody = z.infer<typeof messageSchema>;

export const isText = (b: ContentBlock): b is TextBlock => b.type === "text";
export const isServerToolUse = (b: ContentBlock): b is ServerToolUse => b.type === "server_tool_use";
export const isSearchResult = (b: ContentBlock): b is SearchToolResult => b.type === "web_search_tool_result";

/**
 * Blocks that belong to the server tool loop. Newer search tool versions add code-execution and
 * fetch results (`*_tool_result`); they separate narration from the answer like search results do.
 */
export const isToolBlock = (b: ContentBlock): boolean =>
  b.type === "server_tool_use" || b.type.endsWith("_tool_result");
