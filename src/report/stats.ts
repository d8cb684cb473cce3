import type { Change, Rate } from "./model.ts";

/** The 97.5th percentile of the standard normal distribution: the z of a two-sided 95 % interval. */
export const Z_95 = 1.959964;

/** Cells with fewer answers than this are shown but marked directional (spec §6). */
export const DIRECTIONAL_BELOW = 10;

/** A change is called significant below this two-sided p-value (spec §6). */
export const SIGNIFICANCE = 0.05;

/** Wilson score interval of `successes` out of `n` at `z` (default 95 %); null when n = 0. */
export function wilson(successes: number, n: number, z = Z_95): { low: number; high: number } | null {
  if (n <= 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  // The exact bounds at the ends are 0 and 1; float noise would give 1e-17 and 0.9999999999999999.
  return {
    low: successes <= 0 ? 0 : Math.max(0, centre - half),
    high: successes >= n ? 1 : Math.min(1, centre + half),
  };
}

/** A proportion with its Wilson interval; a gap (value null) when n = 0, directional when n < 10. */
export function rate(successes: number, n: number): Rate {
  const interval = wilson(successes, n);
  return {
    value: n > 0 ? successes / n : null,
    successes,
    n,
    low: interval ? interval.low : null,
    high: interval ? interval.high : null,
    directional: n < DIRECTIONAL_BELOW,
  };
}

/**
 * Standard normal CDF Φ(x) by Hart's (1968) algorithm 5666 as given by West (2005, "Better
 * approximations to cumulative normal functions"): a rational approximation with about 1e-15
 * absolute error and better than 1e-8 relative error far in the tail, so p-values are exact to
 * many more digits than a report shows (Abramowitz-Stegun 7.1.26 gives 1.5e-7 absolute).
 */
export function normalCdf(x: number): number {
  const a = Math.abs(x);
  let tail: number;
  if (a > 37) {
    tail = 0;
  } else {
    const e = Math.exp((-a * a) / 2);
    if (a < 7.07106781186547) {
      let num = 3.52624965998911e-2 * a + 0.700383064443688;
      num = num * a + 6.37396220353165;
      num = num * a + 33.912866078383;
      num = num * a + 112.079291497871;
      num = num * a + 221.213596169931;
      num = num * a + 220.206867912376;
      let den = 8.83883476483184e-2 * a + 1.75566716318264;
      den = den * a + 16.064177579207;
      den = den * a + 86.7807322029461;
      den = den * a + 296.564248779674;
      den = den * a + 637.333633378831;
      den = den * a + 793.826512519948;
      den = den * a + 440.413735824752;
      tail = (e * num) / den;
    } else {
      let b = a + 0.65;
      b = a + 4 / b;
      b = a + 3 / b;
      b = a + 2 / b;
      b = a + 1 / b;
      tail = e / b / 2.506628274631;
    }
  }
  return x > 0 ? 1 - tail : tail;
}

/** Result of a pooled two-proportion z-test. */
export interface ZTest {
  /** (p2 − p1) ÷ pooled standard error; 0 when both samples are all-or-nothing alike. */
  z: number;
  /** Two-sided p-value. */
  pValue: number;
}

/**
 * Pooled two-proportion z-test of x1/n1 against x2/n2; null when either n is 0 (a gap cannot be
 * compared). When the pooled proportion is 0 or 1 the two samples are identical in kind: p = 1.
 */
export function twoProportionZTest(x1: number, n1: number, x2: number, n2: number): ZTest | null {
  if (n1 <= 0 || n2 <= 0) return null;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return { z: 0, pValue: 1 };
  const z = (x2 / n2 - x1 / n1) / se;
  // 2·Φ(−|z|) keeps precision in the tail, where 2·(1 − Φ(|z|)) would cancel.
  return { z, pValue: Math.min(1, 2 * normalCdf(-Math.abs(z))) };
}

/** The change from one rate to another, with its z-test (spec §6: significant when p < 0.05). */
export function change(from: Rate, to: Rate): Change {
  const test = twoProportionZTest(from.successes, from.n, to.successes, to.n);
  const delta = from.value === null || to.value === null ? null : to.value - from.value;
  return {
    from,
    to,
    delta,
    pValue: test ? test.pValue : null,
    significant: test !== null && test.pValue < SIGNIFICANCE,
  };
}
