import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Command } from "commander";
import { analyzeAnswer } from "../../analysis/analyze.ts";
import { compileBrands } from "../../analysis/matcher.ts";
import type { AnalysisResult } from "../../analysis/types.ts";
import { ProviderError, UsageError } from "../../core/errors.ts";
import { answerFormats, parserFor } from "../../providers/registry.ts";
import type { SourceRef } from "../../providers/types.ts";
import { type CliContext, printJson } from "../context.ts";
import { loadConfig } from "./validate.ts";

interface AnalyzeOptions {
  config: string;
  format: string;
  json?: boolean;
}

export function registerAnalyze(program: Command, ctx: CliContext): void {
  program
    .command("analyze")
    .description("measure one answer: mentions, rank, list position and citations (spec sections 2-4)")
    .argument("<answerFile>", "answer text (markdown), or a raw provider response body with --format")
    .requiredOption("-c, --config <file>", "query file with the tracked brands")
    .option(
      "-f, --format <format>",
      `markdown, or a provider's raw body: ${answerFormats.filter((f) => f !== "markdown").join(", ")}`,
      "markdown",
    )
    .option("--json", "print the analysis as JSON on stdout")
    .action(async (answerFile: string, opts: AnalyzeOptions) => {
      const file = await loadConfig(resolve(ctx.cwd, opts.config));
      const input = await readInput(resolve(ctx.cwd, answerFile), opts.format);
      const result = analyzeAnswer(input, compileBrands(file.brands), { categories: file.categories });
      if (opts.json) {
        // Exactly the documented shape (issue #3): titles and retrieved-only sources stay out.
        const citations = result.citations.map(({ url, domain, owner, category, source }) => ({
          url,
          domain,
          owner,
          category,
          source,
        }));
        return printJson(ctx, { mentions: result.mentions, ranking: result.ranking, citations });
      }
      printSummary(ctx, result, input.text.length);
    });
}

async function readInput(
  path: string,
  format: string,
): Promise<{ text: string; citations: SourceRef[]; retrieved: SourceRef[] }> {
  let content: string;
  try {
    content = await readFile(path, "utf8");
  } catch (error) {
    throw new UsageError(
      `analyze: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  if (format === "markdown") return { text: content, citations: [], retrieved: [] };
  const parse = parserFor(format);
  if (!parse)
    throw new UsageError(`analyze: unknown --format '${format}' (one of: ${answerFormats.join(", ")})`);
  let body: unknown;
  try {
    body = JSON.parse(content);
  } catch {
    throw new UsageError(
      `analyze: ${path} is not JSON; a --format ${format} file is the provider's raw response body`,
    );
  }
  try {
    const parsed = parse(body);
    return { text: parsed.text, citations: parsed.citations, retrieved: parsed.retrieved };
  } catch (error) {
    if (error instanceof ProviderError)
      throw new UsageError(`analyze: ${path} is not a usable ${format} answer: ${error.message}`);
    throw error;
  }
}

function printSummary(ctx: CliContext, result: AnalysisResult, length: number): void {
  ctx.stdout(`answer: ${length} characters\n`);
  ctx.stdout(`ranking: ${result.ranking.join(" > ") || "(no tracked brand mentioned)"}\n`);
  for (const m of result.mentions) {
    const item = m.listPosition === null ? "not in a list item" : `list item ${m.listPosition}`;
    ctx.stdout(
      `  ${m.rank}. ${m.brand}: ${m.count} mention(s), first at ${m.firstOffset}, ${item}, weight ${m.positionWeight.toFixed(2)}\n`,
    );
    const first = m.evidence[0];
    if (first) ctx.stdout(`     "${first.sentence.trim().slice(0, 160)}"\n`);
  }
  ctx.stdout(`citations: ${result.citations.length}\n`);
  for (const c of result.citations)
    ctx.stdout(`  ${c.url}  [${c.category}${c.owner ? `: ${c.owner}` : ""}, ${c.source}]\n`);
  if (result.retrieved.length > 0) ctx.stdout(`retrieved but not cited: ${result.retrieved.length}\n`);
}
