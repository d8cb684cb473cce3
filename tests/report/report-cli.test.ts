import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/cli/commands/validate.ts";
import type { Clock } from "../../src/core/clock.ts";
import type { ReportModel } from "../../src/report/model.ts";
import { locateDatabase, openDatabase } from "../../src/storage/db.ts";
import { cli } from "../helpers/cli.ts";
import { item, type SeedAnswer, seedAnswer, seedFailure, seedRun } from "./seed.ts";

const repo = new URL("../../", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "sightline-report-cli-"));
const config = join(dir, "q.yaml");
const dbPath = join(dir, "s.db");
// Wednesday of 2026-W48: the last complete week in Oslo is 2026-W47.
const clock: Clock = { now: () => Date.parse("2026-11-25T12:00:00Z"), sleep: async () => {} };

writeFileSync(
  config,
  `brand: { name: Fiken, domains: [fiken.no] }
competitors:
  - { name: Tripletex, domains: [tripletex.no] }
engines:
  - openai
  - { id: anthropic, label: Claude }
samples: 2
locale: nb-NO
schedule: { run: "0 6 * * 1", report: "0 8 * * 1", timezone: Europe/Oslo }
report: { to: [a@example.com], language: en }
questions:
  - { id: best, text: Hva er best?, stage: awareness }
  - { id: compare, text: Fiken eller Tripletex?, stage: consideration }
`,
);

/** 15 answers per question per week: `best` on ChatGPT names Fiken in `own` of them; `compare` on Claude favours Tripletex. */
function week(run: string, day: string, own: number, openai: string, anthropic: string): SeedAnswer[] {
  const out: SeedAnswer[] = [];
  for (let s = 1; s <= 15; s++) {
    const at = `${day}T06:${String(s).padStart(2, "0")}:00.000Z`;
    out.push(
      s <= own
        ? {
            run,
            question: "best",
            stage: "awareness",
            engine: openai,
            sample: s,
            at,
            text: "Fiken is best for you.",
            mentions: [["Fiken", 1, 1]],
            citations: [{ url: "https://fiken.no", domain: "fiken.no", owner: "Fiken", category: "owned" }],
          }
        : {
            run,
            question: "best",
            stage: "awareness",
            engine: openai,
            sample: s,
            at,
            text: "Use Tripletex today.",
            mentions: [["Tripletex", 1, 1]],
          },
      s <= 10
        ? {
            run,
            question: "compare",
            stage: "consideration",
            engine: anthropic,
            sample: s,
            at,
            text: "Tripletex wins.",
            mentions: [["Tripletex", 1, 1]],
          }
        : {
            run,
            question: "compare",
            stage: "consideration",
            engine: anthropic,
            sample: s,
            at,
            text: "Fiken wins.",
            mentions: [["Fiken", 1, 1]],
          },
    );
  }
  return out;
}

let engines: string[] = [];

