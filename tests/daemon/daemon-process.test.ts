import { type ChildProcess, spawn } from "node:child_process";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { type MockAiServer, startMockAiServer } from "../e2e/mock-ai/server.ts";
import { mockEnv, scratchQueryFile } from "../e2e/setup.ts";

const bin = new URL("../../bin/sightline.js", import.meta.url).pathname;
let server: MockAiServer | undefined;
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  await server?.close();
  server = undefined;
});

interface Daemon {
  child: ChildProcess;
  url: Promise<string>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  logs: string[];
}

function daemon(args: string[], env: Record<string, string>): Daemon {
  const child = spawn(process.execPath, [bin, "daemon", "--listen", "127.0.0.1:0", ...args], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  children.push(child);
  const logs: string[] = [];
  let found: (url: string) => void = () => undefined;
  const url = new Promise<string>((resolve) => {
    found = resolve;
  });
  let buffer = "";
  child.stderr?.on("data", (d: Buffer) => {
    buffer += d.toString();
    for (let i = buffer.indexOf("\n"); i >= 0; i = buffer.indexOf("\n")) {
      const line = buffer.slice(0, i);
      buffer = buffer.slice(i + 1);
      logs.push(line);
      const parsed = JSON.parse(line) as { msg?: string; url?: string };
      if (parsed.msg === "ops endpoints listening" && parsed.url) found(parsed.url);
    }
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  return { child, url, exit, logs };
}

const query = <T>(path: string, sql: string): T[] => {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
};

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const requests = (s: MockAiServer) => Object.values(s.stats()).reduce((sum, p) => sum + p.requests, 0);

describe("sightline daemon as a process", () => {
  it("two daemons on one database file run each slot once, serve /readyz, and stop cleanly on SIGTERM", async () => {
    server = await startMockAiServer({ behaviours: { openai: { latencyMs: 50 } } });
    const { file, db } = scratchQueryFile(
      ["openai"],
      2,
      1,
      'schedule: { run: "*/2 * * * * *", report: "0 8 * * 1", timezone: Europe/Oslo }',
    );
    const env = mockEnv(server);
    const args = ["--config", file, "--db", db, "--heartbeat", "1"];
    const a = daemon(args, env);
    const b = daemon(args, env);
    for (const d of [a, b]) {
      const url = await d.url;
      await waitFor(async () => (await fetch(`${url}/readyz`)).status === 200, 10_000);
    }
    await waitFor(() => query(db, "select id from runs where status = 'completed'").length >= 3, 15_000);
    const metrics = await (await fetch(`${await a.url}/metrics`)).text();
    expect(metrics).toMatch(/^sightline_answers_total\{engine="openai:[^"]+",outcome="answered"\} \d+$/m);

    const stopAt = Date.now();
    a.child.kill("SIGTERM");
    b.child.kill("SIGTERM");
    const exits = await Promise.all([a.exit, b.exit]);
    for (const e of exits) {
      expect(e.code).toBe(0);
      expect(e.at - stopAt).toBeLessThan(10_000);
    }
    // Each slot's items were asked once in all: no call was made twice by the two processes.
    const answers = query<{ n: number }>(db, "select count(*) as n from answers")[0]?.n ?? 0;
    expect(requests(server)).toBe(answers);
    const perRun = query<{ id: string; n: number }>(
      db,
      "select run_id as id, count(*) as n from answers group by run_id",
    );
    for (const r of perRun) expect(r.n).toBeLessThanOrEqual(2);
    expect(query<{ n: number }>(db, "select count(*) as n from runs where status = 'running'")[0]?.n).toBe(0);
  }, 60_000);

  it("ends within the shutdown grace period even when a call in flight does not return", async () => {
    server = await startMockAiServer({ behaviours: { openai: { latencyMs: 60_000 } } });
    const { file, db } = scratchQueryFile(
      ["openai"],
      1,
      1,
      'schedule: { run: "*/2 * * * * *", report: "0 8 * * 1", timezone: UTC }',
    );
    const d = daemon(["--config", file, "--db", db, "--shutdown-grace", "1"], mockEnv(server));
    await d.url;
    await waitFor(() => requests(server as MockAiServer) >= 1, 15_000);
    const stopAt = Date.now();
    d.child.kill("SIGTERM");
    const exit = await d.exit;
    expect(exit.signal).toBe("SIGTERM");
    expect(exit.at - stopAt).toBeLessThan(4_000);
    expect(d.logs.some((l) => l.includes("shutdown grace period over"))).toBe(true);
  }, 30_000);
});
