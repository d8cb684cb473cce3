import { ProviderError } from "../../core/errors.ts";
import { classifyHttpFailure, classifyNetworkFailure } from "../http/classify.ts";
import { errorBodyOf, type HopRecorder } from "./hop-recorder.ts";
import { geminiId, parse } from "./parse.ts";

/**
 * Turns whatever `generateContent` threw into one `ProviderError`, from what the recorder saw on
 * the wire rather than from the SDK's error (which drops headers and wraps bodies in strings).
 */

export interface FailureContext {
  recorder: HopRecorder;
  /** The request's signal (ours or the caller's) fired. */
  aborted: boolean;
  /** Our per-request timeout, or a caller's timeout, fired. */
  timedOut: boolean;
  nowMs: number;
}

export function failureOf(error: unknown, context: FailureContext): ProviderError {
  if (error instanceof ProviderError) return error;
  const { recorder } = context;
  // An abort or a network error mid-answer leaves earlier, successful hops behind: those are not the failure.
  if (context.aborted || recorder.networkError !== undefined) {
    return classifyNetworkFailure(geminiId, recorder.networkError ?? error, context.timedOut);
  }
  const last = recorder.last();
  if (last && last.status >= 400) {
    return classifyHttpFailure(
      geminiId,
      { status: last.status, headers: last.headers, body: errorBodyOf(last) },
      context.nowMs,
    );
  }
  if (last) {
    // The SDK choked on a 2xx body: our parser says what is wrong with it, in our kinds.
    try {
      parse(recorder.raw());
    } catch (parseError) {
      if (parseError instanceof ProviderError) return parseError;
    }
    return new ProviderError(geminiId, "bad-response", `SDK rejected the response: ${messageOf(error)}`, {
      cause: error,
    });
  }
  return new ProviderError(geminiId, "bad-response", `request not sent: ${messageOf(error)}`, {
    cause: error,
  });
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 300);
}

/** The same error with every occurrence of the key masked (error bodies can echo what was sent). */
export function redactKey(error: ProviderError, apiKey: string): ProviderError {
  const prefix = `${error.provider}: `;
  if (!error.message.includes(apiKey)) return error;
  const message = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
  return new ProviderError(error.provider, error.kind, message.replaceAll(apiKey, "[redacted]"), {
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
    ...(error.code === undefined ? {} : { code: error.code }),
  });
}
