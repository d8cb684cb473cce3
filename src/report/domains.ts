import type { AnswerFact } from "./facts.ts";
import type { DomainRow, PageRow } from "./model.ts";
import { change, rate } from "./stats.ts";

/** How often one cited domain appears in a period's answers. */
export interface DomainStat {
  domain: string;
  owner: string | null;
  category: string;
  /** Citations of any URL on the domain. */
  citations: number;
  /** Answers citing the domain at least once. */
  answers: number;
}

/** Most domains and pages a report lists (the JSON and CSV consumers get the top ones). */
export const DOMAIN_ROWS = 50;
export const PAGE_ROWS = 50;

/** Citation counts per domain over a period's answers. */
export function domainStats(answers: readonly AnswerFact[]): Map<string, DomainStat> {
  const stats = new Map<string, DomainStat>();
  for (const answer of answers) {
    const cited = answer.citations;
    for (let i = 0; i < cited.length; i++) {
      const c = cited[i] as (typeof cited)[number];
      let s = stats.get(c.domain);
      if (!s) {
        s = { domain: c.domain, owner: c.owner, category: c.category, citations: 0, answers: 0 };
        stats.set(c.domain, s);
      }
      s.citations++;
      // An answer cites a handful of sources: a backwards scan beats a Set per answer.
      let before = false;
      for (let j = 0; j < i && !before; j++) before = cited[j]?.domain === c.domain;
      if (!before) s.answers++;
    }
  }
  return stats;
}

const byCitations =
  <T extends { citations: number }>(key: (x: T) => string) =>
  (a: T, b: T) =>
    b.citations - a.citations || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/**
 * The most-cited domains of the period, with the share of answers citing each and, when there is
 * a baseline with answers, the change of that share (z-test, spec §6).
 */
export function domainRows(
  current: ReadonlyMap<string, DomainStat>,
  n: number,
  baseline: { stats: ReadonlyMap<string, DomainStat>; n: number } | null,
): DomainRow[] {
  return [...current.values()]
    .sort(byCitations((s) => s.domain))
    .slice(0, DOMAIN_ROWS)
    .map((s) => {
      const share = rate(s.answers, n);
      const before =
        baseline && baseline.n > 0 ? rate(baseline.stats.get(s.domain)?.answers ?? 0, baseline.n) : null;
      return {
        domain: s.domain,
        owner: s.owner,
        category: s.category,
        citations: s.citations,
        answerShare: share,
        change: before ? change(before, share) : null,
      };
    });
}

/** The most-cited pages (normalised URLs) of the period. */
export function pageRows(answers: readonly AnswerFact[]): PageRow[] {
  const pages = new Map<string, PageRow>();
  for (const answer of answers) {
    for (const c of answer.citations) {
      const row = pages.get(c.url);
      if (row) row.citations++;
      else
        pages.set(c.url, {
          url: c.url,
          domain: c.domain,
          owner: c.owner,
          category: c.category,
          citations: 1,
        });
    }
  }
  return [...pages.values()].sort(byCitations((p) => p.url)).slice(0, PAGE_ROWS);
}
