import { Anthropic, APIConnectionTimeoutError, APIError, APIUserAbortError } from "@anthropic-ai/sdk";
import type { MessageCreateParamsNonStreaming } from "@anthropic-ai/sdk/resources/messages";
import { ProviderError } from "../../core/errors.ts";
import { classifyHttpFailure, classifyNetworkFailure } from "../http/classify.ts";
import { badResponse, providerId } from "./parse.ts";

/**
 * One HTTP call through the official SDK, returning the body exactly as received (parsed JSON).
 * The SDK keeps its error mapping (status, headers, error body); `.asResponse()` skips its parsing so
 * the raw body is ours to keep and validate. Never retries: the runner's retry layer owns that.
 */

/** A client for one `ask`; the key stays inside the SDK and never reaches errors or logs. */
export function createClient(apiKey: string, baseUrl: string | undefined, timeoutMs: number): Anthropic {
  return new Anthropic({
    apiKey,
    // Undefined keeps the SDK default (ANTHROPIC_BASE_URL, else https://api.anthropic.com).
    baseURL: baseUrl,
    maxRetries: 0,
    timeout: timeoutMs,
    // SDK debug logging would print request details; our logger decides what is logged.
    logLevel: "off",
  });
}

/** Sends one Messages request; resolves with the parsed JSON body, rejects with a `ProviderError`. */
export async function sendOnce(
  client: Anthropic,
  params: MessageCreateParamsNonStreaming,
  signal: AbortSignal | undefined,
): Promise<unknown> {
  let text: string;
  try {
    const response = await client.messages.create(params, { signal, maxRetries: 0 }).asResponse();
    text = await response.text();
  } catch (error) {
    throw toProviderError(error, signal);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badResponse(`body is not JSON (${text.length} characters)`);
  }
}

function toProviderError(error: unknown, signal: AbortSignal | undefined): ProviderError {
  if (error instanceof ProviderError) return error;
  // Both abort classes extend APIError without a status, so they are told apart first.
  if (error instanceof APIUserAbortError) {
    return classifyNetworkFailure(providerId, error, isTimeout(signal?.reason));
  }
  if (error instanceof APIConnectionTimeoutError) return classifyNetworkFailure(providerId, error, true);
  if (error instanceof APIError && typeof error.status === "number") {
    return classifyHttpFailure(providerId, {
      status: error.status,
      headers: error.headers,
      body: error.error,
      message: error.message,
    });
  }
  return classifyNetworkFailure(providerId, error, isTimeout(error) || isTimeout(signal?.reason));
}

/** `AbortSignal.timeout()` aborts with a `TimeoutError`; a caller's own abort does not. */
function isTimeout(reason: unknown): boolean {
  return reason instanceof Error && reason.name === "TimeoutError";
}
