import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";

/**
 * Run throughput (issue #5 item 9): 3 engines × N questions × 3 samples against the local mock
 * server (its own process) with 300 ms latency and concurrency 16 per engine. Reports wall time
 * against the ideal (items ÷ total concurrency × latency), CPU time and peak RSS, for N and 2N
 * questions (memory should stay flat).
 */
const LATENCY_MS = 300;
const CONCURRENCY = 16;
const ENGINES = 3;

async function startServer(): Promise<{ child: ChildProcess; baseUrls: Record<string, string> }> {
  const child = spawn(
    process.execPath,
    [new URL("./mock-server-child.ts", import.meta.url).pathname, String(LATENCY_MS)],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  for await (const line of lines) {
    const { baseUrls } = JSON.parse(line) as { baseUrls: Record<string, string> };
    return { child, baseUrls };
  }
  throw new Error("mock server did not start");
}

export interface ThroughputResult {
  questions: number;
  items: number;
  wallMs: number;
  idealMs: number;
  wallOverIdeal: number;
  cpuMs: number;
  peakRssMb: number;
}

export async function benchRunThroughput(
  questionCounts: readonly number[] = [200, 400],
): Promise<ThroughputResult[]> {
  const { child, baseUrls } = await startServer();
  const run = promisify(execFile);
  const results: ThroughputResult[] = [];
  try {
    for (const questions of questionCounts) {
      const db = join(mkdtempSync(join(tmpdir(), "sightline-bench-")), "bench.db");
      const { stdout } = await run(
        process.execPath,
        [
          new URL("./run-child.ts", import.meta.url).pathname,
          String(questions),
          String(CONCURRENCY),
          JSON.stringify(baseUrls),
          db,
        ],
        { maxBuffer: 1 << 20 },
      );
      const r = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as {
        items: number;
        answered: number;
        wallMs: number;
        cpuMs: number;
        peakRssMb: number;
      };
      if (r.answered !== r.items) throw new Error(`bench run answered ${r.answered} of ${r.items}`);
      const idealMs = (r.items / (ENGINES * CONCURRENCY)) * LATENCY_MS;
      results.push({
        questions,
        items: r.items,
        wallMs: r.wallMs,
        idealMs,
        wallOverIdeal: Math.round((r.wallMs / idealMs) * 1000) / 1000,
        cpuMs: r.cpuMs,
        peakRssMb: r.peakRssMb,
      });
    }
  } finally {
    child.kill("SIGTERM");
  }
  return results;
}
