/**
 * Stability (spec §6): the mean pairwise Jaccard similarity of the sets of mentioned tracked brands
 * between samples of one question on one engine. Two answers that both mention no tracked brand
 * agree completely (Jaccard 1): the measure is about answers changing, and those did not.
 */

/** Brand sets are bit masks while the brands fit in a small integer; past that, sorted index lists. */
export const MASK_BRANDS = 30;

interface Distinct<T> {
  set: T;
  count: number;
}

/**
 * Collects the brand sets of one question × engine group: bit masks (brand i = bit i) when the
 * query file tracks at most 30 brands, sorted brand-index lists otherwise.
 */
export class BrandSetCounter {
  private readonly masks = new Map<number, Distinct<number>>();
  private readonly lists = new Map<string, Distinct<readonly number[]>>();
  private total = 0;

  addMask(mask: number): void {
    const hit = this.masks.get(mask);
    if (hit) hit.count++;
    else this.masks.set(mask, { set: mask, count: 1 });
    this.total++;
  }

  add(members: readonly number[]): void {
    const key = members.join(",");
    const hit = this.lists.get(key);
    if (hit) hit.count++;
    else this.lists.set(key, { set: members, count: 1 });
    this.total++;
  }

  /** Number of answers added. */
  get size(): number {
    return this.total;
  }

  /**
   * Mean Jaccard over all unordered pairs of answers, or null below two answers. Works on the
   * distinct sets with their counts, so a year of samples costs (distinct sets)², not answers².
   */
  stability(): number | null {
    if (this.total < 2) return null;
    const sum = pairSum([...this.masks.values()], maskJaccard) + pairSum([...this.lists.values()], jaccard);
    return sum / ((this.total * (this.total - 1)) / 2);
  }
}

function pairSum<T>(distinct: readonly Distinct<T>[], similarity: (a: T, b: T) => number): number {
  let sum = 0;
  for (let i = 0; i < distinct.length; i++) {
    const a = distinct[i] as Distinct<T>;
    sum += (a.count * (a.count - 1)) / 2; // identical sets: Jaccard 1
    for (let j = i + 1; j < distinct.length; j++) {
      const b = distinct[j] as Distinct<T>;
      sum += a.count * b.count * similarity(a.set, b.set);
    }
  }
  return sum;
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Jaccard of two brand bit masks; 1 when both are empty. */
export function maskJaccard(a: number, b: number): number {
  const union = popcount(a | b);
  return union === 0 ? 1 : popcount(a & b) / union;
}

/** |A ∩ B| ÷ |A ∪ B| of two sorted index lists; 1 when both are empty. */
export function jaccard(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 && b.length === 0) return 1;
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      common++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return common / (a.length + b.length - common);
}
