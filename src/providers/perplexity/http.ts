import { ProviderError } from "../../core/errors.ts";
import { classifyHttpFailure, classifyNetworkFailure } from "../http/classify.ts";
import { PERPLEXITY_ID } from "./failures.ts";

/**
 * One POST with a JSON body, on `globalThis.fetch` (no SDK: the Agent API is not an OpenAI
 * endpoint, and an SDK would add its own headers, env lookups and retries). Never retries, never
 * sleeps: the retry layer owns that. Every failure leaves as a `ProviderError`; the key travels
 * only in the Authorization header and never into an error.
 */

export interface PostJsonInput {
  url: string;
  apiKey: string;
  body: unknown;
  /** The caller's signal (run shutdown, or the retry layer's own deadline). */
  signal?: AbortSignal | undefined;
  /** Our own deadline for the whole exchange, body included, in ms. */
  timeoutMs: number;
}

/** Response body parsed as JSON, exactly as received. */
export async function postJson(input: PostJsonInput): Promise<unknown> {
  const deadline = AbortSignal.timeout(input.timeoutMs);
  const signal = input.signal ? AbortSignal.any([input.signal, deadline]) : deadline;
  const timedOut = () => deadline.aborted || isTimeoutReason(input.signal?.reason);

  let response: Response;
  let text: string;
  try {
    response = await fetch(input.url, {
      method: "POST",
      headers: {
        authorization: `Bearer ${input.apiKey}`,
        "content-type": "application/json",
        accept: "application/json",
      },
      body: JSON.stringify(input.body),
      signal,
    });
    // Reading the body is part of the exchange: a stall here is the same timeout.
    text = await response.text();
  } catch (error) {
    throw classifyNetworkFailure(PERPLEXITY_ID, error, timedOut());
  }

  if (!response.ok) {
    // Some APIs echo the key they rejected; error text never carries it onwards.
    const errorText = redact(text, input.apiKey);
    throw classifyHttpFailure(PERPLEXITY_ID, {
      status: response.status,
      headers: response.headers,
      body: jsonOrUndefined(errorText),
      message: response.statusText || errorText.slice(0, 200),
    });
  }
  if (text.trim() === "") {
    throw new ProviderError(PERPLEXITY_ID, "bad-response", "empty response body", {
      status: response.status,
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ProviderError(
      PERPLEXITY_ID,
      "bad-response",
      `response is not JSON: ${redact(text, input.apiKey).slice(0, 80)}`,
      {
        status: response.status,
      },
    );
  }
}

function redact(text: string, apiKey: string): string {
  return apiKey ? text.replaceAll(apiKey, "[redacted]") : text;
}

function jsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A caller's signal aborted by `AbortSignal.timeout` (or `abort(new DOMException(.., "TimeoutError"))`). */
function isTimeoutReason(reason: unknown): boolean {
  return reason instanceof DOMException && reason.name === "TimeoutError";
}
