import { z } from "zod";
import { ProviderError } from "../../core/errors.ts";
import type { ParsedAnswer, SourceRef, Usage } from "../types.ts";
import { responsesFailure } from "./failures.ts";
import { type ResponsesBody, type ResponsesOutputItem, responsesBodySchema } from "./schema.ts";
import { citationRef, codePointOffsets, retrievedOnly } from "./sources.ts";

/**
 * Parser of Responses API bodies (OpenAI, and Responses-style endpoints such as xAI through
 * openai-compatible, which passes its own provider id for the errors).
 */

/** Separates the texts of two answer messages (parts of one message are joined as sent). */
const MESSAGE_SEPARATOR = "\n\n";

interface Messages {
  text: string;
  preamble: string;
  citations: SourceRef[];
  refusals: string[];
}

/** Joins the `output_text` parts of all messages; `commentary` messages go to the preamble. */
function collectMessages(output: readonly ResponsesOutputItem[], provider: string): Messages {
  const answer: Messages = { text: "", preamble: "", citations: [], refusals: [] };
  for (const item of output) {
    if (item.type !== "message") continue;
    const isPreamble = item.phase === "commentary";
    let own = "";
    const ownCitations: SourceRef[] = [];
    for (const part of item.content ?? []) {
      if (part.type === "refusal") answer.refusals.push(part.refusal ?? "");
      if (part.type !== "output_text") continue;
      if (typeof part.text !== "string") {
        throw new ProviderError(provider, "bad-response", "output_text part without text");
      }
      const toUtf16 = codePointOffsets(part.text);
      for (const a of part.annotations ?? []) {
        if (a.type !== "url_citation" || !a.url) continue;
        ownCitations.push(
          citationRef(
            { url: a.url, title: a.title, start: a.start_index, end: a.end_index },
            toUtf16,
            own.length,
          ),
        );
      }
      own += part.text;
    }
    if (isPreamble) {
      answer.preamble += (answer.preamble && own ? MESSAGE_SEPARATOR : "") + own;
      continue;
    }
    const base = answer.text && own ? answer.text.length + MESSAGE_SEPARATOR.length : answer.text.length;
    for (const c of ownCitations) {
      if (c.startIndex !== undefined) c.startIndex += base;
      if (c.endIndex !== undefined) c.endIndex += base;
      answer.citations.push(c);
    }
    if (own) answer.text = answer.text ? answer.text + MESSAGE_SEPARATOR + own : own;
  }
  return answer;
}

interface Searches {
  queries: string[];
  count: number;
  sourceUrls: string[];
  warnings: string[];
}

/** Only `search` actions are searches; `open_page` and `find_in_page` calls are not billed as such. */
function collectSearches(output: readonly ResponsesOutputItem[]): Searches {
  const found: Searches = { queries: [], count: 0, sourceUrls: [], warnings: [] };
  for (const item of output) {
    if (item.type !== "web_search_call") continue;
    if (item.status === "failed")
      found.warnings.push(`a web search call failed (${item.action?.type ?? "?"})`);
    const action = item.action;
    if (action?.type !== "search") continue;
    found.count += 1;
    const queries = [...(action.queries ?? [])];
    if (action.query && !queries.includes(action.query)) queries.push(action.query);
    found.queries.push(...queries);
    for (const s of action.sources ?? []) found.sourceUrls.push(s.url);
  }
  return found;
}

function usageOf(body: ResponsesBody, searches: number): Usage {
  const u = body.usage;
  return {
    inputTokens: u?.input_tokens ?? 0,
    cachedInputTokens: u?.input_tokens_details?.cached_tokens ?? 0,
    outputTokens: u?.output_tokens ?? 0,
    reasoningTokens: u?.output_tokens_details?.reasoning_tokens ?? 0,
    searches,
  };
}

/** Validates a Responses body; junk becomes `bad-response` with the first schema problems. */
export function readResponsesBody(provider: string, raw: unknown): ResponsesBody {
  const parsed = responsesBodySchema.safeParse(raw);
  if (!parsed.success) {
    const why = z.prettifyError(parsed.error).replace(/\s+/g, " ").slice(0, 300);
    throw new ProviderError(provider, "bad-response", `not a Responses API body: ${why}`);
  }
  return parsed.data;
}

/**
 * A Responses body as an answer. Throws `ProviderError` for junk (`bad-response`) and for the
 * failures a 200 body can carry (see `responsesFailure`).
 */
export function parseResponsesBody(provider: string, raw: unknown): ParsedAnswer {
  const body = readResponsesBody(provider, raw);
  const messages = collectMessages(body.output, provider);
  const failure = responsesFailure(provider, body, messages.refusals);
  if (failure) throw failure;
  if (!messages.text.trim()) throw new ProviderError(provider, "bad-response", "response has no answer text");
  const searches = collectSearches(body.output);
  const { retrieved, warnings } = retrievedOnly(searches.sourceUrls, messages.citations);
  const billed = body.tool_usage?.web_search?.num_requests;
  const answer: ParsedAnswer = {
    text: messages.text,
    citations: messages.citations,
    retrieved,
    searchQueries: searches.queries,
    servedModel: body.model ?? null,
    // The billing count wins when present: it leaves out discounted searches.
    usage: usageOf(body, billed ?? searches.count),
    reportedCostUsd: null,
    warnings: [...searches.warnings, ...warnings, ...(body.usage ? [] : ["response carries no usage"])],
  };
  if (messages.preamble) answer.preamble = messages.preamble;
  return answer;
}

/** `Provider.parse` of the `openai` provider. */
export function parse(raw: unknown): ParsedAnswer {
  return parseResponsesBody("openai", raw);
}
