import { describe, expect, it } from "vitest";
import { reportCharts } from "../../src/report/charts.ts";
import type { ReportModel } from "../../src/report/model.ts";
import { renderCsv } from "../../src/report/render-csv.ts";
import { renderEmail } from "../../src/report/render-email.ts";
import { renderMarkdown } from "../../src/report/render-markdown.ts";
import { wilson } from "../fixtures/report/sample-data.ts";
import { sampleModel } from "../fixtures/report/sample-model.ts";

/** The first report of a new install: no baseline, nothing answered yet, every engine failed. */
function firstWeek(language: "en" | "nb"): ReportModel {
  const base = sampleModel({ language });
  const gap = wilson(0, 0);
  return {
    ...base,
    baseline: null,
    totals: { answers: 0, failed: 12, engines: 1, questions: 2, costUsd: 0 },
    scorecard: [{ stage: "awareness", n: 0, own: null, change: null }],
    engines: [
      {
        ...base.engines[4]!,
        change: null,
      },
    ],
    leaderboard: base.leaderboard.map((b) => ({
      ...b,
      mentionRate: gap,
      top1Rate: gap,
      shareOfVoice: null,
      averageRank: null,
    })),
    trends: [
      {
        title: "Mention rate by brand",
        series: ["Fiken"],
        points: [{ period: "2026-W47", values: { Fiken: gap } }],
        markers: [],
      },
    ],
    domains: [],
    pages: [],
    findings: [],
    cells: [
      { ...base.cells[0]!, n: 0, failed: 12, gap: true, brands: [], stability: null, considerationSet: [] },
    ],
    missedSlots: [],
    notes: [],
  };
}

describe("renderers on a sparse model", () => {
  for (const language of ["en", "nb"] as const) {
    it(`renders a first week with no baseline and only gaps (${language})`, () => {
      const model = firstWeek(language);
      const md = renderMarkdown(model);
      expect(md).toContain(
        language === "en" ? "No earlier period to compare with yet." : "Ingen tidligere periode",
      );
      expect(md).not.toMatch(/NaN|undefined|Infinity/);
      expect(md).not.toMatch(/\b0 ?%.*(all attempts failed|alle forsøk feilet)/);
      const mail = renderEmail(model);
      expect(mail.html).not.toMatch(/NaN|undefined|Infinity/);
      expect(mail.html).toContain(
        language === "en" ? "no answers: all attempts failed" : "ingen svar: alle forsøk feilet",
      );
      // A gap is not "no change"; the subject says there were no answers.
      expect(mail.subject).toMatch(
        language === "en" ? /: no answers: all attempts failed$/ : /: ingen svar: alle forsøk feilet$/,
      );
      const body = md.slice(0, md.indexOf(language === "en" ? "## How to read" : "## Slik leser"));
      expect(body).not.toMatch(/no significant change|ingen signifikant endring/i);
      for (const image of mail.images) expect(image.png.subarray(1, 4).toString("latin1")).toBe("PNG");
      const csv = renderCsv(model).trim().split("\r\n");
      expect(csv.length).toBe(1 + 5 + 3);
      expect(csv[1]).toMatch(/,all,Fiken,mention_rate,,,,0,true,true$/);
    });
  }

  it("says the comparison week had no answers instead of 'no significant change'", () => {
    const model = { ...firstWeek("en"), baseline: sampleModel().baseline };
    const md = renderMarkdown(model);
    expect(md).toContain("The comparison period has no answers, so no change can be tested.");
    const body = md.slice(0, md.indexOf("## How to read"));
    expect(body).not.toMatch(/no significant change/i);
  });

  it("draws no chart for an empty trend and never reads a gap as 0 %", () => {
    const model = { ...firstWeek("en"), trends: [{ title: "t", series: [], points: [], markers: [] }] };
    const charts = reportCharts(model);
    expect(charts.map((c) => c.id)).toEqual(["leaderboard", "engines"]);
    const engines = charts.find((c) => c.id === "engines")!;
    expect(engines.svg).toContain("no answers: all attempts failed");
    // Only the background: a gap gets words, not a zero-length bar.
    for (const chart of charts) expect(chart.svg.match(/<rect /g)).toHaveLength(1);
  });
});
