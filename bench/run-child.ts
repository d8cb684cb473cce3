/**
 * One benchmark run in a fresh process (so its peak RSS is its own): plans and executes a run of
 * `questions` × 3 engines × 3 samples against the mock server, and prints wall time, CPU time,
 * peak RSS and the outcome as JSON. argv: questions, concurrency, base-URLs JSON, db path.
 */
import { writeFileSync } from "node:fs";
import { loadConfig } from "../src/cli/commands/validate.ts";
import { readEnv } from "../src/config/env.ts";
import { systemClock } from "../src/core/clock.ts";
import { getProvider, modelInfo } from "../src/providers/registry.ts";
import { executeRun } from "../src/scheduler/runner.ts";
import { workerStore } from "../src/scheduler/worker-store.ts";
import { locateDatabase, openDatabase } from "../src/storage/db.ts";

const [questionsText, concurrencyText, baseUrlsJson, dbPath] = process.argv.slice(2);
const questions = Number(questionsText);
const concurrency = Number(concurrencyText);
const baseUrls = JSON.parse(baseUrlsJson ?? "{}") as Record<string, string>;
if (!dbPath || !questions || !concurrency)
  throw new Error("usage: run-child.ts QUESTIONS CONCURRENCY BASE_URLS_JSON DB");

const file = `${dbPath}.yaml`;
const engine = (id: string) => `  - { id: ${id}, concurrency: ${concurrency}, requestsPerMinute: 1000000 }`;
writeFileSync(
  file,
  [
    "brand: { name: Fiken, domains: [fiken.no] }",
    "competitors: [{ name: Tripletex, domains: [tripletex.no] }, { name: Conta, domains: [conta.no] }, { name: Visma eAccounting, domains: [visma.no] }, { name: PowerOffice Go, domains: [poweroffice.no] }, { name: 24SevenOffice, domains: [24sevenoffice.com] }]",
    "engines:",
    engine("openai"),
    engine("anthropic"),
    engine("gemini"),
    "samples: 3",
    "questions:",
    ...Array.from(
      { length: questions },
      (_, i) =>
        `  - { id: q${i}, text: "Hva er det beste regnskapsprogrammet for bransje ${i}?", stage: awareness }`,
    ),
    "",
  ].join("\n"),
);
const config = await loadConfig(file);
const env = readEnv({
  OPENAI_API_KEY: "bench",
  ANTHROPIC_API_KEY: "bench",
  GEMINI_API_KEY: "bench",
  OPENAI_BASE_URL: baseUrls.openai,
  ANTHROPIC_BASE_URL: baseUrls.anthropic,
  GEMINI_BASE_URL: baseUrls.gemini,
});
const { db, close } = await openDatabase(locateDatabase({ dbPath }));
const store = workerStore({ dbPath, brands: config.brands, categories: config.categories }, (message) => {
  throw new Error(message);
});
const rssBefore = process.memoryUsage.rss();
const cpuBefore = process.cpuUsage();
const started = performance.now();
const summary = await executeRun(
  {
    db,
    clock: systemClock,
    env,
    getProvider,
    priceOf: modelInfo,
    store,
    owner: "bench",
    isDead: () => false,
  },
  { file: config, runId: "bench@1", slot: new Date().toISOString(), maxCostUsd: null },
);
const wallMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
await store.close();
await close();
process.stdout.write(
  `${JSON.stringify({
    items: summary.answered + summary.failed + summary.pending,
    answered: summary.answered,
    status: summary.status,
    wallMs: Math.round(wallMs),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    // maxRSS is the kernel's high-water mark of the whole process (KiB).
    peakRssMb: Math.round((process.resourceUsage().maxRSS * 1024) / 1048576),
    rssBeforeRunMb: Math.round(rssBefore / 1048576),
  })}\n`,
);
