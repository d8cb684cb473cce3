import type { MockAnswer } from "./answer.ts";
import { codePointIndex, composeMarkdown, tokensOf } from "./compose.ts";
import { bearerToken, hasTool, isRecord, questionOfInput } from "./http-util.ts";
import { hashString, Random } from "./random.ts";
import { type MockSource, withUtm } from "./sources.ts";
import type { ErrorContext, MockRequest, ReadRequest, WireFormat } from "./types.ts";

/**
 * OpenAI Responses API (`POST /v1/responses`) with the hosted `web_search` tool: `reasoning` and
 * `web_search_call` items, then one `message` whose `output_text` parts carry inline
 * `([domain](url))` links and `url_citation` annotations over them, offsets in code points.
 */

const snapshot = "-2026-10-14";

/** The dated snapshot OpenAI reports as `model` for an alias. */
function servedModel(model: string): string {
  return /-\d{4}-\d{2}-\d{2}$/.test(model) ? model : `${model}${snapshot}`;
}

function read(request: MockRequest): ReadRequest | string {
  const body = request.body;
  if (!isRecord(body)) return "request body must be a JSON object";
  if (typeof body.model !== "string" || !body.model) return "Missing required parameter: 'model'.";
  const question = questionOfInput(body.input);
  if (!question.trim()) return "Missing required parameter: 'input'.";
  const search = hasTool(body.tools, (t) => t === "web_search" || t.startsWith("web_search_preview"));
  return { question, model: body.model, search };
}

function errorBody(status: number, context: ErrorContext, message?: string): unknown {
  const error = (type: string, text: string, code: string | null) => ({
    error: { message: text, type, param: null, code },
  });
  if (status === 401) {
    return error(
      "invalid_request_error",
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
      null,
    );
  }
  if (status === 429) {
    return error(
      "requests",
      `Rate limit reached for ${context.model} in organization org-mock on requests per min (RPM): Limit 500, Used 500, Requested 1. Please try again in ${context.retryAfterSec}s.`,
      "rate_limit_exceeded",
    );
  }
  if (status === 503)
    return error("server_error", "The engine is currently overloaded, please try again later.", null);
  if (status >= 500) {
    return error(
      "server_error",
      "The server had an error while processing your request. Sorry about that!",
      null,
    );
  }
  return error("invalid_request_error", message ?? `Request failed with status ${status}.`, null);
}

/** Splits the text in two `output_text` parts at a list item, as long answers often arrive. */
function parts(text: string, splitAt: number | undefined): { text: string; offset: number }[] {
  if (splitAt === undefined || splitAt <= 0) return [{ text, offset: 0 }];
  return [
    { text: text.slice(0, splitAt), offset: 0 },
    { text: text.slice(splitAt), offset: splitAt },
  ];
}

function answerBody(answer: MockAnswer, read: ReadRequest, request: MockRequest): unknown {
  const random = new Random(answer.salt ^ hashString("openai"));
  const id = (prefix: string) => `${prefix}_${random.token(48, "0123456789abcdef")}`;
  const tagged = new Map<string, string>();
  const linkOf = (s: MockSource) => {
    if (!tagged.has(s.url)) tagged.set(s.url, random.chance(0.7) ? withUtm(s.url, "openai") : s.url);
    return tagged.get(s.url) ?? s.url;
  };
  const composed = composeMarkdown(answer, read.search ? (s) => ` ([${s.domain}](${linkOf(s)}))` : null);
  const split = random.chance(0.5)
    ? composed.itemStarts[Math.floor(composed.itemStarts.length / 2)]
    : undefined;
  const content = parts(composed.text, split).map((part) => ({
    type: "output_text",
    annotations: composed.spans
      .filter((s) => s.markerStart >= part.offset && s.markerEnd <= part.offset + part.text.length)
      .map((s) => ({
        type: "url_citation",
        start_index: codePointIndex(part.text, s.markerStart - part.offset),
        end_index: codePointIndex(part.text, s.markerEnd - part.offset),
        url: linkOf(s.source),
        title: s.source.title,
      })),
    logprobs: [],
    text: part.text,
  }));

  const output: unknown[] = [{ id: id("rs"), type: "reasoning", summary: [] }];
  if (read.search) {
    // Like the real API, sources come back only when the request asks for them.
    const include = isRecord(request.body) ? request.body.include : undefined;
    const withSources = Array.isArray(include) && include.includes("web_search_call.action.sources");
    answer.queries.forEach((query, i) => {
      const mine = answer.sources.filter((_, j) => j % answer.queries.length === i);
      const action = { type: "search", query, queries: [query] };
      const sources = mine.map((s) => ({ type: "url", url: s.url }));
      output.push({
        id: id("ws"),
        type: "web_search_call",
        status: "completed",
        action: withSources ? { ...action, sources } : action,
      });
    });
    const opened = answer.items[0]?.source.url;
    if (opened && random.chance(0.5)) {
      output.push({
        id: id("ws"),
        type: "web_search_call",
        status: "completed",
        action: { type: "open_page", url: opened },
      });
    }
  }
  output.push({
    id: id("msg"),
    type: "message",
    status: "completed",
    role: "assistant",
    phase: "final_answer",
    content,
  });

  const outputTokens = tokensOf(composed.text) + answer.reasoningTokens;
  const created = 1_795_600_000 + (answer.salt % 1_000_000);
  const body = isRecord(request.body) ? request.body : {};
  return {
    id: id("resp"),
    object: "response",
    created_at: created,
    status: "completed",
    background: false,
    completed_at: created + 4,
    error: null,
    incomplete_details: null,
    instructions: null,
    max_output_tokens: null,
    model: servedModel(read.model),
    output,
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: isRecord(body.reasoning) ? (body.reasoning.effort ?? null) : null, summary: null },
    store: false,
    temperature: 1,
    text: { format: { type: "text" }, verbosity: "medium" },
    tool_choice: "auto",
    tools: Array.isArray(body.tools) ? body.tools : [],
    top_p: 1,
    truncation: "disabled",
    usage: {
      input_tokens: answer.inputTokens,
      input_tokens_details: { cached_tokens: random.chance(0.3) ? 1024 : 0 },
      output_tokens: outputTokens,
      output_tokens_details: { reasoning_tokens: answer.reasoningTokens },
      total_tokens: answer.inputTokens + outputTokens,
    },
    user: null,
    metadata: {},
  };
}

export const openaiWire: WireFormat = {
  provider: "openai",
  prefix: "/openai",
  basePath: "/openai/v1",
  handles: (method, pathname) => method === "POST" && pathname === "/openai/v1/responses",
  hasCredential: (request) => bearerToken(request) !== undefined,
  read,
  errorBody,
  answerBody,
};
