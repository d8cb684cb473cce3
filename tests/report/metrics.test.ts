import { describe, expect, it } from "vitest";
import { computeCells } from "../../src/report/metrics.ts";
import type { MetricCell } from "../../src/report/model.ts";
import { BrandSetCounter, jaccard, maskJaccard } from "../../src/report/stability.ts";
import { BRANDS, TABLE, TABLE_FAILURES } from "./fixtures.ts";

const cells = computeCells({ period: "2026-W47", brands: BRANDS, answers: TABLE, failures: TABLE_FAILURES });
const cell = (engine: string | null, stage: string | null, question: string | null): MetricCell => {
  const found = cells.find(
    (c) => c.key.engine === engine && c.key.stage === stage && c.key.question === question,
  );
  if (!found) throw new Error(`no cell ${engine}/${stage}/${question}`);
  return found;
};
const brand = (c: MetricCell, name: string) => c.brands.find((b) => b.brand === name)!;

// Every expected number below is worked out by hand from TABLE in tests/report/fixtures.ts.
describe("metrics of the hand-computed table", () => {
  const all = cell(null, null, null);

  it("emits 9 engine × stage cells and 6 question cells, roll-ups first", () => {
    expect(cells).toHaveLength(15);
    expect(cells.slice(0, 3).map((c) => [c.key.engine, c.key.stage, c.key.question])).toEqual([
      [null, null, null],
      ["A", null, null],
      ["B", null, null],
    ]);
    expect(cells.every((c) => c.key.period === "2026-W47")).toBe(true);
  });

  it("counts n without the failed attempts (spec §7)", () => {
    expect(all.n).toBe(9);
    expect(all.failed).toBe(4);
    expect(all.gap).toBe(false);
    expect(cell("A", null, null)).toMatchObject({ n: 6, failed: 1 });
  });

  it("mention rate: Fiken 5/9, Tripletex 4/9, Conta 5/9, each with its Wilson interval", () => {
    expect(brand(all, "Fiken").mentionRate).toMatchObject({ successes: 5, n: 9, directional: true });
    expect(brand(all, "Fiken").mentionRate.value).toBeCloseTo(5 / 9, 12);
    expect(brand(all, "Fiken").mentionRate.low).toBeCloseTo(0.26665129, 7);
    expect(brand(all, "Fiken").mentionRate.high).toBeCloseTo(0.81122148, 7);
    expect(brand(all, "Tripletex").mentionRate.value).toBeCloseTo(4 / 9, 12);
    expect(brand(all, "Conta").mentionRate.value).toBeCloseTo(5 / 9, 12);
  });

  it("share of voice over the tracked brands' 14 mentioning answers", () => {
    expect(brand(all, "Fiken").shareOfVoice).toBeCloseTo(5 / 14, 12);
    expect(brand(all, "Tripletex").shareOfVoice).toBeCloseTo(4 / 14, 12);
    expect(brand(all, "Conta").shareOfVoice).toBeCloseTo(5 / 14, 12);
  });

  it("average rank over mentioning answers, top-1 rate over n", () => {
    expect(brand(all, "Fiken").averageRank).toBeCloseTo(6 / 5, 12); // ranks 1,2,1,1,1
    expect(brand(all, "Tripletex").averageRank).toBeCloseTo(5 / 4, 12); // 2,1,1,1
    expect(brand(all, "Conta").averageRank).toBeCloseTo(2, 12); // 3,2,1,2,2
    expect(brand(all, "Fiken").top1Rate).toMatchObject({ successes: 4, n: 9 });
    expect(brand(all, "Tripletex").top1Rate).toMatchObject({ successes: 3, n: 9 });
    expect(brand(all, "Conta").top1Rate).toMatchObject({ successes: 1, n: 9 });
  });

  it("brand score = mean 0.9^(rank−1) over all n; word share = mean PAWC share over all n", () => {
    expect(brand(all, "Fiken").brandScore).toBeCloseTo(4.9 / 9, 12);
    expect(brand(all, "Tripletex").brandScore).toBeCloseTo(3.9 / 9, 12);
    expect(brand(all, "Conta").brandScore).toBeCloseTo(4.51 / 9, 12);
    expect(brand(all, "Fiken").wordShare).toBeCloseTo(3.2 / 9, 12);
    expect(brand(all, "Tripletex").wordShare).toBeCloseTo(2.6 / 9, 12);
    expect(brand(all, "Conta").wordShare).toBeCloseTo(2.2 / 9, 12);
  });

  it("citation rate 3 of 6 citing answers; citation share 4 of 9 citations", () => {
    expect(all.citations.citationRate).toMatchObject({ successes: 3, n: 6, value: 0.5 });
    expect(all.citations.citationShare).toMatchObject({ successes: 4, n: 9 });
    expect(cell("B", null, null).citations.citationRate).toMatchObject({ successes: 1, n: 2 });
  });

  it("stability: mean pairwise Jaccard per question × engine, then the mean over groups", () => {
    // A/q1: {F,T} {F,T,C} {F} → (2/3 + 1/2 + 1/3)/3 = 1/2; A/q2: {T} {T,C} {} → 1/6;
    // B/q1: {C} {F,C} {F,C} → (1/2 + 1/2 + 1)/3 = 2/3; B/q2 has no answers.
    expect(cell("A", "awareness", "q1").stability).toBeCloseTo(1 / 2, 12);
    expect(cell("A", "consideration", "q2").stability).toBeCloseTo(1 / 6, 12);
    expect(cell("B", "awareness", "q1").stability).toBeCloseTo(2 / 3, 12);
    expect(cell(null, "awareness", "q1").stability).toBeCloseTo((1 / 2 + 2 / 3) / 2, 12);
    expect(cell("A", null, null).stability).toBeCloseTo(1 / 3, 12);
    expect(all.stability).toBeCloseTo(4 / 9, 12);
    expect(cell("B", "consideration", "q2").stability).toBeNull();
  });

  it("consideration set: brands in at least half of the answers", () => {
    expect(all.considerationSet).toEqual(["Fiken", "Conta"]); // 5/9 each; Tripletex 4/9
    expect(cell(null, "awareness", "q1").considerationSet).toEqual(["Fiken", "Conta"]); // 5/6, 4/6
    expect(cell(null, "consideration", "q2").considerationSet).toEqual(["Tripletex"]); // 2/3
    expect(cell("A", "consideration", "q2").considerationSet).toEqual(["Tripletex"]);
  });

  it("a cell whose attempts all failed is a gap with null rates, never 0 %", () => {
    const gap = cell("B", "consideration", "q2");
    expect(gap).toMatchObject({ n: 0, failed: 3, gap: true, considerationSet: [] });
    expect(brand(gap, "Fiken").mentionRate).toMatchObject({ value: null, low: null, high: null });
    expect(brand(gap, "Fiken")).toMatchObject({ shareOfVoice: null, averageRank: null, brandScore: null });
    expect(gap.citations.citationRate.value).toBeNull();
    expect(cell("B", "consideration", null).gap).toBe(true);
    expect(cell("B", null, null)).toMatchObject({ n: 3, failed: 3, gap: false });
  });

  it("per-question roll-up over engines: q2 is answered by A only", () => {
    const q2 = cell(null, "consideration", "q2");
    expect(q2).toMatchObject({ n: 3, failed: 3 });
    expect(brand(q2, "Tripletex").mentionRate.successes).toBe(2);
    expect(brand(q2, "Fiken").mentionRate).toMatchObject({ successes: 0, n: 3, value: 0 });
    expect(brand(q2, "Fiken").averageRank).toBeNull();
  });
});

