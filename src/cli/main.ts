import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Command, CommanderError } from "commander";
import { systemClock } from "../core/clock.ts";
import { ConfigError, ExitCode, ExitError } from "../core/errors.ts";
import { registerAnalyze } from "./commands/analyze.ts";
import { registerAnswers } from "./commands/answers.ts";
import { registerDaemon } from "./commands/daemon.ts";
import { registerEngines } from "./commands/engines.ts";
import { registerInit } from "./commands/init.ts";
import { registerReport } from "./commands/report.ts";
import { registerRun } from "./commands/run.ts";
import { registerStatus } from "./commands/status.ts";
import { registerValidate } from "./commands/validate.ts";
import type { CliContext } from "./context.ts";
import { packageVersion } from "./version.ts";

/**
 * The command table. Commands are thin: they parse flags and call plain async functions. Only
 * this file decides the process exit code (architecture rule 6).
 */
export function buildProgram(ctx: CliContext): Command {
  const program = new Command("sightline")
    .description(
      "Monitor how AI assistants talk about your brand: ask your buyers' questions, measure mentions, " +
        "rank and citations, and report honest numbers. Docs: README.md",
    )
    .version(packageVersion(), "-V, --version", "print the version")
    .helpOption("-h, --help", "show help for a command")
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({ writeOut: ctx.stdout, writeErr: ctx.stderr })
    .exitOverride();
  program.addHelpText(
    "after",
    "\nExit codes: 0 ok, 1 user error (bad flag, bad query file), 2 partial failure, 70 internal error.",
  );
  registerInit(program, ctx);
  registerValidate(program, ctx);
  registerEngines(program, ctx);
  registerRun(program, ctx);
  registerAnswers(program, ctx);
  registerAnalyze(program, ctx);
  registerReport(program, ctx);
  registerDaemon(program, ctx);
  registerStatus(program, ctx);
  for (const command of program.commands)
    command.exitOverride().configureOutput({ writeOut: ctx.stdout, writeErr: ctx.stderr });
  return program;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function runCli(argv: readonly string[], ctx: CliContext): Promise<number> {
  const program = buildProgram(ctx);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return ctx.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with code 0; usage mistakes with 1 (commander already printed them).
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.user;
    }
    if (error instanceof ConfigError) {
      ctx.stderr(`${error.message}\n`);
      return ExitCode.user;
    }
    if (error instanceof ExitError) {
      ctx.stderr(`${error.message}\n`);
      return error.code;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    ctx.stderr(`sightline: internal error (please report it):\n${detail}\n`);
    return ExitCode.internal;
  }
}

function isMain(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

/** Runs the CLI for this process (used by bin/sightline.js and `node src/cli/main.ts`). */
export async function main(): Promise<void> {
  const ctx: CliContext = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    cwd: process.cwd(),
    clock: systemClock,
    interactive: Boolean(process.stderr.isTTY),
    exitCode: 0,
  };
  process.exitCode = await runCli(process.argv.slice(2), ctx);
}

if (isMain()) await main();
