import { readdir } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import type { Command } from "commander";
import { loadQueryFile } from "../../config/load.ts";
import type { QueryFile } from "../../config/query-file.ts";
import { ConfigError, type ConfigIssue, ExitCode, formatConfigIssue, UsageError } from "../../core/errors.ts";
import { providerIds, providerLookup } from "../../providers/registry.ts";
import { type CliContext, printJson } from "../context.ts";

/** Loads a query file against the provider registry (the one place the CLI does so). */
export function loadConfig(path: string): Promise<QueryFile> {
  return loadQueryFile(path, { lookup: providerLookup, knownIds: providerIds });
}

/** The query files in `queries/` under `cwd`, sorted. */
export async function defaultQueryFiles(cwd: string): Promise<string[]> {
  const dir = join(cwd, "queries");
  try {
    return (await readdir(dir))
      .filter((f) => /\.ya?ml$/.test(f))
      .sort()
      .map((f) => relative(cwd, join(dir, f)) || f);
  } catch {
    return [];
  }
}

interface FileResult {
  path: string;
  valid: boolean;
  issues: ConfigIssue[];
  warnings: string[];
  summary?: { brands: number; engines: string[]; questions: number; samples: number };
}

async function validateOne(path: string): Promise<FileResult> {
  try {
    const file = await loadConfig(path);
    const derived = file.questions.filter((q) => q.derivedId).length;
    const warnings =
      derived > 0
        ? [
            `${path}: ${derived} question(s) have no id; ids derived from the text change when the text changes (trend lines then restart)`,
          ]
        : [];
    return {
      path,
      valid: true,
      issues: [],
      warnings,
      summary: {
        brands: file.brands.length,
        engines: file.engines.map((e) => e.id),
        questions: file.questions.length,
        samples: file.samples,
      },
    };
  } catch (error) {
    if (error instanceof ConfigError) return { path, valid: false, issues: [...error.issues], warnings: [] };
    throw error;
  }
}

export function registerValidate(program: Command, ctx: CliContext): void {
  program
    .command("validate")
    .description(
      "check query files; prints every problem as file:line:col and exits 1 when any file is invalid",
    )
    .argument("[files...]", "query files (default: queries/*.yaml)")
    .option("--json", "print the result as JSON on stdout")
    .action(async (files: string[], opts: { json?: boolean }) => {
      const paths = files.length > 0 ? files : await defaultQueryFiles(ctx.cwd);
      if (paths.length === 0)
        throw new UsageError("validate: no query files given and none in queries/ (try `sightline init`)");
      const results: FileResult[] = [];
      for (const path of paths) results.push(await validateOne(resolve(ctx.cwd, path)));
      if (opts.json) {
        printJson(ctx, { valid: results.every((r) => r.valid), files: results });
      } else {
        for (const r of results) {
          if (r.valid && r.summary) {
            const s = r.summary;
            ctx.stdout(
              `ok  ${r.path}: ${s.questions} questions × ${s.engines.length} engines × ${s.samples} samples, ${s.brands} brands\n`,
            );
          }
          for (const issue of r.issues) ctx.stderr(`${formatConfigIssue(issue)}\n`);
          for (const w of r.warnings) ctx.stderr(`warning: ${w}\n`);
        }
        const bad = results.filter((r) => !r.valid);
        if (bad.length > 0) {
          const n = bad.reduce((sum, r) => sum + r.issues.length, 0);
          ctx.stderr(
            `${n} problem${n === 1 ? "" : "s"} in ${bad.length} file${bad.length === 1 ? "" : "s"}\n`,
          );
        }
      }
      ctx.exitCode = results.every((r) => r.valid) ? ExitCode.ok : ExitCode.user;
    });
}
