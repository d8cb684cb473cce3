import type { AnswerFact } from "./facts.ts";
import type { BrandMetrics, CellKey, CitationMetrics, MetricCell } from "./model.ts";
import { MASK_BRANDS } from "./stability.ts";
import { rate } from "./stats.ts";

/** A tracked brand as the metrics see it: its name exactly as written, and whose it is. */
export interface BrandRef {
  name: string;
  role: "own" | "competitor";
}

/**
 * One answer reduced to what a cell adds up: computed once per answer, then added to each of the
 * six cells the answer belongs to. The arrays are parallel and `count` long (a reused buffer).
 */
export interface ScoredAnswer {
  count: number;
  /** Index of each mentioned tracked brand. */
  brand: Int32Array;
  rank: Float64Array;
  weight: Float64Array;
  share: Float64Array;
  /** Bit mask of the mentioned brands when at most 30 are tracked, else 0. */
  mask: number;
  /** Citations in the answer, and how many of them are of our domains. */
  cited: number;
  owned: number;
}

/** Fills `into` from an answer; untracked brand names are skipped. */
export function scoreAnswer(
  answer: AnswerFact,
  brandIndex: ReadonlyMap<string, number>,
  own: string,
  into: ScoredAnswer,
): ScoredAnswer {
  let count = 0;
  let mask = 0;
  for (const m of answer.mentions) {
    const b = brandIndex.get(m.brand);
    if (b === undefined || count >= into.brand.length) continue;
    into.brand[count] = b;
    into.rank[count] = m.rank;
    into.weight[count] = m.positionWeight;
    into.share[count] = m.wordShare;
    if (b < MASK_BRANDS) mask |= 1 << b;
    count++;
  }
  let owned = 0;
  for (const c of answer.citations) if (c.owner === own) owned++;
  into.count = count;
  into.mask = mask;
  into.cited = answer.citations.length;
  into.owned = owned;
  return into;
}

export function scoreBuffer(brandCount: number): ScoredAnswer {
  return {
    count: 0,
    brand: new Int32Array(brandCount),
    rank: new Float64Array(brandCount),
    weight: new Float64Array(brandCount),
    share: new Float64Array(brandCount),
    mask: 0,
    cited: 0,
    owned: 0,
  };
}

/**
 * Running sums of one metric cell. Per-brand sums live in typed arrays indexed like the tracked
 * brands, so adding an answer touches no maps and allocates nothing.
 */
export class CellAccumulator {
  n = 0;
  failed = 0;
  readonly mentioned: Int32Array;
  readonly top1: Int32Array;
  readonly rankSum: Float64Array;
  readonly weightSum: Float64Array;
  readonly wordShareSum: Float64Array;
  /** Answers with at least one citation. */
  citedAnswers = 0;
  /** Answers citing a domain of our brand. */
  ownCitedAnswers = 0;
  citations = 0;
  ownCitations = 0;
  stabilitySum = 0;
  stabilityGroups = 0;

  readonly key: CellKey;

  constructor(key: CellKey, brandCount: number) {
    this.key = key;
    this.mentioned = new Int32Array(brandCount);
    this.top1 = new Int32Array(brandCount);
    this.rankSum = new Float64Array(brandCount);
    this.weightSum = new Float64Array(brandCount);
    this.wordShareSum = new Float64Array(brandCount);
  }

  /** Adds one answer, already reduced to tracked brands and citation counts. */
  add(a: ScoredAnswer): void {
    this.n++;
    for (let i = 0; i < a.count; i++) {
      const b = a.brand[i] as number;
      this.mentioned[b] = (this.mentioned[b] ?? 0) + 1;
      this.rankSum[b] = (this.rankSum[b] ?? 0) + (a.rank[i] as number);
      this.weightSum[b] = (this.weightSum[b] ?? 0) + (a.weight[i] as number);
      this.wordShareSum[b] = (this.wordShareSum[b] ?? 0) + (a.share[i] as number);
      if (a.rank[i] === 1) this.top1[b] = (this.top1[b] ?? 0) + 1;
    }
    if (a.cited > 0) {
      this.citedAnswers++;
      this.citations += a.cited;
      this.ownCitations += a.owned;
      if (a.owned > 0) this.ownCitedAnswers++;
    }
  }

  /** Adds another cell's sums (roll-ups are sums of their question × engine groups). */
  merge(other: CellAccumulator): void {
    this.n += other.n;
    this.failed += other.failed;
    for (let b = 0; b < this.mentioned.length; b++) {
      this.mentioned[b] = (this.mentioned[b] ?? 0) + (other.mentioned[b] ?? 0);
      this.top1[b] = (this.top1[b] ?? 0) + (other.top1[b] ?? 0);
      this.rankSum[b] = (this.rankSum[b] ?? 0) + (other.rankSum[b] ?? 0);
      this.weightSum[b] = (this.weightSum[b] ?? 0) + (other.weightSum[b] ?? 0);
      this.wordShareSum[b] = (this.wordShareSum[b] ?? 0) + (other.wordShareSum[b] ?? 0);
    }
    this.citedAnswers += other.citedAnswers;
    this.ownCitedAnswers += other.ownCitedAnswers;
    this.citations += other.citations;
    this.ownCitations += other.ownCitations;
  }

  addStability(value: number): void {
    this.stabilitySum += value;
    this.stabilityGroups++;
  }

  /** The finished cell: rates with Wilson intervals (spec §6), a gap when only failures (§7). */
  toCell(brands: readonly BrandRef[]): MetricCell {
    let mentionsOfAll = 0;
    for (const count of this.mentioned) mentionsOfAll += count;
    const metrics = brands.map((brand, b) => this.brandMetrics(brand, b, mentionsOfAll));
    const considered = brands
      .map((brand, b) => ({ name: brand.name, count: this.mentioned[b] ?? 0 }))
      .filter((x) => this.n > 0 && x.count * 2 >= this.n)
      .sort((x, y) => y.count - x.count)
      .map((x) => x.name);
    return {
      key: this.key,
      n: this.n,
      failed: this.failed,
      gap: this.n === 0 && this.failed > 0,
      brands: metrics,
      citations: this.citationMetrics(),
      stability: this.stabilityGroups > 0 ? this.stabilitySum / this.stabilityGroups : null,
      considerationSet: considered,
    };
  }

  private brandMetrics(brand: BrandRef, b: number, mentionsOfAll: number): BrandMetrics {
    const mentioned = this.mentioned[b] ?? 0;
    const n = this.n;
    return {
      brand: brand.name,
      role: brand.role,
      mentionRate: rate(mentioned, n),
      shareOfVoice: mentionsOfAll > 0 ? mentioned / mentionsOfAll : null,
      averageRank: mentioned > 0 ? (this.rankSum[b] ?? 0) / mentioned : null,
      top1Rate: rate(this.top1[b] ?? 0, n),
      brandScore: n > 0 ? (this.weightSum[b] ?? 0) / n : null,
      wordShare: n > 0 ? (this.wordShareSum[b] ?? 0) / n : null,
    };
  }

  private citationMetrics(): CitationMetrics {
    return {
      citationRate: rate(this.ownCitedAnswers, this.citedAnswers),
      citationShare: rate(this.ownCitations, this.citations),
    };
  }
}
