/**
 * Sliding-window limiter: at most `limit` starts within any `windowMs`. Keeps the start times of
 * the last `limit` calls in a ring, so memory is bounded by the limit, not by the run's size.
 */
export class RateWindow {
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly starts: number[] = [];
  private next = 0;

  constructor(limit: number, windowMs: number) {
    this.limit = Math.max(1, Math.floor(limit));
    this.windowMs = windowMs;
  }

  /** Milliseconds until another start is allowed at `now` (0 when allowed now). */
  waitMs(now: number): number {
    if (this.starts.length < this.limit) return 0;
    const oldest = this.starts[this.next] ?? 0;
    return Math.max(0, oldest + this.windowMs - now);
  }

  record(now: number): void {
    if (this.starts.length < this.limit) {
      this.starts.push(now);
      return;
    }
    this.starts[this.next] = now;
    this.next = (this.next + 1) % this.limit;
  }
}
