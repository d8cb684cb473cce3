import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.ts";

const repo = new URL("../../", import.meta.url).pathname;
const example = join(repo, "queries/example.yaml");
const scratch = () => mkdtempSync(join(tmpdir(), "sightline-run-cli-"));

describe("sightline run (CLI)", () => {
  it("--dry-run prints the plan, the paid calls and the estimated cost per engine", async () => {
    const r = await cli(["run", "--config", example, "--dry-run", "--json"], {
      env: { OPENAI_API_KEY: "k", GEMINI_API_KEY: "k" },
    });
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout) as {
      replay: boolean;
      calls: number;
      estimates: { engine: string; calls: number; totalUsd: number }[];
      totalUsd: number;
      budgetUsd: number;
    };
    expect(plan.replay).toBe(false);
    expect(plan.calls).toBe(36); // 6 questions × 2 engines with keys × 3 samples
    expect(plan.estimates.map((e) => e.engine)).toEqual([
      "openai:gpt-6-luna+web",
      "gemini:gemini-3.5-flash-lite+web",
    ]);
    expect(plan.estimates.every((e) => e.totalUsd > 0)).toBe(true);
    expect(plan.budgetUsd).toBe(5);
    expect(r.stderr).toMatch(/skipping engine anthropic:claude-haiku-5-5\+web: ANTHROPIC_API_KEY is not set/);
  });

  it("without keys answers from the replay engine, says so, stores everything and exits 0", async () => {
    const dir = scratch();
    const db = join(dir, "s.db");
    const r = await cli(["run", "--config", example, "--db", db]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/REPLAY MODE: no API key is set/);
    expect(r.stdout).toMatch(/completed \(REPLAY: recorded answers, not live\)/);
    expect(r.stdout).toMatch(/18 answered, 0 failed, 0 pending/);
    const list = JSON.parse((await cli(["answers", "--db", db, "--json", "--brand", "Fiken"])).stdout) as {
      answers: { surface: string; ranking: string[] }[];
    };
    expect(list.answers.length).toBeGreaterThan(10);
    expect(list.answers.every((a) => a.surface === "replay" && a.ranking.includes("Fiken"))).toBe(true);
    const shown = await cli(["answers", "show", "1", "--db", db]);
    expect(shown.stdout).toMatch(/REPLAY: a recorded example answer, not live data/);
    expect(shown.stdout).toMatch(/^mentions:$/m);
  });

  it("--resume with nothing unfinished and a bad --max-cost are user errors (exit 1)", async () => {
    const db = join(scratch(), "s.db");
    const resume = await cli(["run", "--config", example, "--db", db, "--resume"]);
    expect(resume.code).toBe(1);
    expect(resume.stderr).toMatch(/no unfinished run of/);
    const cost = await cli(["run", "--config", example, "--db", db, "--max-cost", "lots"]);
    expect(cost.code).toBe(1);
    expect(cost.stderr).toMatch(/--max-cost must be a number of USD/);
  });

  it("--json prints a machine-readable summary on stdout", async () => {
    const db = join(scratch(), "s.db");
    const r = await cli(["run", "--config", example, "--db", db, "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      status: "completed",
      answered: 18,
      failed: 0,
      replay: true,
    });
    // Logs are JSON lines on stderr.
    for (const line of r.stderr.trim().split("\n")) expect(() => JSON.parse(line)).not.toThrow();
  });
});
