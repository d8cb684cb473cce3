import type { Env } from "../config/env.ts";
import type { EngineConfig } from "../config/query-file.ts";
import type { Clock } from "../core/clock.ts";
import type { BackoffPolicy } from "../providers/http/backoff.ts";
import { EngineGate, type GateEvents } from "../providers/http/engine-gate.ts";
import type { Provider, ProviderContext } from "../providers/types.ts";

/** Everything needed to call one configured engine: its provider, context (key, base URL) and gate. */
export interface EngineRuntime {
  engine: EngineConfig;
  provider: Provider;
  context: ProviderContext;
  gate: EngineGate;
}

/** The env variable holding the engine's key: the entry's `keyEnv` option, else the provider's. */
export function keyEnvOf(engine: EngineConfig, provider: Provider): string | null {
  const configured = engine.options.keyEnv;
  return typeof configured === "string" ? configured : provider.capabilities.keyEnv;
}

/** True when the engine can be called: it needs no key, or its key is set. */
export function hasKey(engine: EngineConfig, provider: Provider, env: Env): boolean {
  const name = keyEnvOf(engine, provider);
  return name === null || env.get(name) !== undefined;
}

export function engineRuntime(
  engine: EngineConfig,
  provider: Provider,
  env: Env,
  clock: Clock,
  options: { events?: GateEvents; policy?: BackoffPolicy } = {},
): EngineRuntime {
  const keyEnv = keyEnvOf(engine, provider);
  const baseEnv = provider.capabilities.baseUrlEnv;
  const context: ProviderContext = {
    apiKey: keyEnv ? env.get(keyEnv) : undefined,
    baseUrl: baseEnv ? env.get(baseEnv) : undefined,
    clock,
    options: engine.options,
  };
  const gate = new EngineGate(
    engine.id,
    {
      concurrency: engine.concurrency ?? provider.capabilities.maxConcurrency,
      requestsPerMinute: engine.requestsPerMinute ?? provider.capabilities.requestsPerMinute,
      timeoutMs: provider.capabilities.timeoutMs,
    },
    clock,
    options,
  );
  return { engine, provider, context, gate };
}