beforeAll(async () => {
  const file = await loadConfig(config);
  engines = file.engines.map((e) => e.id);
  const [openai, anthropic] = engines as [string, string];
  const { db, close } = await openDatabase(locateDatabase({ dbPath }));
  try {
    for (const [run, day, own] of [
      ["w46", "2026-11-09", 12],
      ["w47", "2026-11-16", 3],
    ] as const) {
      const answers = week(run, day, own, openai, anthropic);
      const failed = {
        run,
        question: "compare",
        stage: "consideration",
        engine: anthropic,
        sample: 16,
        at: `${day}T07:00:00.000Z`,
      };
      await seedRun(db, run, file.path, `${day}T06:00:00.000Z`, [...answers.map(item), item(failed)]);
      for (const a of answers) await seedAnswer(db, a);
      if (run === "w47") await seedFailure(db, failed);
    }
  } finally {
    await close();
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const report = (args: string[]) =>
  cli(["report", "--config", config, "--db", dbPath, ...args], { clock, cwd: dir });

describe("sightline report", () => {
  it("prints the whole model as JSON for the last complete week, compared with the week before", async () => {
    const r = await report(["--format", "json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const model = JSON.parse(r.stdout) as ReportModel;
    expect(model.period).toEqual({
      id: "2026-W47",
      start: "2026-11-15T23:00:00.000Z",
      end: "2026-11-22T23:00:00.000Z",
    });
    expect(model.baseline?.id).toBe("2026-W46");
    expect(model.timezone).toBe("Europe/Oslo");
    expect(model.totals).toMatchObject({ answers: 30, failed: 1, engines: 2, questions: 2 });
    expect(model.totals.costUsd).toBeCloseTo(0.3, 10);
    expect(model.engines.map((e) => [e.label, e.n, e.failed, e.own?.mentionRate.successes])).toEqual([
      [engines[0], 15, 0, 3],
      ["Claude", 15, 1, 5],
    ]);
    // 12/15 → 3/15 on ChatGPT: z = −3.29, p = 0.0010.
    const drop = model.findings.find((f) => f.kind === "own-dropped" && f.engine === engines[0]);
    expect(drop?.change?.pValue).toBeCloseTo(0.001, 3);
    expect(drop?.excerpts).toHaveLength(3);
    expect(drop?.excerpts[0]).toMatchObject({
      text: "Use Tripletex today.",
      highlight: { start: 4, length: 9 },
    });
    expect(model.findings.filter((f) => f.kind === "own-dropped").map((f) => f.subject)).toEqual([
      "all",
      engines[0],
      "awareness",
    ]);
    // Tripletex is in both questions' consideration sets (12/15 and 10/15), Fiken in neither.
    const opportunities = model.findings.filter((f) => f.kind === "opportunity");
    expect(opportunities.map((f) => [f.subject, f.brand])).toEqual([
      ["best", "Tripletex"],
      ["compare", "Tripletex"],
    ]);
    expect(model.findings.some((f) => f.engine === engines[1] && f.kind === "own-dropped")).toBe(false);
    expect(model.trends[0]?.points.at(-2)?.values.all).toMatchObject({ successes: 17, n: 30 });
  });

  it("documents every field of the JSON in docs/report-json.md", async () => {
    const r = await report(["--format", "json"]);
    const doc = readFileSync(join(repo, "docs/report-json.md"), "utf8");
    const keys = new Set<string>();
    const walk = (v: unknown, parent: string) => {
      if (Array.isArray(v)) for (const x of v) walk(x, parent);
      else if (v && typeof v === "object")
        for (const [k, x] of Object.entries(v)) {
          // Record keys (series names, finding detail keys) are data; their parents are documented.
          if (!["values", "seriesLabels"].includes(parent)) keys.add(k);
          walk(x, k);
        }
    };
    walk(JSON.parse(r.stdout), "");
    const missing = [...keys].filter((k) => !doc.includes(`\`${k}\``));
    expect(missing).toEqual([]);
  });

  it("--since 2w reports both weeks as one period; --out writes a file", async () => {
    const out = join(dir, "r.json");
    const r = await report(["--since", "2w", "--out", out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    const model = JSON.parse(readFileSync(out, "utf8")) as ReportModel;
    expect(model.period.id).toBe("2026-W46..2026-W47");
    expect(model.totals.answers).toBe(60);
    expect(model.baseline?.id).toBe("2026-W44..2026-W45");
  });

  it("markdown, CSV and the e-mail's HTML come from the renderers", async () => {
    const md = await report(["--period", "2026-W47", "--format", "md"]);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain("Fiken");
    const csv = await report(["--period", "2026-W47", "--format", "csv"]);
    expect(csv.code).toBe(0);
    expect(csv.stdout.split("\n").length).toBeGreaterThan(10);
    const html = await report(["--period", "2026-W47", "--format", "html"]);
    expect(html.code).toBe(0);
    expect(html.stdout).toContain("Fiken");
  });

  it("refuses bad flags with exit 1", async () => {
    expect((await report(["--period", "2026-W47", "--since", "8w"])).stderr).toMatch(/not both/);
    expect((await report(["--period", "2025-W53"])).code).toBe(1);
    expect((await report(["--format", "pdf"])).stderr).toMatch(/--format must be one of/);
  });
});
