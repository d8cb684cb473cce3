import type { Clock } from "../core/clock.ts";

/** What a command may touch of the outside world; tests pass their own. */
export interface CliContext {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  clock: Clock;
  /** True when stderr is a terminal (live progress lines); false under cron and in tests. */
  interactive: boolean;
  /** Set by a command to the exit code it wants (default 0). */
  exitCode: number;
}

/** Writes a value as one line of JSON (the `--json` contract: data on stdout, nothing else). */
export function printJson(ctx: CliContext, value: unknown): void {
  ctx.stdout(`${JSON.stringify(value, null, 2)}\n`);
}
