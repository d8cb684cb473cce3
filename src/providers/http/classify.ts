import { ProviderError, type ProviderErrorKind } from "../../core/errors.ts";

/**
 * Turns an HTTP failure of any provider into a `ProviderError` with the right kind and wait.
 * Provider folders call this with what their SDK exposes (status, headers, parsed body), so the
 * rules (which statuses retry, which stop the engine, how long to wait) live in one place.
 */

export interface HttpFailure {
  status: number;
  headers?: Headers | Record<string, string | undefined> | undefined;
  /** Parsed JSON error body when there was one; any shape. */
  body?: unknown;
  message?: string;
}

/** Error codes that mean "you are out of money or quota", never fixed by waiting a minute. */
const quotaCodes = new Set([
  "insufficient_quota",
  "billing_error",
  "billing_hard_limit_reached",
  "quota_exceeded",
  "credit_balance_too_low",
]);

function header(headers: HttpFailure["headers"], name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === wanted) return v ?? undefined;
  return undefined;
}

/** `retry-after-ms`, then `retry-after` (seconds or an HTTP date), in ms; undefined when absent. */
export function retryAfterFromHeaders(
  headers: HttpFailure["headers"],
  nowMs: number = Date.now(),
): number | undefined {
  const ms = header(headers, "retry-after-ms");
  if (ms !== undefined && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.ceil(Number(ms));
  const ra = header(headers, "retry-after")?.trim();
  if (!ra) return undefined;
  if (/^\d+(\.\d+)?$/.test(ra)) return Math.ceil(Number(ra) * 1000);
  const date = Date.parse(ra);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** Google's `RetryInfo.retryDelay` ("37s", "1.5s") anywhere in `error.details[]`, in ms. */
export function retryDelayFromGoogleBody(body: unknown): number | undefined {
  const details = (body as { error?: { details?: unknown } } | undefined)?.error?.details;
  if (!Array.isArray(details)) return undefined;
  for (const d of details) {
    const delay = (d as { retryDelay?: unknown } | null)?.retryDelay;
    if (typeof delay === "string") {
      const m = /^(\d+(?:\.\d+)?)s$/.exec(delay.trim());
      if (m?.[1]) return Math.ceil(Number(m[1]) * 1000);
    }
  }
  return undefined;
}

/** Every string code-like field in common error bodies: `error.code`, `error.type`, `error.status`, `type`. */
function codesOf(body: unknown): string[] {
  const out: string[] = [];
  const push = (v: unknown) => typeof v === "string" && out.push(v);
  const b = body as Record<string, unknown> | undefined;
  if (b && typeof b === "object") {
    push(b.type);
    push(b.code);
    const e = b.error as Record<string, unknown> | undefined;
    if (e && typeof e === "object") {
      push(e.code);
      push(e.type);
      push(e.status);
    }
  }
  return out;
}

function messageOf(body: unknown, fallback: string): string {
  const e = (body as { error?: { message?: unknown }; message?: unknown } | undefined) ?? {};
  const m =
    typeof e.error?.message === "string" ? e.error.message : typeof e.message === "string" ? e.message : "";
  return (m || fallback).slice(0, 500);
}

/**
 * Strings in Google's `error.details[]`: ErrorInfo `reason` (API_KEY_INVALID) and QuotaFailure
 * `violations[].quotaId` (GenerateRequestsPerDayPerProjectPerModel-FreeTier).
 */
function googleDetails(body: unknown): string[] {
  const details = (body as { error?: { details?: unknown } } | undefined)?.error?.details;
  if (!Array.isArray(details)) return [];
  const out: string[] = [];
  for (const d of details) {
    const detail = d as { reason?: unknown; violations?: unknown } | null;
    if (typeof detail?.reason === "string") out.push(detail.reason);
    if (Array.isArray(detail?.violations)) {
      for (const v of detail.violations) {
        const id = (v as { quotaId?: unknown } | null)?.quotaId;
        if (typeof id === "string") out.push(id);
      }
    }
  }
  return out;
}

/** Decides the kind for a status and body (see the table in the README's retry section). */
export function kindForHttp(status: number, body: unknown): ProviderErrorKind {
  const codes = codesOf(body);
  if (codes.some((c) => quotaCodes.has(c))) return "quota";
  const msg = messageOf(body, "").toLowerCase();
  const details = googleDetails(body);
  if (status === 401 || status === 403) return "auth";
  // Google answers a wrong key with 400 INVALID_ARGUMENT, reason API_KEY_INVALID.
  if (details.some((d) => d === "API_KEY_INVALID" || d === "API_KEY_EXPIRED")) return "auth";
  if (status === 402) return "quota";
  if (status === 429) {
    // A daily quota is not fixed by waiting a minute: Gemini names it in the message or the quotaId.
    if (/per ?day|daily/.test(msg) && codes.includes("RESOURCE_EXHAUSTED")) return "quota";
    if (details.some((d) => /PerDay/i.test(d))) return "quota";
    return "rate-limit";
  }
  if (status === 408 || status === 504) return "timeout";
  if (status >= 500) return "server"; // includes Anthropic 529 overloaded_error and Gemini 503 UNAVAILABLE
  return "bad-response";
}

/** Builds the `ProviderError` for an HTTP failure. Never includes request headers (keys stay out). */
export function classifyHttpFailure(provider: string, failure: HttpFailure, nowMs?: number): ProviderError {
  const kind = kindForHttp(failure.status, failure.body);
  const retryAfterMs =
    retryAfterFromHeaders(failure.headers, nowMs) ?? retryDelayFromGoogleBody(failure.body);
  const code = codesOf(failure.body).find((c) => c !== "error");
  const message = `HTTP ${failure.status} ${kind}: ${messageOf(failure.body, failure.message ?? "request failed")}`;
  return new ProviderError(provider, kind, message, {
    status: failure.status,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(code === undefined ? {} : { code }),
  });
}

/** A network-level failure (connection refused, reset, DNS, abort by timeout) as a ProviderError. */
export function classifyNetworkFailure(provider: string, error: unknown, timedOut: boolean): ProviderError {
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderError(
    provider,
    timedOut ? "timeout" : "server",
    timedOut ? "request timed out" : `network: ${message}`,
    {
      cause: error,
    },
  );
}