describe("many tracked brands", () => {
  it("gives the same numbers past 30 brands, where brand sets stop being bit masks", () => {
    const padded = [
      ...BRANDS,
      ...Array.from({ length: 30 }, (_, i) => ({ name: `Extra${i}`, role: "competitor" as const })),
    ];
    const wide = computeCells({
      period: "2026-W47",
      brands: padded,
      answers: TABLE,
      failures: TABLE_FAILURES,
    });
    expect(wide.map((c) => c.stability)).toEqual(cells.map((c) => c.stability));
    expect(wide[0]?.brands.slice(0, 3)).toEqual(cells[0]?.brands);
    expect(wide[0]?.brands[3]?.mentionRate).toMatchObject({ successes: 0, n: 9, value: 0 });
  });
});

describe("stability helpers", () => {
  it("Jaccard of sorted sets; two empty sets agree", () => {
    expect(jaccard([0, 1], [0, 1, 2])).toBeCloseTo(2 / 3, 15);
    expect(jaccard([], [])).toBe(1);
    expect(jaccard([0], [])).toBe(0);
  });

  it("Jaccard of bit masks matches the list form", () => {
    expect(maskJaccard(0b011, 0b111)).toBeCloseTo(2 / 3, 15);
    expect(maskJaccard(0, 0)).toBe(1);
    expect(maskJaccard(0b1, 0)).toBe(0);
  });

  it("counts pairs over distinct sets with multiplicity", () => {
    const c = new BrandSetCounter();
    for (const s of [[0], [0], [0, 1], [2]]) c.add(s);
    // pairs: (0,0)=1; (0,01)=½ twice; (0,2)=0 twice; (01,2)=0 → (1 + 1)/6
    expect(c.stability()).toBeCloseTo(2 / 6, 15);
    const one = new BrandSetCounter();
    one.add([1]);
    expect(one.stability()).toBeNull();
  });
});
