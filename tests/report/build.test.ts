import { describe, expect, it } from "vitest";
import { buildReport } from "../../src/report/build.ts";
import { makeExcerpt } from "../../src/report/excerpt.ts";
import { parsePeriod, previousPeriod } from "../../src/report/periods.ts";
import { BRANDS, fact, TABLE, TABLE_FAILURES } from "./fixtures.ts";

const TZ = "Europe/Oslo";
const W47 = parsePeriod("2026-W47", TZ);

function build(extra: Partial<Parameters<typeof buildReport>[0]> = {}) {
  return buildReport({
    brands: BRANDS,
    period: W47,
    baseline: previousPeriod(W47, TZ),
    language: "en",
    timezone: TZ,
    answers: TABLE,
    failures: TABLE_FAILURES,
    missedSlots: [{ schedule: "weekly", slot: Date.parse("2026-11-16T05:00:00Z") }],
    engines: [
      { id: "B", label: "Engine B" },
      { id: "A", label: "Engine A" },
    ],
    now: Date.parse("2026-11-23T07:00:00Z"),
    excerptsFor: () => [],
    ...extra,
  });
}

describe("buildReport on the hand-computed table", () => {
  const model = build();

  it("states the period in UTC instants, totals without failures in n, and the missed slot", () => {
    expect(model.period).toEqual({
      id: "2026-W47",
      start: "2026-11-15T23:00:00.000Z",
      end: "2026-11-22T23:00:00.000Z",
    });
    expect(model.baseline?.id).toBe("2026-W46");
    expect(model.totals).toEqual({ answers: 9, failed: 4, engines: 2, questions: 2, costUsd: 0 });
    expect(model).toMatchObject({
      schemaVersion: 1,
      brand: "Fiken",
      competitors: ["Tripletex", "Conta"],
      replay: false,
    });
    expect(model.missedSlots).toEqual([{ schedule: "weekly", slot: "2026-11-16T05:00:00.000Z" }]);
    expect(model.cells).toHaveLength(15);
  });

  it("scorecard: one row per stage in funnel order with our metrics; no change without baseline answers", () => {
    expect(model.scorecard.map((r) => [r.stage, r.n, r.own?.mentionRate.successes, r.change])).toEqual([
      ["awareness", 6, 5, null],
      ["consideration", 3, 0, null],
    ]);
  });

  it("engine rows in query-file order with label, served model, surface, gap and citations", () => {
    expect(
      model.engines.map((e) => [e.engine, e.label, e.servedModels, e.surface, e.n, e.failed, e.gap]),
    ).toEqual([
      ["B", "Engine B", ["B-model"], "api+web-search", 3, 3, false],
      ["A", "Engine A", ["A-model"], "api+web-search", 6, 1, false],
    ]);
    expect(model.engines[1]?.own?.mentionRate.successes).toBe(3);
    expect(model.engines[1]?.citations.citationRate).toMatchObject({ successes: 2, n: 4 });
  });

  it("leaderboard by mention rate, ties broken by share of voice then name", () => {
    expect(model.leaderboard.map((b) => b.brand)).toEqual(["Conta", "Fiken", "Tripletex"]);
  });

  it("top domains with the share of answers citing them; top pages", () => {
    expect(
      model.domains.map((d) => [d.domain, d.citations, d.answerShare.successes, d.owner, d.category]),
    ).toEqual([
      ["fiken.no", 4, 3, "Fiken", "owned"],
      ["g2.com", 2, 2, null, "review"],
      ["conta.no", 1, 1, "Conta", "competitor"],
      ["reddit.com", 1, 1, null, "ugc"],
      ["tripletex.no", 1, 1, "Tripletex", "competitor"],
    ]);
    expect(model.domains[0]?.change).toBeNull();
    expect(model.pages.slice(0, 2)).toEqual([
      { url: "https://fiken.no/a", domain: "fiken.no", owner: "Fiken", category: "owned", citations: 2 },
      { url: "https://g2.com/x", domain: "g2.com", owner: null, category: "review", citations: 2 },
    ]);
  });

  it("finds the q2 opportunity (Tripletex in 2 of 3 answers, we in none)", () => {
    expect(model.findings.map((f) => [f.kind, f.subject, f.brand])).toEqual([
      ["opportunity", "q2", "Tripletex"],
    ]);
  });

  it("notes: tracked brands only, directional cells, failures, empty baseline", () => {
    expect(model.notes[0]).toMatch(/tracked brands only/);
    expect(model.notes).toContain(
      "Cells with fewer than 10 answers are directional: too few answers to rely on.",
    );
    expect(model.notes.some((n) => n.startsWith("4 attempt(s) failed"))).toBe(true);
    expect(model.notes).toContain("The baseline period has no answers, so no change can be tested.");
    expect(model.notes.some((n) => /replay/.test(n))).toBe(false);
  });

  it("labels replayed data first, in Norwegian when asked", () => {
    const nb = build({
      answers: [...TABLE, fact({ id: 99, engine: "A", question: "q1", surface: "replay" })],
      language: "nb",
    });
    expect(nb.replay).toBe(true);
    expect(nb.notes[0]).toMatch(/avspillingsmotoren/);
  });
});

