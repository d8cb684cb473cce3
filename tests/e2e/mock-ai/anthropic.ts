import type { MockAnswer } from "./answer.ts";
import { composeMarkdown, stretches, tokensOf } from "./compose.ts";
import { bearerToken, hasTool, headerOf, isRecord, textOfContent } from "./http-util.ts";
import { phrases } from "./phrases.ts";
import { hashString, Random } from "./random.ts";
import type { MockSource } from "./sources.ts";
import type { ErrorContext, MockRequest, ReadRequest, WireFormat } from "./types.ts";

/**
 * Anthropic Messages (`POST /v1/messages`) with the `web_search` server tool: a preamble text
 * block, `server_tool_use` + `web_search_tool_result` per search, then the answer split over text
 * blocks, cited blocks carrying `web_search_result_location` citations. Uncited blocks have no
 * `citations` key at all, as in real bodies.
 */

const base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
/** Opaque base64 like Anthropic's encrypted fields, which start with `Eq`. */
const opaque = (random: Random, length: number) => `Eq${random.token(length, base64)}`;

function read(request: MockRequest): ReadRequest | string {
  const body = request.body;
  if (!isRecord(body)) return "request body must be a JSON object";
  if (typeof body.model !== "string" || !body.model) return "model: Field required";
  const messages = Array.isArray(body.messages) ? body.messages : [];
  const firstUser = messages.find((m) => isRecord(m) && m.role === "user");
  const question = isRecord(firstUser) ? textOfContent(firstUser.content) : "";
  if (!question.trim()) return "messages: at least one user message with text is required";
  const search = hasTool(body.tools, (t) => t.startsWith("web_search_"));
  return { question, model: body.model, search };
}

function errorBody(status: number, _context: ErrorContext, message?: string): unknown {
  const error = (type: string, text: string) => ({
    type: "error",
    error: { type, message: text },
    request_id: `req_011CMock${String(status).padStart(3, "0")}`,
  });
  if (status === 401) return error("authentication_error", "x-api-key header is required");
  if (status === 402)
    return error("billing_error", "Your credit balance is too low to access the Anthropic API.");
  if (status === 429) {
    return error(
      "rate_limit_error",
      "This request would exceed the rate limit for your organization of 50 requests per minute.",
    );
  }
  if (status === 503 || status === 529) return error("overloaded_error", "Overloaded");
  if (status >= 500) return error("api_error", "Internal server error");
  if (status === 404) return error("not_found_error", message ?? "Not found");
  return error("invalid_request_error", message ?? `Request failed with status ${status}.`);
}

function answerBody(answer: MockAnswer, read: ReadRequest): unknown {
  const random = new Random(answer.salt ^ hashString("anthropic"));
  const p = phrases[answer.language];
  const content: unknown[] = [];
  if (random.chance(0.6)) {
    content.push({ type: "thinking", thinking: p.preambles.join(" "), signature: opaque(random, 160) });
  }
  if (read.search) {
    content.push({ type: "text", text: answer.preamble });
    answer.queries.forEach((query, i) => {
      if (i > 0) content.push({ type: "text", text: random.pick(p.preambles) });
      const toolId = `srvtoolu_01${random.token(22)}`;
      content.push({
        type: "server_tool_use",
        id: toolId,
        name: "web_search",
        input: { query },
        caller: { type: "direct" },
      });
      content.push({
        type: "web_search_tool_result",
        tool_use_id: toolId,
        content: answer.sources
          .filter((_, j) => j % answer.queries.length === i)
          .map((s) => result(s, random)),
        caller: { type: "direct" },
      });
    });
  }
  const composed = composeMarkdown(answer, read.search ? () => "" : null);
  for (const stretch of stretches(composed)) {
    content.push(
      stretch.source
        ? { type: "text", text: stretch.text, citations: [citation(stretch.source, random)] }
        : { type: "text", text: stretch.text },
    );
  }
  const outputTokens = tokensOf(composed.text) + answer.reasoningTokens;
  return {
    id: `msg_01${random.token(22)}`,
    type: "message",
    role: "assistant",
    model: read.model,
    content,
    container: null,
    stop_reason: "end_turn",
    stop_sequence: null,
    stop_details: null,
    usage: {
      input_tokens: answer.inputTokens,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
      output_tokens: outputTokens,
      output_tokens_details: { thinking_tokens: answer.reasoningTokens },
      server_tool_use: {
        web_search_requests: read.search ? answer.queries.length : 0,
        web_fetch_requests: 0,
      },
      service_tier: "standard",
    },
  };
}

function result(source: MockSource, random: Random): unknown {
  return {
    type: "web_search_result",
    title: source.title,
    url: source.url,
    encrypted_content: opaque(random, 240),
    page_age: random.pick(["2 weeks ago", "1 month ago", "5 days ago", "March 3, 2026", null]),
  };
}

function citation(source: MockSource, random: Random): unknown {
  return {
    type: "web_search_result_location",
    cited_text: source.snippet,
    url: source.url,
    title: source.title,
    encrypted_index: opaque(random, 120),
  };
}

export const anthropicWire: WireFormat = {
  provider: "anthropic",
  prefix: "/anthropic",
  basePath: "/anthropic",
  handles: (method, pathname) => method === "POST" && pathname === "/anthropic/v1/messages",
  // The SDK sends `x-api-key`; `authToken` clients send a bearer token instead.
  hasCredential: (request) =>
    headerOf(request, "x-api-key") !== undefined || bearerToken(request) !== undefined,
  read,
  errorBody,
  answerBody,
};
