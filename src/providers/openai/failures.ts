import { ProviderError, type ProviderErrorKind } from "../../core/errors.ts";
import type { ResponsesBody } from "./schema.ts";

/**
 * Failures a Responses body reports inside HTTP 200: `status` failed / cancelled / incomplete and
 * `refusal` content parts. They must reject like HTTP failures do, with the kind that tells the
 * retry layer what to do.
 */

/** `error.code` values of a failed response that are not a provider-side fault. */
const refusedCodes = /policy|invalid_prompt/;

function failedKind(code: string | null | undefined): ProviderErrorKind {
  if (code === "rate_limit_exceeded") return "rate-limit";
  if (code && refusedCodes.test(code)) return "refused";
  // server_error and anything unknown: the provider failed, a later attempt may succeed.
  return "server";
}

function clip(text: string | null | undefined, max = 300): string {
  const t = (text ?? "").replace(/\s+/g, " ").trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
}

/**
 * The `ProviderError` a body stands for, or undefined when it holds a usable answer (still
 * subject to the empty-text check). `refusals` are the texts of the `refusal` parts found.
 */
export function responsesFailure(
  provider: string,
  body: ResponsesBody,
  refusals: readonly string[],
): ProviderError | undefined {
  const status = body.status ?? "completed";
  if (status === "failed") {
    const code = body.error?.code ?? undefined;
    const kind = failedKind(code);
    const message = `response failed (${code ?? "no code"}): ${clip(body.error?.message) || "no message"}`;
    return new ProviderError(provider, kind, message, code ? { code } : {});
  }
  if (status === "cancelled") {
    return new ProviderError(provider, "server", "response was cancelled by the provider");
  }
  if (refusals.length > 0) {
    return new ProviderError(provider, "refused", `model refused: ${clip(refusals.join(" "))}`, {
      code: "refusal",
    });
  }
  if (status === "incomplete") {
    const reason = body.incomplete_details?.reason ?? "unknown";
    // A content filter cut the answer: a safety block, not a malformed body.
    const kind: ProviderErrorKind = reason === "content_filter" ? "refused" : "bad-response";
    return new ProviderError(provider, kind, `response incomplete (${reason})`, { code: reason });
  }
  if (status !== "completed") {
    // queued / in_progress only happen in background mode, which we never ask for.
    return new ProviderError(provider, "bad-response", `response not finished (status ${status})`);
  }
  return undefined;
}
