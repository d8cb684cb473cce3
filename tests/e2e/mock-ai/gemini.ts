import type { MockAnswer } from "./answer.ts";
import { byteIndex, composeMarkdown, tokensOf } from "./compose.ts";
import { headerOf, isRecord, textOfContent } from "./http-util.ts";
import { hashString, Random } from "./random.ts";
import type { ErrorContext, MockRequest, ReadRequest, WireFormat } from "./types.ts";

/**
 * Gemini `generateContent` with Google Search grounding: the answer in one or two parts (after an
 * optional `thought` part), `groundingChunks` pointing at expiring
 * `vertexaisearch.cloud.google.com/grounding-api-redirect/...` URLs titled with the source's
 * domain, and `groundingSupports` whose segments are UTF-8 byte offsets into their part, with
 * zero-valued fields omitted as proto3 JSON does.
 */

const route = /^\/gemini\/(v1beta|v1|v1alpha)\/models\/([^/]+):generateContent$/;
const statusNames: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
  504: "DEADLINE_EXCEEDED",
};

function read(request: MockRequest): ReadRequest | string {
  const model = decodeURIComponent(route.exec(request.url.pathname)?.[2] ?? "").replace(/^models\//, "");
  const body = request.body;
  if (!isRecord(body)) return "Invalid JSON payload received.";
  const contents = Array.isArray(body.contents) ? body.contents : [];
  const users = contents.filter((c) => isRecord(c) && (c.role === undefined || c.role === "user"));
  const last = users.at(-1);
  const question = isRecord(last) ? textOfContent(last.parts) : "";
  if (!question.trim()) return "* GenerateContentRequest.contents: contents is not specified\n";
  const tools = Array.isArray(body.tools) ? body.tools : [];
  const search = tools.some(
    (t) => isRecord(t) && (t.googleSearch !== undefined || t.google_search !== undefined),
  );
  return { question, model, search };
}

function errorBody(status: number, context: ErrorContext, message?: string): unknown {
  const name = statusNames[status] ?? (status >= 500 ? "INTERNAL" : "FAILED_PRECONDITION");
  const error = (text: string, details?: unknown[]) => ({
    error: { code: status, message: text, status: name, ...(details ? { details } : {}) },
  });
  if (status === 401) {
    return error("Request had invalid authentication credentials. Expected OAuth 2 access token or API key.");
  }
  if (status === 429) {
    return error(
      `You exceeded your current quota, please check your plan and billing details.\n* Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_paid_tier_requests, limit: 150, model: ${context.model}\nPlease retry in ${context.retryAfterSec}s.`,
      [
        {
          "@type": "type.googleapis.com/google.rpc.QuotaFailure",
          violations: [
            {
              quotaMetric: "generativelanguage.googleapis.com/generate_content_paid_tier_requests",
              quotaId: "GenerateRequestsPerMinutePerProjectPerModel",
              quotaDimensions: { location: "global", model: context.model },
              quotaValue: "150",
            },
          ],
        },
        { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: `${context.retryAfterSec}s` },
      ],
    );
  }
  if (status === 503) return error("The model is overloaded. Please try again later.");
  if (status >= 500)
    return error(
      "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting",
    );
  return error(message ?? `Request failed with status ${status}.`);
}

function answerBody(answer: MockAnswer, read: ReadRequest): unknown {
  const random = new Random(answer.salt ^ hashString("gemini"));
  const composed = composeMarkdown(answer, read.search ? () => "" : null);
  const split = random.chance(0.6)
    ? composed.itemStarts[Math.floor(composed.itemStarts.length / 2)]
    : undefined;
  const bounds = split ? [0, split, composed.text.length] : [0, composed.text.length];
  const thought = random.chance(0.5);
  const parts: Record<string, unknown>[] = thought ? [{ text: `**${answer.preamble}**`, thought: true }] : [];
  const answerPartStart = parts.length;
  for (let i = 0; i + 1 < bounds.length; i++)
    parts.push({ text: composed.text.slice(bounds[i], bounds[i + 1]) });

  const candidate: Record<string, unknown> = {
    content: { parts, role: "model" },
    finishReason: "STOP",
    index: 0,
  };
  if (read.search) {
    const chunks = answer.sources.map((s) => ({
      web: {
        uri: `https://vertexaisearch.cloud.google.com/grounding-api-redirect/AUZIYQ${random.token(96)}==`,
        title: s.domain,
      },
    }));
    if (random.chance(0.2)) {
      // Real bodies hold google.com search links with raw spaces among the redirects.
      chunks.push({
        web: { uri: `https://www.google.com/search?q=${answer.question}`, title: answer.question },
      });
    }
    const chunkOf = new Map(answer.sources.map((s, i) => [s.url, i]));
    const supports = composed.spans.map((span) => {
      const part = bounds.findIndex((b, i) => span.start >= b && span.end <= (bounds[i + 1] ?? -1));
      const partText = String(parts[answerPartStart + part]?.text ?? "");
      const offset = bounds[part] ?? 0;
      const startIndex = byteIndex(partText, span.start - offset);
      const segment = {
        ...(answerPartStart + part > 0 ? { partIndex: answerPartStart + part } : {}),
        ...(startIndex > 0 ? { startIndex } : {}),
        endIndex: byteIndex(partText, span.end - offset),
        text: composed.text.slice(span.start, span.end),
      };
      return { segment, groundingChunkIndices: [chunkOf.get(span.source.url) ?? 0] };
    });
    candidate.groundingMetadata = {
      searchEntryPoint: {
        renderedContent: `<div class="container">${answer.queries.map((q) => `<a class="chip">${q}</a>`).join("")}</div>`,
      },
      groundingChunks: chunks,
      groundingSupports: supports,
      webSearchQueries: answer.queries,
    };
  }
  const promptTokens = tokensOf(answer.question);
  const candidateTokens = tokensOf(composed.text);
  const toolTokens = read.search ? Math.round(answer.inputTokens / 10) : 0;
  return {
    candidates: [candidate],
    usageMetadata: {
      promptTokenCount: promptTokens,
      candidatesTokenCount: candidateTokens,
      totalTokenCount: promptTokens + candidateTokens + toolTokens + answer.reasoningTokens,
      promptTokensDetails: [{ modality: "TEXT", tokenCount: promptTokens }],
      ...(toolTokens ? { toolUsePromptTokenCount: toolTokens } : {}),
      ...(answer.reasoningTokens ? { thoughtsTokenCount: answer.reasoningTokens } : {}),
    },
    modelVersion: read.model,
    responseId: random.token(23),
  };
}

export const geminiWire: WireFormat = {
  provider: "gemini",
  prefix: "/gemini",
  basePath: "/gemini",
  handles: (method, pathname) => method === "POST" && route.test(pathname),
  hasCredential: (request) =>
    headerOf(request, "x-goog-api-key") !== undefined || Boolean(request.url.searchParams.get("key")?.trim()),
  read,
  errorBody,
  answerBody,
};
