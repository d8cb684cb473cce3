import { describe, expect, it } from "vitest";
import { buildReport, excerptRequests, prepareReport, type ReportData } from "../../src/report/build.ts";
import type { ExcerptsFor } from "../../src/report/excerpt.ts";
import type { AnswerFact } from "../../src/report/facts.ts";
import type { Excerpt } from "../../src/report/model.ts";
import { parsePeriod, previousPeriod } from "../../src/report/periods.ts";
import { BRANDS, type FactSpec, fact } from "./fixtures.ts";

const TZ = "UTC";
const W47 = parsePeriod("2026-W47", TZ);
const W46 = previousPeriod(W47, TZ);
const BEFORE = "2026-11-10T06:00:00Z"; // in W46
const NOW = "2026-11-17T06:00:00Z"; // in W47

let nextId = 1;
/** `count` answers of one engine and question at `at`; `spec(i)` adds mentions and citations. */
function many(
  count: number,
  at: string,
  spec: (i: number) => Partial<FactSpec>,
  engine = "A",
  question = "q1",
): AnswerFact[] {
  return Array.from({ length: count }, (_, i) => fact({ id: nextId++, engine, question, at, ...spec(i) }));
}

/** Fiken mentioned in the first `own` answers, Tripletex in the first `rival` (ranks by order). */
function period(at: string, n: number, own: number, rival: number, engine = "A"): AnswerFact[] {
  return many(
    n,
    at,
    (i) => ({
      mentions: [
        ...(i < own ? ([["Fiken", 1, 0.5]] as [string, number, number][]) : []),
        ...(i < rival ? ([["Tripletex", i < own ? 2 : 1, 0.5]] as [string, number, number][]) : []),
      ],
    }),
    engine,
  );
}

const quotes: { ids: readonly number[]; brand: string | null }[] = [];
const excerptsFor: ExcerptsFor = (ids, brand) => {
  quotes.push({ ids, brand });
  return ids.map(
    (id): Excerpt => ({
      answerId: id,
      engine: "A",
      questionId: "q1",
      askedAt: NOW,
      text: `answer ${id} about ${brand ?? "nothing"}`,
      highlight: null,
      command: `sightline answers show ${id}`,
    }),
  );
};

function report(answers: AnswerFact[], extra: Partial<ReportData> = {}) {
  return buildReport({
    brands: BRANDS,
    period: W47,
    baseline: W46,
    language: "en",
    timezone: TZ,
    answers,
    failures: [],
    missedSlots: [],
    engines: [{ id: "A", label: "Engine A" }],
    now: Date.parse("2026-11-23T08:00:00Z"),
    excerptsFor,
    ...extra,
  });
}

