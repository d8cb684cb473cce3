import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { systemClock } from "../../../src/core/clock.ts";
import { ProviderError } from "../../../src/core/errors.ts";
import { backoffDelay, defaultBackoff } from "../../../src/providers/http/backoff.ts";
import { DeferredError, EngineGate } from "../../../src/providers/http/engine-gate.ts";

const limits = { concurrency: 4, requestsPerMinute: 1000, timeoutMs: 30_000 };
const rateLimited = (ms?: number) =>
  new ProviderError("openai", "rate-limit", "HTTP 429", {
    status: 429,
    ...(ms === undefined ? {} : { retryAfterMs: ms }),
  });

/** A fake engine: answers from a script of outcomes, records when each call started. */
function scripted(outcomes: (Error | string)[]) {
  const starts: number[] = [];
  const call = async () => {
    starts.push(Date.now());
    const next = outcomes.shift() ?? "ok";
    if (next instanceof Error) throw next;
    return next;
  };
  return { call, starts };
}

describe("engine gate: the one retry and rate-limit layer", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
  });
  afterEach(() => vi.useRealTimers());

  it("waits what a 429's retry-after asks, then succeeds", async () => {
    const gate = new EngineGate("e", limits, systemClock, { random: () => 0.5 });
    const engine = scripted([rateLimited(7_000), "answer"]);
    const result = gate.run(engine.call);
    await vi.advanceTimersByTimeAsync(6_999);
    expect(engine.starts).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1);
    await expect(result).resolves.toBe("answer");
    expect(engine.starts).toEqual([0, 7_000]);
  });

  it("a 429 pauses this engine's other calls, but not another engine", async () => {
    const a = new EngineGate("a", limits, systemClock);
    const b = new EngineGate("b", limits, systemClock);
    const engineA = scripted([rateLimited(10_000)]);
    const first = a.run(engineA.call);
    await vi.advanceTimersByTimeAsync(1_000);
    const second = a.run(engineA.call); // started during the pause: must not reach the server before 10 s
    const engineB = scripted(["b-answer"]);
    await expect(b.run(engineB.call)).resolves.toBe("b-answer");
    expect(engineB.starts).toEqual([1_000]);
    await vi.advanceTimersByTimeAsync(8_999);
    expect(engineA.starts).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1);
    await expect(Promise.all([first, second])).resolves.toEqual(["ok", "ok"]);
    expect(engineA.starts).toEqual([0, 10_000, 10_000]);
  });

  it("never retries quota or auth errors, and stops the engine for the rest of the run", async () => {
    const gate = new EngineGate("e", limits, systemClock);
    const quota = new ProviderError("openai", "quota", "insufficient_quota", {
      status: 429,
      code: "insufficient_quota",
    });
    const engine = scripted([quota, "never"]);
    await expect(gate.run(engine.call)).rejects.toBe(quota);
    await expect(gate.run(engine.call)).rejects.toBe(quota);
    expect(engine.starts).toHaveLength(1);
    expect(gate.stoppedBy).toBe(quota);
  });

  it("does not retry a bad response or a refusal", async () => {
    const gate = new EngineGate("e", limits, systemClock);
    const refused = new ProviderError("x", "refused", "no");
    const engine = scripted([refused]);
    await expect(gate.run(engine.call)).rejects.toBe(refused);
    expect(engine.starts).toHaveLength(1);
  });

  it("retries server errors with exponential backoff and full jitter, then gives up", async () => {
    const gate = new EngineGate("e", limits, systemClock, { random: () => 0.999 });
    const boom = () => new ProviderError("x", "server", "HTTP 500", { status: 500 });
    const engine = scripted([boom(), boom(), boom(), boom(), boom()]);
    const result = gate.run(engine.call).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(60_000);
    const error = await result;
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).kind).toBe("server");
    // 5 attempts; waits just under 1 s, 2 s, 4 s, 8 s.
    expect(engine.starts).toEqual([0, 999, 2_997, 6_993, 14_985]);
  });

  it("defers instead of sleeping when the server asks for longer than the run should wait", async () => {
    const gate = new EngineGate("e", limits, systemClock);
    const engine = scripted([rateLimited(3 * 3600_000)]);
    const error = await gate.run(engine.call).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeferredError);
    expect((error as DeferredError).retryAt).toBe(3 * 3600_000);
  });

  it("keeps at most `concurrency` calls in flight", async () => {
    const gate = new EngineGate("e", { ...limits, concurrency: 3 }, systemClock);
    let inFlight = 0;
    let peak = 0;
    const call = async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 100));
      inFlight--;
      return "ok";
    };
    const all = Promise.all(Array.from({ length: 10 }, () => gate.run(call)));
    await vi.advanceTimersByTimeAsync(1_000);
    await all;
    expect(peak).toBe(3);
  });

  it("starts at most requestsPerMinute calls in any minute", async () => {
    const gate = new EngineGate("e", { ...limits, requestsPerMinute: 2 }, systemClock);
    const engine = scripted([]);
    const all = Promise.all([gate.run(engine.call), gate.run(engine.call), gate.run(engine.call)]);
    await vi.advanceTimersByTimeAsync(61_000);
    await all;
    expect(engine.starts).toEqual([0, 0, 60_000]);
  });

  it("times out a hung call as kind timeout and retries it", async () => {
    const gate = new EngineGate("e", { ...limits, timeoutMs: 1_000 }, systemClock, { random: () => 0 });
    let calls = 0;
    const call = (signal: AbortSignal) =>
      new Promise<string>((resolve) => {
        calls++;
        if (calls > 1) resolve("late but fine");
        signal.addEventListener("abort", () => undefined);
      });
    const result = gate.run(call);
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(10);
    await expect(result).resolves.toBe("late but fine");
    expect(calls).toBe(2);
  });

  it("backoff ceilings double up to the cap", () => {
    expect([1, 2, 3, 7, 20].map((n) => backoffDelay(n, defaultBackoff, () => 0.9999999))).toEqual([
      999, 1999, 3999, 59999, 59999,
    ]);
  });
});

describe("engine gate breaker", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
  });
  afterEach(() => vi.useRealTimers());

  it("after breakAfter calls in a row fail for good, fails the rest at once; a success resets it", async () => {
    const policy = { ...defaultBackoff, maxAttempts: 2, breakAfter: 2 };
    const gate = new EngineGate("e", limits, systemClock, { policy, random: () => 0 });
    let calls = 0;
    const down = async () => {
      calls++;
      throw new ProviderError("x", "server", "HTTP 503", { status: 503 });
    };
    for (let i = 0; i < 2; i++) {
      const r = gate.run(down).catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(10);
      expect(await r).toMatchObject({ kind: "server" });
    }
    expect(calls).toBe(4);
    await expect(gate.run(down)).rejects.toThrow(/engine unavailable: 2 calls in a row failed after retries/);
    expect(calls).toBe(4);
  });
});
