import { describe, expect, it } from "vitest";
import { change, normalCdf, rate, twoProportionZTest, wilson, Z_95 } from "../../src/report/stats.ts";

// References: Wilson bounds from the closed form, p-values from 2·Φ(−|z|) (checked against scipy).
describe("Wilson interval", () => {
  it("at 0 successes the low end is 0 and the high end is z²/(n+z²)", () => {
    const w = wilson(0, 10)!;
    expect(w.low).toBe(0);
    expect(w.high).toBeCloseTo((Z_95 * Z_95) / (10 + Z_95 * Z_95), 12);
    expect(w.high).toBeCloseTo(0.2775328030260577, 12);
  });

  it("at n successes it mirrors 0 successes", () => {
    const w = wilson(10, 10)!;
    expect(w.low).toBeCloseTo(1 - 0.2775328030260577, 12);
    expect(w.high).toBe(1);
  });

  it("at n = 1 it spans most of [0, 1]", () => {
    expect(wilson(1, 1)!.low).toBeCloseTo(0.2065493117918027, 12);
    expect(wilson(1, 1)!.high).toBe(1);
    expect(wilson(0, 1)!.high).toBeCloseTo(0.7934506882081973, 12);
  });

  it("in the middle it is symmetric around ½ and narrower than the Wald interval allows at the ends", () => {
    const w = wilson(5, 10)!;
    expect(w.low).toBeCloseTo(0.23659308901147935, 12);
    expect(w.high).toBeCloseTo(0.7634069109885206, 12);
    const v = wilson(3, 20)!;
    expect(v.low).toBeCloseTo(0.05236874548672649, 12);
    expect(v.high).toBeCloseTo(0.36041886664286427, 12);
  });

  it("rate(): a gap at n = 0, directional below 10 answers", () => {
    expect(rate(0, 0)).toEqual({ value: null, successes: 0, n: 0, low: null, high: null, directional: true });
    const r = rate(7, 9);
    expect(r.value).toBeCloseTo(7 / 9, 15);
    expect(r.low).toBeCloseTo(0.4525889666922117, 12);
    expect(r.high).toBeCloseTo(0.9367748934594303, 12);
    expect(r.directional).toBe(true);
    expect(rate(5, 10).directional).toBe(false);
  });
});

describe("normal CDF", () => {
  it("matches Φ to about 1e-15 in the body and to 1e-7 relative far in the tail", () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 14);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 14);
    expect(normalCdf(1.959964)).toBeCloseTo(0.9750000009035577, 14);
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316300933, 16);
    expect(normalCdf(-5) / 2.866515718791933e-7).toBeCloseTo(1, 10);
    expect(normalCdf(-8.5) / 9.47953482220325e-18).toBeCloseTo(1, 7);
    expect(normalCdf(-10) / 7.61985302416047e-24).toBeCloseTo(1, 8);
    expect(normalCdf(6)).toBeCloseTo(0.9999999990134123, 15);
  });
});

describe("two-proportion z-test (pooled)", () => {
  it("40/100 → 25/100: z = −2.2646, p = 0.02354 (significant)", () => {
    const t = twoProportionZTest(40, 100, 25, 100)!;
    expect(t.z).toBeCloseTo(-2.2645540682891916, 12);
    expect(t.pValue).toBeCloseTo(0.023540058261177936, 12);
  });

  it("30/60 → 22/60: p = 0.1405 (not significant)", () => {
    expect(twoProportionZTest(30, 60, 22, 60)!.pValue).toBeCloseTo(0.1405483084370245, 12);
  });

  it("0/30 → 4/30 is significant (p = 0.0384), 0/30 → 3/30 is not (p = 0.0756)", () => {
    expect(twoProportionZTest(0, 30, 4, 30)!.pValue).toBeCloseTo(0.03843393023678171, 12);
    expect(twoProportionZTest(0, 30, 3, 30)!.pValue).toBeCloseTo(0.07556056752594129, 12);
  });

  it("500/1000 → 440/1000: p = 0.007185", () => {
    expect(twoProportionZTest(500, 1000, 440, 1000)!.pValue).toBeCloseTo(0.007185458758132409, 12);
  });

  it("equal rates give p = 1; identical all-or-nothing samples give p = 1; a gap gives no test", () => {
    expect(twoProportionZTest(50, 100, 50, 100)!.pValue).toBeCloseTo(1, 12);
    expect(twoProportionZTest(0, 20, 0, 30)).toEqual({ z: 0, pValue: 1 });
    expect(twoProportionZTest(20, 20, 30, 30)).toEqual({ z: 0, pValue: 1 });
    expect(twoProportionZTest(0, 0, 3, 10)).toBeNull();
  });

  it("change(): delta, p and significance; gaps are never significant", () => {
    const c = change(rate(40, 100), rate(25, 100));
    expect(c.delta).toBeCloseTo(-0.15, 15);
    expect(c.pValue).toBeCloseTo(0.023540058261177936, 12);
    expect(c.significant).toBe(true);
    expect(change(rate(30, 60), rate(22, 60)).significant).toBe(false);
    const gap = change(rate(0, 0), rate(5, 10));
    expect(gap).toMatchObject({ delta: null, pValue: null, significant: false });
  });
});
