import { type Item, innermostItem } from "./items.ts";
import type { BrandOccurrences } from "./mentions.ts";
import type { Mention } from "./types.ts";

/**
 * Rank, ranking, list position and position weight of spec §3, from the first mention of each
 * mentioned brand.
 */

const WEIGHTS = Array.from({ length: 64 }, (_, k) => Number((0.9 ** k).toPrecision(12)));

/** 0.9^(rank−1) (the Evertune weighting), rounded to 12 significant digits so 0.729 prints as 0.729. */
export function positionWeight(rank: number): number {
  return WEIGHTS[rank - 1] ?? Number((0.9 ** (rank - 1)).toPrecision(12));
}

/** Mentions with rank and list position, and the ranking (names ordered by first mention). */
export interface RankedMentions {
  mentions: Mention[];
  ranking: string[];
}

/**
 * rank = 1 + the number of other mentioned brands whose first mention comes strictly before; two
 * brands first mentioned at the same offset share a rank. The ranking orders mentioned brands by
 * first mention, ties in brand-set order. `names[i]` is the name of brand i of the compiled set.
 */
export function rankMentions(
  found: readonly BrandOccurrences[],
  names: readonly string[],
  items: readonly Item[],
): RankedMentions {
  const ordered = [...found].sort((x, y) => x.firstOffset - y.firstOffset || x.brand - y.brand);
  let rank = 0;
  const mentions = ordered.map((f, k): Mention => {
    // brands before this one in `ordered` all come first, unless they tie on the offset
    if (k === 0 || (ordered[k - 1] as BrandOccurrences).firstOffset < f.firstOffset) rank = k + 1;
    return {
      brand: names[f.brand] as string,
      count: f.evidence.length,
      firstOffset: f.firstOffset,
      rank,
      listPosition: innermostItem(items, f.firstOffset)?.index ?? null,
      positionWeight: positionWeight(rank),
      evidence: f.evidence,
    };
  });
  return { mentions, ranking: mentions.map((m) => m.brand) };
}
