import BetterSqlite3 from "better-sqlite3";
import type { QueryFile } from "../src/config/query-file.ts";
import { addWeeks, formatWeek, type IsoWeek, weekPeriod } from "../src/report/periods.ts";
import { rng } from "./analysis.ts";

/**
 * Seeds a SQLite file (already migrated) with weekly runs of a query file the way `sightline run`
 * stores them: a run, its work items, answers with realistic text and raw bodies (about 2 KB and
 * 3 KB: text columns spill into overflow pages as in real data), one analysis each, mentions,
 * cited and retrieved sources. Written with prepared statements, one transaction per week, and
 * durability off: seeding time is not what the benchmark measures.
 */

export interface SeedShape {
  /** Weeks of runs ending with `last`. */
  weeks: number;
  last: IsoWeek;
  timezone: string;
  /** Share of items that fail for good (no answer). */
  failureRate: number;
}

const CATEGORIES = ["ugc", "review", "reference", "news", "video", "other"] as const;
const FILLER =
  "Here is an overview of options that small businesses in Norway often consider, with pricing, " +
  "support for payroll and invoicing, bank integration and how easy they are to start with. ";

export function seedReportDatabase(
  path: string,
  file: QueryFile,
  shape: SeedShape,
): { answers: number; failed: number } {
  const sqlite = new BetterSqlite3(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = OFF");
  const r = rng(47);
  const brands = file.brands;
  const thirdParty = Array.from({ length: 300 }, (_, i) => ({
    domain: `site${i}.${i % 3 === 0 ? "com" : "no"}`,
    category: CATEGORIES[i % CATEGORIES.length] as string,
  }));
  const texts = Array.from({ length: 64 }, (_, i) => `${FILLER.repeat(9)}(${i})`);

  const insertRun = sqlite.prepare(
    "insert into runs (id, query_file, config_hash, slot, status, created_at, started_at, finished_at, max_cost_usd) values (?, ?, 'h', ?, 'completed', ?, ?, ?, null)",
  );
  const insertItem = sqlite.prepare(
    "insert into work_items (id, run_id, question_id, question_version, question_text, stage, locale, engine_id, provider, model, sample, status, attempts, last_error_kind, last_error, answer_id, updated_at) values (?, ?, ?, ?, ?, ?, 'nb-NO', ?, ?, 'm', ?, ?, 1, ?, ?, null, ?)",
  );
  const insertAnswer = sqlite.prepare(
    "insert into answers (item_id, run_id, question_id, question_version, engine_id, provider, requested_model, served_model, surface, text, preamble, raw_json, citations_json, retrieved_json, search_queries_json, warnings_json, input_tokens, output_tokens, searches, cost_usd, latency_ms, asked_at) values (?, ?, ?, ?, ?, ?, 'm', ?, 'api+web-search', ?, null, ?, '[]', '[]', '[]', '[]', 20, 400, 1, 0.004, 1500, ?)",
  );
  const insertAnalysis = sqlite.prepare(
    "insert into analyses (answer_id, analysis_version, brands_hash, ranking_json, created_at) values (?, 1, 'b', ?, ?)",
  );
  const insertMention = sqlite.prepare(
    "insert into mentions (analysis_id, brand, count, first_offset, rank, list_position, position_weight, evidence_json, word_share) values (?, ?, 1, ?, ?, ?, ?, ?, ?)",
  );
  const insertCitation = sqlite.prepare(
    "insert into citations (analysis_id, position, url, domain, owner, category, source, title, retrieved) values (?, ?, ?, ?, ?, ?, 'native', null, ?)",
  );

  let answers = 0;
  let failed = 0;
  const seedWeek = sqlite.transaction((week: IsoWeek) => {
    const period = weekPeriod(week, shape.timezone);
    const start = period.startMs + 6 * 3_600_000;
    const runId = `bench@${formatWeek(week)}`;
    const startIso = new Date(start).toISOString();
    insertRun.run(runId, file.path, startIso, startIso, startIso, startIso);
    let k = 0;
    for (const q of file.questions) {
      for (const e of file.engines) {
        for (let sample = 1; sample <= 3; sample++) {
          const at = new Date(start + k++ * 400).toISOString();
          const itemId = `${runId}/${q.id}/${e.id}/${sample}`;
          const fails = r() < shape.failureRate;
          insertItem.run(
            itemId,
            runId,
            q.id,
            q.version,
            q.text,
            q.stage,
            e.id,
            e.provider,
            sample,
            fails ? "failed" : "answered",
            fails ? "timeout" : null,
            fails ? "timed out" : null,
            at,
          );
          if (fails) {
            failed++;
            continue;
          }
          const text = texts[Math.floor(r() * texts.length)] as string;
          const raw = JSON.stringify({
            id: `resp_${k}`,
            model: e.model,
            output: [{ type: "message", content: [{ type: "output_text", text, annotations: [] }] }],
            usage: { input_tokens: 20, output_tokens: 400 },
          });
          const answerId = Number(
            insertAnswer.run(
              itemId,
              runId,
              q.id,
              q.version,
              e.id,
              e.provider,
              `${e.model}-2026`,
              text,
              raw,
              at,
            ).lastInsertRowid,
          );
          answers++;
          // 0–6 tracked brands, in a random order: their ranks.
          const mentioned = brands.filter(() => r() < 0.3).sort(() => r() - 0.5);
          const analysisId = Number(
            insertAnalysis.run(answerId, JSON.stringify(mentioned.map((b) => b.name)), at).lastInsertRowid,
          );
          mentioned.forEach((b, i) => {
            const offset = 40 * i;
            insertMention.run(
              analysisId,
              b.name,
              offset,
              i + 1,
              r() < 0.5 ? i + 1 : null,
              0.9 ** i,
              JSON.stringify([{ offset, length: b.name.length, sentence: text.slice(offset, offset + 120) }]),
              1 / mentioned.length,
            );
          });
          const cited = Math.floor(r() * 7);
          for (let c = 0; c < cited + 3; c++) {
            const own = r() < 0.15 ? brands[Math.floor(r() * brands.length)] : undefined;
            const third = thirdParty[Math.floor(r() * thirdParty.length)] as (typeof thirdParty)[number];
            const domain = own ? (own.domains[0] ?? "x.no") : third.domain;
            const owner = own ? own.name : null;
            const category = own ? (own.role === "own" ? "owned" : "competitor") : third.category;
            const retrieved = c >= cited ? 1 : 0;
            insertCitation.run(
              analysisId,
              retrieved ? c - cited : c,
              `https://${domain}/page/${Math.floor(r() * 10)}`,
              domain,
              owner,
              category,
              retrieved,
            );
          }
        }
      }
    }
  });
  for (let w = shape.weeks - 1; w >= 0; w--) seedWeek(addWeeks(shape.last, -w));
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
  return { answers, failed };
}
