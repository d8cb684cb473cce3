import type { BrandRef } from "./cell-accumulator.ts";
import type { FindingDraft } from "./changes.ts";
import { pickQuotes } from "./changes.ts";
import type { AnswerFact } from "./facts.ts";
import type { MetricCell } from "./model.ts";

/** Most opportunity findings in one report. */
export const OPPORTUNITY_FINDINGS = 10;

/**
 * Opportunities: questions (all engines together) whose consideration set — the brands mentioned
 * in at least half of the answers (spec §6) — holds a competitor but not us. Not a change, so no
 * test applies; small cells say so through `detail.directional`. Strongest competitor first.
 */
export function opportunities(
  brands: readonly BrandRef[],
  cells: readonly MetricCell[],
  answers: readonly AnswerFact[],
): FindingDraft[] {
  const own = brands.find((b) => b.role === "own")?.name ?? "";
  const competitors = new Set(brands.filter((b) => b.role === "competitor").map((b) => b.name));
  const texts = new Map<string, string>();
  for (const a of answers) texts.set(a.questionId, a.questionText);
  const drafts: { draft: FindingDraft; strength: number }[] = [];
  for (const cell of cells) {
    if (cell.key.question === null || cell.key.engine !== null || cell.n === 0) continue;
    if (cell.considerationSet.includes(own)) continue;
    const rivals = cell.considerationSet.filter((b) => competitors.has(b));
    const leader = rivals[0];
    if (leader === undefined) continue;
    const question = cell.key.question;
    const us = cell.brands.find((b) => b.brand === own)?.mentionRate;
    const lead = cell.brands.find((b) => b.brand === leader)?.mentionRate;
    const quoted = answers.filter(
      (a) =>
        a.questionId === question &&
        a.mentions.some((m) => m.brand === leader) &&
        !a.mentions.some((m) => m.brand === own),
    );
    drafts.push({
      strength: lead?.value ?? 0,
      draft: {
        kind: "opportunity",
        subject: question,
        brand: leader,
        engine: null,
        stage: cell.key.stage,
        change: null,
        detail: {
          questionText: texts.get(question) ?? null,
          competitors: rivals.join(", "),
          competitorRate: lead?.value ?? null,
          ownRate: us?.value ?? null,
          n: cell.n,
          directional: cell.n < 10 ? 1 : 0,
        },
        quote: pickQuotes(quoted, () => leader),
      },
    });
  }
  return drafts
    .sort((a, b) => b.strength - a.strength || (a.draft.subject < b.draft.subject ? -1 : 1))
    .slice(0, OPPORTUNITY_FINDINGS)
    .map((d) => d.draft);
}
