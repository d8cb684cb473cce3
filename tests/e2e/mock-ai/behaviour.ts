import type { MockBehaviour, MockProvider, ProviderStats } from "./types.ts";

/**
 * Per-provider behaviour and bookkeeping: which response a request gets (an answer, a 429, a
 * forced failure), and the counters `stats()` reports. Rate-limit counts restart whenever the
 * behaviour is replaced, so a test can say "the next 2 requests are rate limited".
 */

export type Decision = { kind: "answer" } | { kind: "fail"; status: number; retryAfterSec: number };

const defaultRetryAfterSec = 1;

export class ProviderState {
  behaviour: MockBehaviour;
  /** Requests decided since the behaviour was set (drives rateLimitFirst / rateLimitEvery). */
  private sinceSet = 0;
  /** Requests received, the answer generator's counter. */
  requests = 0;
  inFlight = 0;
  peakInFlight = 0;
  readonly status: Record<number, number> = {};

  constructor(behaviour: MockBehaviour = {}) {
    this.behaviour = { ...behaviour };
  }

  setBehaviour(behaviour: MockBehaviour): void {
    this.behaviour = { ...behaviour };
    this.sinceSet = 0;
  }

  /** Counts a request in; returns its 1-based number. */
  arrive(): number {
    this.requests += 1;
    this.inFlight += 1;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
    return this.requests;
  }

  leave(): void {
    this.inFlight -= 1;
  }

  record(status: number): void {
    this.status[status] = (this.status[status] ?? 0) + 1;
  }

  /** Decides the fate of an authenticated, well-formed request. */
  decide(): Decision {
    const b = this.behaviour;
    const n = ++this.sinceSet;
    const retryAfterSec = b.retryAfterSec ?? defaultRetryAfterSec;
    if (b.failStatus !== undefined) return { kind: "fail", status: b.failStatus, retryAfterSec };
    if (b.down) return { kind: "fail", status: 503, retryAfterSec };
    if (b.rateLimitFirst !== undefined && n <= b.rateLimitFirst)
      return { kind: "fail", status: 429, retryAfterSec };
    if (b.rateLimitEvery !== undefined && b.rateLimitEvery > 0 && n % b.rateLimitEvery === 0) {
      return { kind: "fail", status: 429, retryAfterSec };
    }
    return { kind: "answer" };
  }

  latencyMs(): number {
    return Math.max(0, this.behaviour.latencyMs ?? 0);
  }

  snapshot(): ProviderStats {
    return { requests: this.requests, peakInFlight: this.peakInFlight, status: { ...this.status } };
  }
}

export function emptyStates(
  providers: readonly MockProvider[],
  behaviours: Partial<Record<MockProvider, MockBehaviour>> = {},
): Record<MockProvider, ProviderState> {
  const entries = providers.map((p) => [p, new ProviderState(behaviours[p])] as const);
  return Object.fromEntries(entries) as Record<MockProvider, ProviderState>;
}
