import type { MockAnswer } from "./answer.ts";
import { composeMarkdown, tokensOf } from "./compose.ts";
import { bearerToken, hasTool, isRecord, questionOfInput } from "./http-util.ts";
import { hashString, Random } from "./random.ts";
import type { ErrorContext, MockRequest, ReadRequest, WireFormat } from "./types.ts";

/**
 * Perplexity Agent API (`POST /v1/agent`, Responses-shaped): a `search_results` item whose
 * results carry ids in no particular order, then a `message` whose `output_text` names results by
 * `[id]` markers (never by array position); `annotations` stay empty. `usage.cost.total_cost`
 * carries the bill. Unknown request fields are a 400, as on the real API.
 */

const knownFields = new Set([
  "model",
  "preset",
  "models",
  "input",
  "instructions",
  "max_output_tokens",
  "max_steps",
  "tools",
  "tool_choice",
  "stream",
  "reasoning",
  "response_format",
  "language_preference",
]);

/** What the preset answers with: presets pick another vendor's model (a real body names this one). */
const presetModel = "openai/gpt-6-luna";
const usdPerSearch = 0.0025;

function read(request: MockRequest): ReadRequest | string {
  const body = request.body;
  if (!isRecord(body)) return "request body must be a JSON object";
  const unknown = Object.keys(body).find((k) => !knownFields.has(k));
  if (unknown) return `Unrecognized request argument supplied: ${unknown}`;
  const preset = typeof body.preset === "string" ? body.preset : undefined;
  const model = typeof body.model === "string" ? body.model : undefined;
  if (!preset && !model) return "Either model or preset is required";
  const question = questionOfInput(body.input);
  if (!question.trim()) return "input is required";
  const search = preset !== undefined || hasTool(body.tools, (t) => t === "web_search");
  return { question, model: preset ? presetModel : (model ?? ""), search };
}

function errorBody(status: number, _context: ErrorContext, message?: string): unknown {
  const error = (type: string, text: string) => ({ error: { message: text, type, code: status } });
  if (status === 401)
    return error("invalid_api_key", "Missing API key. Send it as Authorization: Bearer <key>.");
  if (status === 429) {
    return error(
      "rate_limit_exceeded",
      "Rate limit exceeded. Please retry after the time in the retry-after header.",
    );
  }
  if (status === 503)
    return error("service_unavailable", "The service is temporarily overloaded. Please try again later.");
  if (status >= 500) return error("internal_server_error", "Internal server error");
  return error("invalid_request_error", message ?? `Request failed with status ${status}.`);
}

function uuid(random: Random): string {
  const hex = (n: number) => random.token(n, "0123456789abcdef");
  return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
}

function answerBody(answer: MockAnswer, read: ReadRequest): unknown {
  const random = new Random(answer.salt ^ hashString("perplexity"));
  const sources = read.search ? answer.sources : [];
  // Ids are a shuffled 1..n: markers must be resolved by id, and position-based parsing would fail.
  const ids = random.shuffle(sources.map((_, i) => i + 1));
  const idOf = new Map(sources.map((s, i) => [s.url, ids[i] ?? i + 1]));
  const composed = composeMarkdown(answer, read.search ? (s) => `[${idOf.get(s.url)}]` : null);

  const output: unknown[] = [];
  if (read.search) {
    output.push({
      type: "search_results",
      queries: answer.queries,
      results: sources.map((s) => ({
        id: idOf.get(s.url),
        url: s.url,
        title: s.title,
        snippet: s.snippet,
        ...(random.chance(0.6) ? { date: `2026-${random.int(1, 10).toString().padStart(2, "0")}-14` } : {}),
        last_updated: "2026-11-20",
        source: "web",
      })),
    });
  }
  output.push({
    type: "message",
    id: `msg_${uuid(random)}`,
    role: "assistant",
    status: "completed",
    content: [{ type: "output_text", text: composed.text, annotations: [] }],
  });

  const inputTokens = Math.round(answer.inputTokens / 5);
  const outputTokens = tokensOf(composed.text);
  const searches = read.search ? 1 : 0;
  const inputCost = (inputTokens * 0.25) / 1e6;
  const outputCost = (outputTokens * 2.5) / 1e6;
  const toolCost = searches * usdPerSearch;
  const round = (usd: number) => Math.round(usd * 1e6) / 1e6;
  const created = 1_795_600_000 + (answer.salt % 1_000_000);
  return {
    id: `resp_${uuid(random)}`,
    object: "response",
    created_at: created,
    completed_at: created + 5,
    status: "completed",
    error: null,
    incomplete_details: null,
    model: read.model,
    output,
    usage: {
      input_tokens: inputTokens,
      input_tokens_details: { cache_creation_input_tokens: 0, cache_read_input_tokens: 0, cached_tokens: 0 },
      output_tokens: outputTokens,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: inputTokens + outputTokens,
      ...(searches
        ? { tool_calls_details: { search_web: { invocation: searches, cost_usd: toolCost } } }
        : {}),
      cost: {
        currency: "USD",
        input_cost: round(inputCost),
        output_cost: round(outputCost),
        cache_creation_cost: 0,
        cache_read_cost: 0,
        tool_calls_cost: toolCost,
        tool_calls_cost_details: searches ? { search_web: toolCost } : {},
        total_cost: round(inputCost + outputCost + toolCost),
      },
    },
    user: null,
  };
}

export const perplexityWire: WireFormat = {
  provider: "perplexity",
  prefix: "/perplexity",
  basePath: "/perplexity",
  handles: (method, pathname) =>
    method === "POST" && (pathname === "/perplexity/v1/agent" || pathname === "/perplexity/v1/responses"),
  hasCredential: (request) => bearerToken(request) !== undefined,
  read,
  errorBody,
  answerBody,
};
