import { ProviderError, type ProviderErrorKind } from "../../core/errors.ts";
import { classifyHttpFailure } from "../http/classify.ts";
import { errorBodySchema } from "./schema.ts";

/**
 * How SerpApi failures become `ProviderError`s. SerpApi sends `{ "error": "<message>" }` with
 * 401/403/429/5xx, and also inside HTTP 200 bodies whose `search_metadata.status` is `Error`.
 * The status goes through the shared `classifyHttpFailure`; the message refines it where the
 * status alone is ambiguous (SerpApi's docs: 429 means "hourly throughput limit OR your account
 * has run out of searches") and decides the kind of 200 errors, which have no telling status.
 */

/** SerpApi messages, as documented (serpapi.com/api-status-and-error-codes) or observed. */
const messageKinds: ReadonlyArray<[RegExp, ProviderErrorKind]> = [
  [/invalid api key|no valid api key|api key (is )?(missing|not found)/i, "auth"],
  [
    /out of searches|searches (are )?exhausted|no searches (left|remaining)|plan (has )?expired|upgrade your plan/i,
    "quota",
  ],
  [/throughput|too many requests|rate limit/i, "rate-limit"],
];

/** "Google hasn't returned any results for this query." and its siblings for other engines. */
const EMPTY_RESULTS = /(hasn't|has not|didn't|did not) return(ed)? any results/i;

export function isEmptyResultsMessage(message: string | null | undefined): boolean {
  return typeof message === "string" && EMPTY_RESULTS.test(message);
}

export function messageKind(message: string): ProviderErrorKind | undefined {
  return messageKinds.find(([pattern]) => pattern.test(message))?.[1];
}

/** The human-readable message of a SerpApi error body (string `error`, or `error.message`). */
export function errorMessageOf(body: unknown): string | undefined {
  const parsed = errorBodySchema.safeParse(body);
  if (!parsed.success) return undefined;
  const error = parsed.data.error;
  if (typeof error === "string") return error;
  return error?.message ?? undefined;
}

export interface HttpFailureInput {
  status: number;
  headers: Headers;
  /** Parsed JSON body, or undefined when the body was not JSON. */
  body: unknown;
}

/** An HTTP failure (non-2xx): the shared status rules, then SerpApi's quota message on 429. */
export function httpFailure(provider: string, failure: HttpFailureInput): ProviderError {
  const message = errorMessageOf(failure.body);
  const base = classifyHttpFailure(provider, {
    status: failure.status,
    headers: failure.headers,
    body: failure.body,
    ...(message === undefined ? {} : { message }),
  });
  if (base.kind === "rate-limit" && message && messageKind(message) === "quota") {
    return new ProviderError(provider, "quota", `HTTP ${failure.status} quota: ${message.slice(0, 500)}`, {
      status: failure.status,
    });
  }
  return base;
}

/**
 * A failure reported inside an HTTP 200 body (`error` set and not an empty result). Kind by
 * message: invalid key → `auth`, out of searches → `quota`, throughput → `rate-limit`; anything
 * else is SerpApi failing the search on its side → `server` (retryable; SerpApi does not bill
 * errored searches).
 */
export function bodyFailure(provider: string, message: string): ProviderError {
  const kind = messageKind(message) ?? "server";
  return new ProviderError(provider, kind, `search failed: ${message.slice(0, 500)}`, { status: 200 });
}

export function badResponse(provider: string, message: string): ProviderError {
  return new ProviderError(provider, "bad-response", message);
}

/** Replaces every occurrence of the key, so it never reaches messages, causes or stored bodies. */
export function redact(text: string, secret: string | undefined): string {
  return secret ? text.split(secret).join("[redacted]") : text;
}

/** A network error with the key scrubbed from its message (undici puts the URL in some messages). */
export function scrubbedError(error: unknown, secret: string | undefined): Error {
  const message = error instanceof Error ? error.message : String(error);
  const scrubbed = new Error(redact(message, secret));
  scrubbed.name = error instanceof Error ? error.name : "Error";
  return scrubbed;
}