describe("trends", () => {
  const weeks = [
    "2026-11-09",
    "2026-11-02",
    "2026-10-26",
    "2026-10-19",
    "2026-10-12",
    "2026-10-05",
    "2026-09-28",
  ];
  const answers = [
    ...TABLE,
    // One answer per engine per earlier week; q1's text changes in W43, engine A's model in W46.
    ...weeks.flatMap((day, k) => [
      fact({
        id: 100 + k,
        engine: "A",
        question: "q1",
        at: `${day}T06:00:00Z`,
        mentions: k % 2 === 0 ? [["Fiken", 1, 1]] : [],
        version: k <= 3 ? "q1-v2" : "q1-v1",
        servedModel: k === 0 ? "A-model" : "A-model-old",
      }),
    ]),
  ];
  const model = build({ answers, engines: [{ id: "A", label: "Engine A" }] });
  const [byEngine, byBrand] = model.trends;

  it("has eight weekly points ending with the period, per engine and per brand", () => {
    expect(byEngine?.points.map((p) => p.period)).toEqual([
      "2026-W40",
      "2026-W41",
      "2026-W42",
      "2026-W43",
      "2026-W44",
      "2026-W45",
      "2026-W46",
      "2026-W47",
    ]);
    expect(byEngine?.series).toEqual(["all", "A", "B"]);
    expect(byEngine?.seriesLabels).toEqual({ all: "all", A: "Engine A" });
    // W46 (k = 0): one answer of A mentioning Fiken; W45: one answer, no mention; W47 = the table.
    expect(byEngine?.points[6]?.values.A).toMatchObject({ successes: 1, n: 1 });
    expect(byEngine?.points[5]?.values.all).toMatchObject({ successes: 0, n: 1 });
    expect(byEngine?.points[6]?.values.B).toMatchObject({ value: null, n: 0 });
    expect(byEngine?.points[7]?.values.all).toMatchObject({ successes: 5, n: 9 });
    expect(byBrand?.series).toEqual(["Fiken", "Tripletex", "Conta"]);
    expect(byBrand?.points[7]?.values.Conta).toMatchObject({ successes: 5, n: 9 });
  });

  it("marks where q1's text changed and where engine A's served model changed", () => {
    expect(byEngine?.markers).toEqual([
      { period: "2026-W43", kind: "question-text-changed", subject: "q1", detail: "q1-v1 → q1-v2" },
      { period: "2026-W46", kind: "served-model-changed", subject: "A", detail: "A-model-old → A-model" },
      { period: "2026-W47", kind: "question-text-changed", subject: "q1", detail: "q1-v2 → q1-v1" },
    ]);
  });

  it("compares with the baseline week once it has answers", () => {
    expect(model.engines[0]?.change?.from).toMatchObject({ successes: 1, n: 1 });
    expect(model.notes.some((n) => n.startsWith("The baseline period has no answers"))).toBe(false);
  });
});

describe("excerpts", () => {
  const source = {
    answerId: 7,
    engine: "A",
    questionId: "q1",
    askedAt: Date.parse("2026-11-17T06:00:00Z"),
    text: "Intro line.\n\n1. **Fiken** is simple. Tripletex is bigger.",
  };

  it("quotes the sentence around the mention with the brand's span", () => {
    const e = makeExcerpt(source, { offset: 18, length: 5, sentence: "**Fiken** is simple." });
    expect(e).toEqual({
      answerId: 7,
      engine: "A",
      questionId: "q1",
      askedAt: "2026-11-17T06:00:00.000Z",
      text: "**Fiken** is simple.",
      highlight: { start: 2, length: 5 },
      command: "sightline answers show 7",
    });
    expect(e.text.slice(2, 7)).toBe("Fiken");
  });

  it("falls back to a window around the span, and to the opening without evidence", () => {
    const e = makeExcerpt(source, { offset: 37, length: 9, sentence: "not in the text" });
    expect(e.text.slice(e.highlight!.start, e.highlight!.start + 9)).toBe("Tripletex");
    expect(makeExcerpt(source, null)).toMatchObject({ text: source.text, highlight: null });
  });

  it("cuts a long sentence around the highlight and keeps the span right", () => {
    const long = `${"word ".repeat(100)}Fiken ${"more ".repeat(100)}`;
    const e = makeExcerpt({ ...source, text: long }, { offset: 500, length: 5, sentence: long });
    expect(e.text.length).toBeLessThanOrEqual(282);
    expect(e.text.slice(e.highlight!.start, e.highlight!.start + 5)).toBe("Fiken");
    expect(e.text.startsWith("…")).toBe(true);
  });
});
