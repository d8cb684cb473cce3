/**
 * Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And Jitter"):
 * the wait before retry `attempt` (1-based) is uniform in [0, min(cap, base · 2^(attempt−1))].
 * A server-requested wait (Retry-After, retry-after-ms, Gemini RetryInfo) always wins.
 */
export interface BackoffPolicy {
  /** Attempts in total, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * Longest wait the layer sleeps through. A server asking for more (a long Retry-After) defers
   * the item to a later pass of the run instead of holding a worker for hours.
   */
  maxSleepMs: number;
  /**
   * After this many calls in a row fail for good with server or timeout errors, the engine is
   * treated as down for the run: its remaining items fail at once (retry them later with
   * `run --retry-failed`) instead of each spending minutes in backoff.
   */
  breakAfter: number;
}

export const defaultBackoff: BackoffPolicy = {
  maxAttempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  maxSleepMs: 5 * 60_000,
  breakAfter: 8,
};

/** Wait in ms before retry number `attempt` (1 = the first retry). `random` returns [0, 1). */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}
