import type { Clock } from "../../core/clock.ts";
import { engineFatalKinds, ProviderError, retryableKinds } from "../../core/errors.ts";
import { type BackoffPolicy, backoffDelay, defaultBackoff } from "./backoff.ts";
import { RateWindow } from "./rate-window.ts";

/**
 * The one retry and rate-limit layer every provider call goes through (architecture rule 3).
 * Per engine: at most `concurrency` calls in flight, at most `requestsPerMinute` starts per minute,
 * a per-call timeout, retries with backoff and jitter for retryable kinds, and a pause of this
 * engine only when the server says "slow down" (429 with a wait). Quota and auth errors stop the
 * engine for the rest of the run. Providers never retry themselves (SDK maxRetries: 0).
 */
export interface GateLimits {
  concurrency: number;
  requestsPerMinute: number;
  timeoutMs: number;
}

/** The server asked for a wait longer than the run should sleep: try the item again after `retryAt`. */
export class DeferredError extends Error {
  readonly retryAt: number;
  override readonly cause: ProviderError;
  constructor(cause: ProviderError, retryAt: number) {
    super(`${cause.message} (deferred until ${new Date(retryAt).toISOString()})`);
    this.name = "DeferredError";
    this.retryAt = retryAt;
    this.cause = cause;
  }
}

export interface GateEvents {
  onRetry?: (error: ProviderError, attempt: number, waitMs: number) => void;
  onPause?: (untilMs: number, error: ProviderError) => void;
}

export class EngineGate {
  readonly engineId: string;
  private readonly limits: GateLimits;
  private readonly policy: BackoffPolicy;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly events: GateEvents;
  private readonly window: RateWindow;
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  private pausedUntil = 0;
  private fatal: ProviderError | null = null;
  /** Calls in a row that failed for good with a server or timeout error (a breaker against outages). */
  private consecutiveOutages = 0;

  constructor(
    engineId: string,
    limits: GateLimits,
    clock: Clock,
    options: { policy?: BackoffPolicy; random?: () => number; events?: GateEvents } = {},
  ) {
    this.engineId = engineId;
    this.limits = limits;
    this.clock = clock;
    this.policy = options.policy ?? defaultBackoff;
    this.random = options.random ?? Math.random;
    this.events = options.events ?? {};
    this.window = new RateWindow(limits.requestsPerMinute, 60_000);
  }

  /** The error that stopped this engine for the run (auth, quota), if any. */
  get stoppedBy(): ProviderError | null {
    return this.fatal;
  }

  /** Calls in flight now. */
  get active(): number {
    return this.inFlight;
  }

  /**
   * Runs `call` under the engine's limits, retrying retryable failures. Rejects with the final
   * `ProviderError`, or `DeferredError` when the server asks for a wait beyond `maxSleepMs`.
   */
  async run<T>(call: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      if (this.fatal) throw this.fatal;
      if (this.consecutiveOutages >= this.policy.breakAfter) {
        throw new ProviderError(
          this.engineId,
          "server",
          `engine unavailable: ${this.consecutiveOutages} calls in a row failed after retries`,
        );
      }
      await this.acquire(signal);
      let error: unknown;
      try {
        if (this.fatal) throw this.fatal;
        await this.waitForSlot(signal);
        const result = await this.withTimeout(call, signal);
        this.consecutiveOutages = 0;
        return result;
      } catch (e) {
        error = e;
      } finally {
        this.release();
      }
      const pe =
        error instanceof ProviderError
          ? error
          : new ProviderError(this.engineId, "server", String(error), { cause: error });
      if (signal?.aborted) throw pe;
      if (engineFatalKinds.has(pe.kind)) {
        this.fatal ??= pe;
        throw pe;
      }
      if (!retryableKinds.has(pe.kind) || attempt >= this.policy.maxAttempts) {
        if (pe.kind === "server" || pe.kind === "timeout") this.consecutiveOutages++;
        throw pe;
      }
      const requested = pe.retryAfterMs;
      if (requested !== undefined && requested > this.policy.maxSleepMs)
        throw new DeferredError(pe, this.clock.now() + requested);
      const wait = requested ?? backoffDelay(attempt, this.policy, this.random);
      if (pe.kind === "rate-limit") {
        // The server said slow down: hold every call of this engine, not only this one.
        this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + wait);
        this.events.onPause?.(this.pausedUntil, pe);
      }
      this.events.onRetry?.(pe, attempt, wait);
      await this.clock.sleep(wait, signal);
    }
  }

  private async acquire(signal?: AbortSignal): Promise<void> {
    while (this.inFlight >= this.limits.concurrency) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
      if (signal?.aborted) throw new ProviderError(this.engineId, "timeout", "aborted");
    }
    this.inFlight++;
  }

  private release(): void {
    this.inFlight--;
    this.waiting.shift()?.();
  }

  /** Waits out a pause and the requests-per-minute window, then records the start. */
  private async waitForSlot(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      const wait = Math.max(this.pausedUntil - now, this.window.waitMs(now));
      if (wait <= 0) {
        this.window.record(now);
        return;
      }
      await this.clock.sleep(wait, signal);
      if (signal?.aborted) throw new ProviderError(this.engineId, "timeout", "aborted");
    }
  }

  private async withTimeout<T>(call: (signal: AbortSignal) => Promise<T>, outer?: AbortSignal): Promise<T> {
    const controller = new AbortController();
    const onAbort = () => controller.abort(outer?.reason);
    outer?.addEventListener("abort", onAbort, { once: true });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort(new Error("timeout"));
        reject(new ProviderError(this.engineId, "timeout", `no answer within ${this.limits.timeoutMs} ms`));
      }, this.limits.timeoutMs);
    });
    try {
      return await Promise.race([call(controller.signal), timeout]);
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener("abort", onAbort);
    }
  }
}
