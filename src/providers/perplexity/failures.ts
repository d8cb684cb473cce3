import type { z } from "zod";
import { ProviderError } from "../../core/errors.ts";

/**
 * How a Perplexity body that arrived with HTTP 200 can still be a failure, and which kind each
 * one is. HTTP-level failures do not come here: they go through `http/classify.ts`.
 */

export const PERPLEXITY_ID = "perplexity";

/** Malformed, empty or unusable body: retrying the same question will not fix it. */
export function badResponse(message: string): ProviderError {
  return new ProviderError(PERPLEXITY_ID, "bad-response", message);
}

/** First few zod issues as `path: message`, enough to see what was missing without dumping the body. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.map(String).join(".") : "(root)"}: ${i.message}`)
    .join("; ");
}

export interface AgentFailureInfo {
  status: string | null | undefined;
  errorMessage?: string | null | undefined;
  errorCode?: string | number | null | undefined;
  incompleteReason?: string | null | undefined;
}

/**
 * The Agent API reports some failures in the body of a 200:
 * - `failed`: Perplexity (or the model behind it) failed; a later attempt can succeed → `server`.
 * - `cancelled`: we never cancel (no background mode, no cancel calls), so Perplexity stopped the
 *   run on its side → `server` as well, so the retry layer tries again rather than losing the item.
 * - `incomplete` (e.g. max_output_tokens reached), `queued`, `in_progress`: no finished answer →
 *   `bad-response`; the same request would end the same way.
 * Returns null for `completed` and for a missing status (older bodies and gateways omit it).
 */
export function agentStatusFailure(info: AgentFailureInfo): ProviderError | null {
  const { status } = info;
  if (status === undefined || status === null || status === "completed") return null;
  const detail = info.errorMessage ? `: ${info.errorMessage.slice(0, 300)}` : "";
  const code = info.errorCode === undefined || info.errorCode === null ? undefined : String(info.errorCode);
  if (status === "failed" || status === "cancelled") {
    return new ProviderError(PERPLEXITY_ID, "server", `response ${status}${detail}`, {
      ...(code === undefined ? {} : { code }),
    });
  }
  const reason = info.incompleteReason ? ` (${info.incompleteReason})` : "";
  return badResponse(`response ${status}${reason}${detail}: no finished answer`);
}

/** A refusal instead of an answer (Responses `refusal` part, chat `refusal` or `content_filter`). */
export function refused(message: string): ProviderError {
  return new ProviderError(PERPLEXITY_ID, "refused", message.slice(0, 300));
}
