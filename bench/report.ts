import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { loadConfig } from "../src/cli/commands/validate.ts";
import { generateReport } from "../src/report/generate.ts";
import { lastCompleteWeek, previousPeriod, sincePeriod, weekPeriod } from "../src/report/periods.ts";
import { locateDatabase, openDatabase } from "../src/storage/db.ts";
import { preferMappedReads } from "../src/storage/report-repo.ts";
import { seedReportDatabase } from "./report-seed.ts";

/**
 * Report speed (issue #6 item 6): a year of weekly runs — 52 weeks × 200 questions × 5 engines ×
 * 3 samples ≈ 156,000 answers, 10 tracked brands — in a SQLite file, then `sightline report
 * --format json` in a fresh process as a user runs it, for the default weekly report (the week,
 * its baseline and the 8-week trend window) and for `--since 52w` (the whole year as one period,
 * 52 weekly trend points). Target: under 3 s each. Seeding is not timed. Also reported: where the
 * time goes inside one warm `generateReport` call, and the same runs with a covering index on
 * answers by time (not in the shipped schema: a what-if for the migration it would need).
 */

const TIMEZONE = "Europe/Oslo";
const NOW = Date.parse("2026-11-25T12:00:00Z");
const STAGES = ["awareness", "consideration", "purchase", "loyalty", "advocacy"];
const RUNS = 3;

function queryFileYaml(): string {
  const brands = Array.from(
    { length: 9 },
    (_, i) => `  - { name: Rival${i + 1}, domains: [rival${i + 1}.no] }`,
  );
  const questions = Array.from(
    { length: 200 },
    (_, i) =>
      `  - { id: q${i + 1}, text: "Question number ${i + 1} about accounting?", stage: ${STAGES[i % 5]} }`,
  );
  return [
    "brand: { name: Ourbrand, domains: [ourbrand.no] }",
    "competitors:",
    ...brands,
    "engines: [openai, anthropic, perplexity, gemini, google-ai-overview]",
    "samples: 3",
    "locale: nb-NO",
    `schedule: { run: "0 6 * * 1", report: "0 8 * * 1", timezone: ${TIMEZONE} }`,
    "report: { to: [a@example.com], language: en }",
    "questions:",
    ...questions,
    "",
  ].join("\n");
}

interface ChildRun {
  code: number;
  error: string;
  processMs: number;
  commandMs: number;
  outputKb: number;
  peakRssMb: number;
  rssAnonMb: number | null;
  rssFileMb: number | null;
}

function reportProcess(args: readonly string[]): ChildRun {
  const out = execFileSync(
    process.execPath,
    [new URL("./report-child.ts", import.meta.url).pathname, "report", ...args],
    {
      env: { ...process.env, SIGHTLINE_BENCH_NOW: String(NOW) },
      encoding: "utf8",
      maxBuffer: 1 << 20,
    },
  );
  const run = JSON.parse(out) as ChildRun;
  if (run.code !== 0) throw new Error(`bench report: exit ${run.code}: ${run.error}`);
  return run;
}

export interface ReportBenchCase {
  name: string;
  /** Best of three fresh processes: whole process (module loading included) and the command alone, ms. */
  processMs: number;
  commandMs: number;
  /** Inside one warm `generateReport`: loading facts, computing the model, fetching excerpts, ms. */
  loadMs: number;
  buildMs: number;
  excerptsMs: number;
  /** Answers in the report period (the trend window and baseline are loaded too). */
  periodAnswers: number;
  jsonKb: number;
  peakRssMb: number;
  rssAnonMb: number | null;
  rssFileMb: number | null;
  /** The same process run with a covering index on answers(asked_at, ...): the what-if. */
  withTimeIndexMs?: number;
}

export interface ReportBenchResult {
  answers: number;
  failed: number;
  dbMb: number;
  seedMs: number;
  cases: ReportBenchCase[];
}

export async function benchReport(): Promise<ReportBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), "sightline-bench-report-"));
  try {
    const configPath = join(dir, "queries.yaml");
    writeFileSync(configPath, queryFileYaml());
    const file = await loadConfig(configPath);
    const dbPath = join(dir, "sightline.db");
    await (await openDatabase(locateDatabase({ dbPath }))).close();
    const seedStart = performance.now();
    const last = lastCompleteWeek(NOW, TIMEZONE);
    const seeded = seedReportDatabase(dbPath, file, {
      weeks: 52,
      last,
      timezone: TIMEZONE,
      failureRate: 0.01,
    });
    const seedMs = performance.now() - seedStart;

    const specs = [
      { name: "weekly (1 week + baseline + 8-week trend)", args: [], period: weekPeriod(last, TIMEZONE) },
      {
        name: "--since 52w (a year as one period)",
        args: ["--since", "52w"],
        period: sincePeriod(52, NOW, TIMEZONE),
      },
    ];
    const cases: ReportBenchCase[] = [];
    for (const spec of specs) {
      const args = ["--config", configPath, "--db", dbPath, "--format", "json", ...spec.args];
      const runs = Array.from({ length: RUNS }, () => reportProcess(args));
      const best = runs.reduce((a, b) => (b.processMs < a.processMs ? b : a));
      const open = await openDatabase(locateDatabase({ dbPath }));
      try {
        await preferMappedReads(open.db);
        const g = await generateReport(open.db, {
          file,
          period: spec.period,
          baseline: previousPeriod(spec.period, TIMEZONE),
          timezone: TIMEZONE,
          now: NOW,
        });
        cases.push({
          name: spec.name,
          processMs: best.processMs,
          commandMs: Math.min(...runs.map((r) => r.commandMs)),
          loadMs: Math.round(g.timings.loadMs),
          buildMs: Math.round(g.timings.buildMs),
          excerptsMs: Math.round(g.timings.excerptsMs),
          periodAnswers: g.model.totals.answers,
          jsonKb: best.outputKb,
          peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)),
          rssAnonMb: best.rssAnonMb,
          rssFileMb: best.rssFileMb,
        });
      } finally {
        await open.close();
      }
    }

    const sqlite = new BetterSqlite3(dbPath);
    sqlite.exec(
      "create index bench_answers_by_time on answers (asked_at, run_id, engine_id, question_id, question_version, served_model, surface, cost_usd)",
    );
    sqlite.close();
    specs.forEach((spec, i) => {
      const args = ["--config", configPath, "--db", dbPath, "--format", "json", ...spec.args];
      const row = cases[i];
      if (row)
        row.withTimeIndexMs = Math.min(...Array.from({ length: RUNS }, () => reportProcess(args).processMs));
    });
    return {
      answers: seeded.answers,
      failed: seeded.failed,
      dbMb: Math.round(statSync(dbPath).size / 1_048_576),
      seedMs: Math.round(seedMs),
      cases,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
