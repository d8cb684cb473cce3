import type { Clock } from "../../src/core/clock.ts";

/** A clock that advances `stepMs` on every read (so a measured latency is exact) and never sleeps. */
export function steppingClock(stepMs = 250, start = 1_700_000_000_000): Clock {
  let now = start;
  return {
    now: () => {
      now += stepMs;
      return now;
    },
    sleep: async () => {},
  };
}
