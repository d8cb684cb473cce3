import { readFileSync } from "node:fs";
import type { CliContext } from "../src/cli/context.ts";
import { runCli } from "../src/cli/main.ts";

/**
 * `sightline report` in a fresh process, the way a user or cron runs it, for the report benchmark:
 * runs the CLI with the given arguments at a fixed clock, discards the output, and prints one JSON
 * line with the exit code, the wall time from process start (module loading included), the time
 * of the command alone, and the peak resident memory split into heap (anonymous) and mapped file.
 */

const now = Number(process.env.SIGHTLINE_BENCH_NOW);
const started = performance.now();
let bytes = 0;
let errors = "";
const ctx: CliContext = {
  stdout: (t) => {
    bytes += t.length;
  },
  stderr: (t) => {
    errors += t;
  },
  env: {},
  cwd: process.cwd(),
  clock: { now: () => now, sleep: async () => {} },
  interactive: false,
  exitCode: 0,
};
const code = await runCli(process.argv.slice(2), ctx);
const commandMs = performance.now() - started;

/** Peak RSS and its current anonymous / file-backed parts from /proc (Linux), in MB. */
function memory(): { peakRssMb: number; rssAnonMb: number | null; rssFileMb: number | null } {
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  try {
    const status = readFileSync("/proc/self/status", "utf8");
    const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
    return {
      peakRssMb,
      rssAnonMb: Math.round(kb("RssAnon") / 1024),
      rssFileMb: Math.round(kb("RssFile") / 1024),
    };
  } catch {
    return { peakRssMb, rssAnonMb: null, rssFileMb: null };
  }
}

process.stdout.write(
  `${JSON.stringify({
    code,
    error: errors.slice(0, 500),
    processMs: Math.round(performance.now()),
    commandMs: Math.round(commandMs),
    outputKb: Math.round(bytes / 1024),
    ...memory(),
  })}\n`,
);
