import type { FindingDraft } from "./changes.ts";
import { pickQuotes } from "./changes.ts";
import type { DomainStat } from "./domains.ts";
import type { AnswerFact } from "./facts.ts";
import { change, rate } from "./stats.ts";

/** Most domain findings of each kind (newly cited, lost) in one report. */
export const DOMAIN_FINDINGS = 10;

export interface DomainPeriod {
  answers: readonly AnswerFact[];
  stats: ReadonlyMap<string, DomainStat>;
}

/**
 * Domains newly cited or lost, for any owner (us, a competitor, a third party). The rule: a domain
 * is newly cited when the baseline has no citation of it and this period has some; lost when the
 * reverse; and in both cases only when the share of answers citing it changed significantly
 * (two-proportion z-test, p < 0.05). With zero on one side that needs enough answers: 4 of 30
 * against 0 of 30 passes, 3 of 30 does not. Both periods must have answers (a gap is no evidence).
 */
export function domainChanges(current: DomainPeriod, baseline: DomainPeriod): FindingDraft[] {
  const n = current.answers.length;
  const nBefore = baseline.answers.length;
  if (n === 0 || nBefore === 0) return [];
  const found: FindingDraft[] = [];
  const consider = (stat: DomainStat, isNew: boolean) => {
    const before = rate(isNew ? 0 : stat.answers, nBefore);
    const now = rate(isNew ? stat.answers : 0, n);
    const c = change(before, now);
    if (!c.significant) return;
    const source = isNew ? current.answers : baseline.answers;
    const citing = source.filter((a) => a.citations.some((x) => x.domain === stat.domain));
    const owner = stat.owner;
    found.push({
      kind: isNew ? "domain-newly-cited" : "domain-lost",
      subject: stat.domain,
      brand: owner,
      engine: null,
      stage: null,
      change: c,
      detail: {
        domain: stat.domain,
        owner,
        category: stat.category,
        citations: stat.citations,
        answers: stat.answers,
      },
      quote: pickQuotes(citing, (a) =>
        owner !== null && a.mentions.some((m) => m.brand === owner) ? owner : null,
      ),
    });
  };
  for (const stat of current.stats.values()) if (!baseline.stats.has(stat.domain)) consider(stat, true);
  for (const stat of baseline.stats.values()) if (!current.stats.has(stat.domain)) consider(stat, false);
  const ranked = (kind: FindingDraft["kind"]) =>
    found
      .filter((f) => f.kind === kind)
      .sort(
        (a, b) =>
          (a.change?.pValue ?? 1) - (b.change?.pValue ?? 1) ||
          (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0),
      )
      .slice(0, DOMAIN_FINDINGS);
  return [...ranked("domain-newly-cited"), ...ranked("domain-lost")];
}
