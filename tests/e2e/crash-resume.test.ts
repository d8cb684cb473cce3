import { type ChildProcess, spawn } from "node:child_process";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { type MockAiServer, startMockAiServer } from "./mock-ai/server.ts";
import { mockEnv, scratchQueryFile } from "./setup.ts";

const bin = new URL("../../bin/sightline.js", import.meta.url).pathname;
let server: MockAiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function sightline(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [bin, ...args], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function exited(
  child: ChildProcess,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }> {
  let stdout = "";
  child.stdout?.on("data", (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr?.resume();
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal, stdout })));
}

const countAnswers = (path: string) => {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare("select count(*) as n from answers").get() as { n: number }).n;
  } finally {
    db.close();
  }
};

const totalRequests = (s: MockAiServer) => Object.values(s.stats()).reduce((sum, p) => sum + p.requests, 0);

describe("crash safety", () => {
  it("kill -9 halfway loses no answer, and --resume asks only what is missing", async () => {
    server = await startMockAiServer({
      behaviours: {
        openai: { latencyMs: 150 },
        anthropic: { latencyMs: 150 },
        perplexity: { latencyMs: 150 },
        gemini: { latencyMs: 150 },
      },
    });
    const { file, db } = scratchQueryFile(["openai", "anthropic", "perplexity", "gemini"], 10, 3);
    const env = mockEnv(server);
    const total = 4 * 10 * 3;

    const first = sightline(["run", "--config", file, "--db", db, "--json"], env);
    const firstExit = exited(first);
    for (;;) {
      await new Promise((r) => setTimeout(r, 25));
      let n = 0;
      try {
        n = countAnswers(db);
      } catch {}
      if (n >= 30) break;
    }
    first.kill("SIGKILL");
    expect((await firstExit).signal).toBe("SIGKILL");
    const answeredAtKill = countAnswers(db);
    const requestsAtKill = totalRequests(server);
    expect(answeredAtKill).toBeGreaterThanOrEqual(30);
    expect(answeredAtKill).toBeLessThan(total);

    const resumed = await exited(sightline(["run", "--config", file, "--db", db, "--resume", "--json"], env));
    expect(resumed.code).toBe(0);
    const summary = JSON.parse(resumed.stdout) as {
      status: string;
      answered: number;
      failed: number;
      pending: number;
    };
    expect(summary).toMatchObject({ status: "completed", answered: total, failed: 0, pending: 0 });
    // Zero repeated calls: the resume asked exactly the items that had no stored answer.
    expect(totalRequests(server) - requestsAtKill).toBe(total - answeredAtKill);

    const check = new Database(db, { readonly: true });
    try {
      expect(check.prepare("select count(*) as n from answers").get()).toEqual({ n: total });
      expect(check.prepare("select count(distinct item_id) as n from answers").get()).toEqual({ n: total });
      expect(check.prepare("select count(*) as n from work_items where status != 'answered'").get()).toEqual({
        n: 0,
      });
      expect(check.prepare("select count(*) as n from analyses").get()).toEqual({ n: total });
      expect(check.pragma("integrity_check")).toEqual([{ integrity_check: "ok" }]);
    } finally {
      check.close();
    }
  }, 60_000);
});
