import type { Command } from "commander";
import type { Evidence } from "../../analysis/types.ts";
import { UsageError } from "../../core/errors.ts";
import { answerDetail, listAnswers } from "../../storage/browse-repo.ts";
import { type CliContext, printJson } from "../context.ts";
import { openCliDatabase } from "../database.ts";

interface ListOptions {
  db?: string;
  run?: string;
  question?: string;
  engine?: string;
  brand?: string;
  limit: string;
  json?: boolean;
}

export function registerAnswers(program: Command, ctx: CliContext): void {
  const answers = program
    .command("answers")
    .description(
      "browse stored answers with their mentions and citations (`answers show ID` for one in full)",
    )
    .option("--db <path>", "SQLite database file (default: $DATABASE_URL or ./sightline.db)")
    .option("--run <id>", "only answers of this run")
    .option("--question <id>", "only answers to this question id")
    .option("--engine <id>", "only answers of this engine id")
    .option("--brand <name>", "only answers mentioning this brand (name as in the query file)")
    .option("--limit <n>", "at most this many, newest first", "50")
    .option("--json", "print JSON on stdout")
    .action(async (opts: ListOptions) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1)
        throw new UsageError(`answers: --limit must be a positive whole number (got ${opts.limit})`);
      const { db, close } = await openCliDatabase(ctx, opts.db);
      try {
        const rows = await listAnswers(db, {
          limit,
          ...(opts.run ? { runId: opts.run } : {}),
          ...(opts.question ? { questionId: opts.question } : {}),
          ...(opts.engine ? { engineId: opts.engine } : {}),
          ...(opts.brand ? { brand: opts.brand } : {}),
        });
        if (opts.json) return printJson(ctx, { answers: rows });
        if (rows.length === 0) return ctx.stdout("no answers match\n");
        for (const r of rows) {
          ctx.stdout(
            `#${r.id}  ${r.askedAt.slice(0, 16)}  ${r.questionId}  ${r.engineId}${r.surface === "replay" ? " [replay]" : ""}\n`,
          );
          ctx.stdout(
            `      ranking: ${r.ranking.join(" > ") || "(no tracked brand)"}; ${r.citations} citation(s)\n`,
          );
        }
      } finally {
        await close();
      }
    });

  answers
    .command("show")
    .description("print one answer in full with its evidence spans and citations")
    .argument("<id>", "answer id (from `sightline answers`)")
    .option("--db <path>", "SQLite database file")
    .option("--json", "print JSON on stdout")
    .option("--raw", "include the raw provider response body")
    .action(async (idText: string, opts: { db?: string; json?: boolean; raw?: boolean }) => {
      const id = Number(idText.replace(/^#/, ""));
      if (!Number.isInteger(id)) throw new UsageError(`answers show: '${idText}' is not an answer id`);
      const { db, close } = await openCliDatabase(
        ctx,
        opts.db ?? program.commands.find((c) => c.name() === "answers")?.opts().db,
      );
      try {
        const detail = await answerDetail(db, id);
        if (!detail) throw new UsageError(`answers show: no answer #${id}`);
        const { answer, mentions, citations, item } = detail;
        const evidence = mentions.map((m) => ({ ...m, evidence: JSON.parse(m.evidence_json) as Evidence[] }));
        if (opts.json) {
          const { raw_json, ...rest } = answer;
          return printJson(ctx, {
            answer: { ...rest, ...(opts.raw ? { raw: JSON.parse(raw_json) } : {}) },
            question: item,
            mentions: evidence,
            citations,
          });
        }
        ctx.stdout(
          `answer #${answer.id}  ${answer.engine_id}  served by ${answer.served_model ?? "unknown"}  ${answer.asked_at}\n`,
        );
        if (answer.surface === "replay") ctx.stdout("REPLAY: a recorded example answer, not live data\n");
        ctx.stdout(
          `question (${answer.question_id}, ${item?.stage ?? "?"}, sample ${item?.sample ?? "?"}): ${item?.question_text ?? ""}\n\n`,
        );
        ctx.stdout(`${answer.text}\n\n`);
        ctx.stdout("mentions:\n");
        if (evidence.length === 0) ctx.stdout("  (no tracked brand)\n");
        for (const m of evidence) {
          ctx.stdout(
            `  ${m.rank}. ${m.brand}  ×${m.count}${m.list_position ? `  list item ${m.list_position}` : ""}\n`,
          );
          for (const e of m.evidence.slice(0, 3))
            ctx.stdout(`     @${e.offset}: "${e.sentence.trim().slice(0, 160)}"\n`);
        }
        ctx.stdout("citations:\n");
        for (const c of citations.filter((x) => x.retrieved === 0))
          ctx.stdout(
            `  ${c.position + 1}. ${c.url}  [${c.category}${c.owner ? `: ${c.owner}` : ""}, ${c.source}]\n`,
          );
        const retrieved = citations.filter((x) => x.retrieved === 1);
        if (retrieved.length > 0) ctx.stdout(`retrieved but not cited: ${retrieved.length} source(s)\n`);
        if (opts.raw) ctx.stdout(`\nraw:\n${answer.raw_json}\n`);
      } finally {
        await close();
      }
    });
}
