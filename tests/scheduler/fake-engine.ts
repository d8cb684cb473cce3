import { z } from "zod";
import { readEnv } from "../../src/config/env.ts";
import type { QueryFile } from "../../src/config/query-file.ts";
import { systemClock } from "../../src/core/clock.ts";
import type { ProviderError } from "../../src/core/errors.ts";
import type { ModelInfo } from "../../src/providers/pricing.ts";
import { type AskRequest, type AskResult, emptyUsage, type Provider } from "../../src/providers/types.ts";
import { inProcessStore } from "../../src/scheduler/answer-store.ts";
import type { RunDeps } from "../../src/scheduler/runner.ts";
import type { OpenDatabase } from "../../src/storage/db.ts";

/** An in-process engine for runner tests: answers after `latencyMs`, or fails as `script` says. */
export function fakeProvider(
  id: string,
  script: (request: AskRequest, call: number) => ProviderError | string,
  latencyMs = 5,
) {
  const calls: AskRequest[] = [];
  const provider: Provider = {
    id,
    displayName: id,
    defaultModel: "m1",
    capabilities: {
      nativeCitations: true,
      webSearch: true,
      maxConcurrency: 4,
      requestsPerMinute: 100_000,
      timeoutMs: 5_000,
      surface: "api+web-search",
      keyEnv: null,
      baseUrlEnv: null,
    },
    optionsSchema: z.strictObject({}),
    models: [],
    async ask(request): Promise<AskResult> {
      const n = calls.push(request);
      await new Promise((r) => setTimeout(r, latencyMs));
      const outcome = script(request, n);
      if (typeof outcome !== "string") throw outcome;
      return {
        text: outcome,
        citations: [{ url: "https://fiken.no/priser" }],
        retrieved: [],
        searchQueries: [],
        servedModel: "m1-2026",
        usage: { ...emptyUsage(), inputTokens: 10, outputTokens: 100, searches: 1 },
        reportedCostUsd: 0.01,
        warnings: [],
        raw: { text: outcome },
        requestedModel: request.model,
        costUsd: 0.01,
        latencyMs: latencyMs,
        surface: "api+web-search",
      };
    },
    parse: () => {
      throw new Error("unused");
    },
  };
  return { provider, calls };
}

export function queryFile(
  engines: { id: string; provider: string }[],
  questions = 3,
  samples = 2,
): QueryFile {
  return {
    path: "/tmp/q.yaml",
    brands: [
      {
        name: "Fiken",
        role: "own",
        aliases: [{ text: "Fiken", caseSensitive: false }],
        domains: ["fiken.no"],
      },
      {
        name: "Tripletex",
        role: "competitor",
        aliases: [{ text: "Tripletex", caseSensitive: false }],
        domains: ["tripletex.no"],
      },
    ],
    engines: engines.map((e) => ({ ...e, model: "m1", webSearch: true, samples, label: e.id, options: {} })),
    samples,
    locale: "nb-NO",
    categories: {},
    questions: Array.from({ length: questions }, (_, i) => ({
      id: `q${i}`,
      derivedId: false,
      text: `Question ${i}?`,
      version: `v${i}`,
      stage: "awareness" as const,
      tags: [],
      locale: "nb-NO",
    })),
  };
}

export const price: ModelInfo = {
  model: "m1",
  inputPerM: 0,
  cachedInputPerM: 0,
  outputPerM: 0,
  searchUsd: 0.01,
  source: "test",
  checked: "2026-11-25",
};

export function deps(db: OpenDatabase["db"], providers: Provider[], owner = "test-owner"): RunDeps {
  return {
    db,
    clock: systemClock,
    env: readEnv({}),
    getProvider: (id) => providers.find((p) => p.id === id),
    priceOf: () => price,
    store: inProcessStore(db, () => ({
      version: 1,
      brandsHash: "h",
      result: { mentions: [], ranking: [], citations: [], retrieved: [] },
    })),
    owner,
    isDead: () => false,
  };
}
