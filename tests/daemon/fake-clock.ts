import type { Clock } from "../../src/core/clock.ts";

/**
 * A clock the test moves by hand: `now()` is whatever was set, and `sleep` resolves when the time
 * is set past its end (or its signal aborts). Nothing waits real minutes.
 */
export class FakeClock implements Clock {
  private time: number;
  private sleepers: { until: number; wake: () => void }[] = [];

  constructor(startIso: string) {
    this.time = Date.parse(startIso);
  }

  now = (): number => this.time;

  sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise<void>((resolve) => {
      if (signal?.aborted || ms <= 0) return resolve();
      const sleeper = {
        until: this.time + Math.max(0, ms),
        wake: () => {
          this.sleepers = this.sleepers.filter((s) => s !== sleeper);
          signal?.removeEventListener("abort", sleeper.wake);
          resolve();
        },
      };
      this.sleepers.push(sleeper);
      signal?.addEventListener("abort", sleeper.wake, { once: true });
    });

  /** Sets the time and wakes every sleeper whose end has come. */
  set(iso: string | number): void {
    this.time = typeof iso === "number" ? iso : Date.parse(iso);
    for (const s of [...this.sleepers]) if (s.until <= this.time) s.wake();
  }

  advance(ms: number): void {
    this.set(this.time + ms);
  }

  /** Moves the time without waking anyone: timers that have not fired yet (a machine asleep). */
  jump(iso: string): void {
    this.time = Date.parse(iso);
  }

  /** When the earliest sleeper wakes (ms since the epoch), if any. */
  nextWake(): number | null {
    return this.sleepers.length === 0 ? null : Math.min(...this.sleepers.map((s) => s.until));
  }
}
