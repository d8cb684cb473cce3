import { APIConnectionTimeoutError, APIError, OpenAI } from "openai";
import { ProviderError } from "../../core/errors.ts";
import { classifyHttpFailure, classifyNetworkFailure } from "../http/classify.ts";

/**
 * One request through the `openai` SDK, returning the body exactly as received (parsed JSON) and
 * turning every failure into a `ProviderError`. Shared with openai-compatible.
 */

export interface SendOptions {
  /** Provider id for the errors. */
  provider: string;
  /** Sent as `Authorization: Bearer …`; undefined sends no Authorization header at all. */
  apiKey: string | undefined;
  baseURL: string;
  /** Per-request timeout in ms, covering the body download too. */
  timeoutMs: number;
  signal: AbortSignal | undefined;
}

/** What the SDK returns for a call: something whose raw `Response` we can take. */
interface RawCapable {
  asResponse(): Promise<Response>;
}

/**
 * Everything is passed explicitly so the SDK reads nothing from the environment (it would
 * otherwise pick up OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_ORG_ID… and send them to any endpoint).
 */
function createClient(options: SendOptions): OpenAI {
  return new OpenAI({
    // The SDK refuses to start without a credential; the header is then removed below.
    apiKey: options.apiKey ?? "no-key",
    adminAPIKey: null,
    organization: null,
    project: null,
    webhookSecret: null,
    baseURL: options.baseURL,
    timeout: options.timeoutMs,
    maxRetries: 0,
    logLevel: "off",
    ...(options.apiKey === undefined ? { defaultHeaders: { Authorization: null } } : {}),
  });
}

/** Replaces the key wherever a server echoed it back (some gateways quote the whole key). */
export function redactKey<T>(value: T, apiKey: string | undefined): T {
  if (!apiKey || value === undefined) return value;
  const json = JSON.stringify(value);
  if (json === undefined || !json.includes(apiKey)) return value;
  return JSON.parse(json.split(apiKey).join("[redacted]")) as T;
}

function isTimeoutReason(signal: AbortSignal | undefined): boolean {
  const reason: unknown = signal?.aborted ? signal.reason : undefined;
  return reason instanceof DOMException && reason.name === "TimeoutError";
}

function toProviderError(options: SendOptions, error: unknown, timedOut: boolean): ProviderError {
  if (error instanceof ProviderError) return error;
  if (error instanceof APIConnectionTimeoutError)
    return classifyNetworkFailure(options.provider, error, true);
  if (error instanceof APIError && typeof error.status === "number") {
    return classifyHttpFailure(options.provider, {
      status: error.status,
      headers: error.headers,
      // The SDK keeps the body's `error` member; put it back where classify looks for it.
      body: redactKey({ error: error.error }, options.apiKey),
      message: redactKey(error.message, options.apiKey),
    });
  }
  // Aborts (caller signal or our timeout), connection failures, body read errors.
  return classifyNetworkFailure(options.provider, error, timedOut);
}

/**
 * Sends one request (`send` gets a fresh client and the combined abort signal) and returns the
 * parsed JSON body. Non-JSON and empty bodies are `bad-response`.
 */
export async function sendForJson(
  options: SendOptions,
  send: (client: OpenAI, signal: AbortSignal) => RawCapable,
): Promise<unknown> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let text: string;
  try {
    const response = await send(createClient(options), signal).asResponse();
    text = await response.text();
  } catch (error) {
    throw toProviderError(options, error, timeout.aborted || isTimeoutReason(options.signal));
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const what = text.trim() ? `body is not JSON (${text.length} chars)` : "empty body";
    throw new ProviderError(options.provider, "bad-response", what);
  }
}
