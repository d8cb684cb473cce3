import { describe, expect, it } from "vitest";
import { headline, subjectLine } from "../../src/report/headline.ts";
import { findingSentence } from "../../src/report/i18n-findings.ts";
import { formatterFor } from "../../src/report/i18n-format.ts";
import { wilson } from "../fixtures/report/sample-data.ts";
import { sampleModel } from "../fixtures/report/sample-model.ts";

/** Intl separates numbers and units with no-break spaces; compare them as ordinary spaces. */
const plain = (s: string) => s.replace(/[\u00a0\u202f\u2009]/g, " ");

describe("locale formatting", () => {
  const nb = formatterFor("nb", "Europe/Oslo");
  const en = formatterFor("en", "Europe/Oslo");
  const rate = { value: 0.42, successes: 25, n: 60, low: 0.31, high: 0.53, directional: false };

  it("writes percentages, numbers and dates the way each locale does", () => {
    expect(plain(nb.percent(0.42, 1))).toBe("42,0 %");
    expect(en.percent(0.42, 1)).toBe("42.0%");
    expect(plain(nb.number(1234.5, 1))).toBe("1 234,5");
    expect(nb.date("2026-11-23T12:00:00.000Z")).toBe("23. nov. 2026");
    expect(en.date("2026-11-23T12:00:00.000Z")).toBe("23 Nov 2026");
    // The exclusive end of a week is not shown as its last day.
    expect(nb.dateRange("2026-11-15T23:00:00.000Z", "2026-11-22T23:00:00.000Z")).toBe("16.–22. nov. 2026");
    expect(en.dateRange("2026-11-15T23:00:00.000Z", "2026-11-22T23:00:00.000Z")).toBe("16–22 Nov 2026");
    expect(
      en.period({ id: "2026-W47", start: "2026-11-15T23:00:00.000Z", end: "2026-11-22T23:00:00.000Z" }),
    ).toBe("week 47, 2026 (16–22 Nov 2026)");
  });

  it("writes an interval with its n, and marks small cells directional", () => {
    expect(plain(nb.interval(rate))).toBe("42 % (95 % KI 31–53 %, n = 60)");
    expect(en.interval(rate)).toBe("42% (95% CI 31–53%, n = 60)");
    expect(en.interval(wilson(5, 8))).toMatch(/^63% \(95% CI \d+–\d+%, n = 8, directional\)$/);
    expect(nb.interval(wilson(5, 8))).toMatch(/, n = 8, retningsgivende\)$/);
  });

  it("never shows a gap as 0 %, and calls only significant changes changes", () => {
    const gap = wilson(0, 0);
    expect(en.interval(gap)).toBe("no answers: all attempts failed");
    expect(nb.interval(gap)).toBe("ingen svar: alle forsøk feilet");
    expect(en.percent(null)).toBe("–");
    const notSignificant = { from: rate, to: rate, delta: 0.08, pValue: 0.2, significant: false };
    expect(en.change(notSignificant)).toBe("no significant change");
    expect(nb.change(notSignificant)).toBe("ingen signifikant endring");
    const drop = { from: rate, to: rate, delta: -0.305, pValue: 0.0088, significant: true };
    expect(en.change(drop)).toBe("−31 pts, p = 0.009");
    expect(plain(nb.change(drop))).toBe("−31 pp, p = 0,009");
    expect(en.change(null)).toBe("no baseline");
  });
});

describe("headline and finding sentences", () => {
  it("leads with our rate and the largest significant change, in the model's language", () => {
    const en = sampleModel({ language: "en" });
    const fmtEn = formatterFor("en", en.timezone);
    const head = headline(en, fmtEn);
    expect(head.rateSentence).toBe("Fiken was mentioned in 53% of AI answers");
    expect(head.changeSentence).toBe(
      "Fiken’s mention rate on ChatGPT (gpt-6-luna, web) fell from 72% to 42% (−31 pts, p = 0.009).",
    );
    const nb = sampleModel({ language: "nb" });
    const fmtNb = formatterFor("nb", nb.timezone);
    expect(plain(headline(nb, fmtNb).rateSentence)).toBe("Fiken ble nevnt i 53 % av KI-svarene");
    expect(plain(subjectLine(nb, fmtNb))).toBe(
      "Fiken · KI-synlighetsrapport, uke 47, 2026: omtalerate i ChatGPT (gpt-6-luna, web) −31 pp (72 % → 42 %)",
    );
  });

  it("says 'no significant change' when no own-brand finding is significant", () => {
    const quiet = { ...sampleModel({ language: "en" }), findings: [] };
    const fmt = formatterFor("en", quiet.timezone);
    expect(subjectLine(quiet, fmt)).toBe(
      "Fiken · AI visibility report, week 47, 2026: mentioned in 53% of answers, no significant change",
    );
    expect(headline(quiet, fmt).changeSentence).toBe("No significant change");
    const replay = { ...quiet, replay: true };
    expect(subjectLine(replay, fmt).startsWith("[REPLAY] Fiken")).toBe(true);
  });

  it("has a sentence for every kind of finding in both languages", () => {
    for (const language of ["en", "nb"] as const) {
      const model = sampleModel({ language });
      const fmt = formatterFor(language, model.timezone);
      const sentences = model.findings.map((f) => plain(findingSentence(f, model, fmt)));
      expect(sentences).toHaveLength(5);
      for (const s of sentences) expect(s).not.toMatch(/undefined|NaN|\{|\}/);
    }
    const nb = sampleModel({ language: "nb" });
    const fmt = formatterFor("nb", nb.timezone);
    expect(plain(findingSentence(nb.findings[1]!, nb, fmt))).toBe(
      "Tripletex gikk forbi Fiken i ChatGPT (gpt-6-luna, web): Tripletex 75 % mot Fiken 42 %.",
    );
    expect(plain(findingSentence(nb.findings[4]!, nb, fmt))).toContain(
      "Mulighet: «Hvilket regnskapsprogram har best lønn for små bedrifter med 3–10 ansatte?»",
    );
  });
});