describe("change detection", () => {
  it("a significant drop (40/100 → 25/100, p = 0.0235) is a finding overall, per engine and per stage", () => {
    const model = report([...period(BEFORE, 100, 40, 30), ...period(NOW, 100, 25, 20)]);
    const drops = model.findings.filter((f) => f.kind === "own-dropped");
    expect(drops.map((f) => [f.subject, f.engine, f.stage])).toEqual([
      ["all", null, null],
      ["A", "A", null],
      ["awareness", null, "awareness"],
    ]);
    const [first] = drops;
    expect(first?.change?.delta).toBeCloseTo(-0.15, 12);
    expect(first?.change?.pValue).toBeCloseTo(0.023540058261177936, 10);
    expect(first?.change?.significant).toBe(true);
    // Quotes show answers without us that name someone else, with the brand that came first.
    expect(first?.excerpts).toHaveLength(3);
    expect(first?.excerpts.every((e) => e.text.endsWith("Tripletex") || e.text.includes("nothing"))).toBe(
      true,
    );
    expect(model.scorecard[0]?.change?.significant).toBe(true);
    expect(model.engines[0]?.change?.pValue).toBeCloseTo(0.023540058261177936, 10);
  });

  it("an insignificant drop (30/60 → 22/60, p = 0.14) is no finding, and the rows say not significant", () => {
    const model = report([...period(BEFORE, 60, 30, 10), ...period(NOW, 60, 22, 10)]);
    expect(model.findings.filter((f) => f.kind.startsWith("own-"))).toEqual([]);
    expect(model.scorecard[0]?.change).toMatchObject({ significant: false });
    expect(model.scorecard[0]?.change?.pValue).toBeCloseTo(0.1405483084370245, 10);
  });

  it("no change at all gives no finding and p = 1", () => {
    const model = report([...period(BEFORE, 50, 20, 10), ...period(NOW, 50, 20, 10)]);
    expect(model.findings.filter((f) => f.kind !== "opportunity")).toEqual([]);
    expect(model.engines[0]?.change?.pValue).toBeCloseTo(1, 12);
  });

  it("a significant rise quotes answers that mention us", () => {
    const model = report([...period(BEFORE, 100, 25, 0), ...period(NOW, 100, 40, 0)]);
    const rise = model.findings.find((f) => f.kind === "own-rose" && f.subject === "all");
    expect(rise?.change?.delta).toBeCloseTo(0.15, 12);
    expect(rise?.excerpts.map((e) => e.text.endsWith("Fiken"))).toEqual([true, true, true]);
  });

  it("a competitor overtook us: above us now and significantly so (25 vs 45 of 100), not above before", () => {
    const model = report([...period(BEFORE, 100, 40, 30), ...period(NOW, 100, 25, 45)]);
    const overtook = model.findings.filter((f) => f.kind === "competitor-overtook");
    expect(overtook.map((f) => [f.subject, f.brand])).toEqual([
      ["all", "Tripletex"],
      ["A", "Tripletex"],
      ["awareness", "Tripletex"],
    ]);
    expect(overtook[0]?.detail).toMatchObject({
      ownRate: 0.25,
      competitorRate: 0.45,
      ownBefore: 0.4,
      competitorBefore: 0.3,
    });
    expect(overtook[0]?.detail.pValue).toBeCloseTo(0.00302, 4);
    expect(overtook[0]?.change?.delta).toBeCloseTo(0.15, 12); // Tripletex 30 % → 45 %
  });

  it("not an overtake when the competitor was ahead already, or is ahead by an insignificant margin", () => {
    const already = report([...period(BEFORE, 100, 30, 40), ...period(NOW, 100, 25, 45)]);
    expect(already.findings.filter((f) => f.kind === "competitor-overtook")).toEqual([]);
    const narrow = report([...period(BEFORE, 100, 40, 30), ...period(NOW, 100, 40, 45)]);
    expect(narrow.findings.filter((f) => f.kind === "competitor-overtook")).toEqual([]);
  });

  it("a domain cited in 4 of 30 answers and never before is newly cited; 3 of 30 is not enough", () => {
    const cite = (domain: string, k: number) => (i: number) =>
      i < k ? { citations: [`${domain}/page`] } : {};
    const model = report([
      ...many(30, BEFORE, cite("reddit.com", 5)),
      ...many(30, NOW, (i) => ({
        ...cite("g2.com", 4)(i),
        ...(i >= 26 && i < 29 ? { citations: ["conta.no/x"] } : {}),
      })),
    ]);
    const domains = model.findings.filter((f) => f.kind.startsWith("domain-"));
    expect(domains.map((f) => [f.kind, f.subject])).toEqual([
      ["domain-newly-cited", "g2.com"],
      ["domain-lost", "reddit.com"],
    ]);
    expect(domains[0]?.change?.pValue).toBeCloseTo(0.03843393023678171, 10);
    expect(domains[0]?.detail).toMatchObject({ owner: null, category: "review", citations: 4, answers: 4 });
    expect(domains[1]?.change?.delta).toBeCloseTo(-5 / 30, 12);
    expect(domains[1]?.excerpts).toHaveLength(3);
  });

  it("no baseline answers: no changes, a note saying so; opportunities still show", () => {
    const model = report(
      many(12, NOW, (i) => ({ question: "q2", mentions: i < 8 ? [["Tripletex", 1, 1]] : [["Fiken", 1, 1]] })),
    );
    expect(model.findings.map((f) => f.kind)).toEqual(["opportunity"]);
    expect(model.notes).toContain("The baseline period has no answers, so no change can be tested.");
    expect(model.engines[0]?.change).toBeNull();
  });
});

describe("opportunities", () => {
  it("a question whose consideration set has a competitor but not us, quoting answers that name it", () => {
    quotes.length = 0;
    const answers = [
      ...many(
        6,
        NOW,
        (i) => ({
          mentions:
            i < 4
              ? [
                  ["Tripletex", 1, 1],
                  ["Conta", 2, 0],
                ]
              : [["Fiken", 1, 1]],
        }),
        "A",
        "q2",
      ),
      ...many(6, NOW, (i) => ({ mentions: i < 4 ? [["Fiken", 1, 1]] : [] }), "A", "q1"),
    ];
    const prepared = prepareReport({
      brands: BRANDS,
      period: W47,
      baseline: W46,
      language: "en",
      timezone: TZ,
      answers,
      failures: [],
      missedSlots: [],
      engines: [{ id: "A", label: "Engine A" }],
      now: Date.parse("2026-11-23T08:00:00Z"),
    });
    expect(excerptRequests(prepared)).toHaveLength(3);
    const model = report(answers);
    const opp = model.findings.filter((f) => f.kind === "opportunity");
    expect(opp).toHaveLength(1);
    expect(opp[0]).toMatchObject({ subject: "q2", brand: "Tripletex", stage: "consideration", change: null });
    expect(opp[0]?.detail).toMatchObject({
      competitors: "Tripletex, Conta",
      ownRate: 2 / 6,
      n: 6,
      directional: 1,
    });
    expect(opp[0]?.detail.competitorRate).toBeCloseTo(4 / 6, 12);
    expect(quotes.at(-1)?.brand).toBe("Tripletex");
    expect(opp[0]?.excerpts.map((e) => e.answerId)).toEqual(quotes.at(-1)?.ids);
  });
});
