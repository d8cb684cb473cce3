import { describe, expect, it } from "vitest";
import type { ReportModel } from "../../src/report/model.ts";
import { CSV_COLUMNS, csvField, renderCsv } from "../../src/report/render-csv.ts";
import { HOSTILE, sampleModel } from "../fixtures/report/sample-model.ts";

/** A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        field += c;
        i++;
      }
    } else if (c === '"' && field === "") {
      quoted = true;
      i++;
    } else if (c === ",") {
      record.push(field);
      field = "";
      i++;
    } else if (c === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i += 2;
    } else {
      if (c === "\n" || c === "\r" || c === '"') throw new Error(`bare ${JSON.stringify(c)} at ${i}`);
      field += c;
      i++;
    }
  }
  if (field !== "" || record.length > 0) throw new Error("last record has no CRLF");
  return records;
}

function table(model: ReportModel): Record<string, string>[] {
  const [header, ...rows] = parseCsv(renderCsv(model));
  expect(header).toEqual([...CSV_COLUMNS]);
  for (const r of rows) expect(r).toHaveLength(CSV_COLUMNS.length);
  return rows.map((r) => Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, r[i] ?? ""])));
}

describe("renderCsv", () => {
  const rows = table(sampleModel());

  it("has one row per cell, brand and metric, with the rate's interval and n", () => {
    const overall = rows.filter((r) => r.period === "2026-W47" && r.engine === "all" && r.stage === "all");
    const fiken = overall.find((r) => r.brand === "Fiken" && r.metric === "mention_rate");
    expect(fiken).toMatchObject({
      question: "all",
      value: "0.526316",
      n: "114",
      directional: "false",
      gap: "false",
    });
    expect(Number(fiken?.low)).toBeCloseTo(0.4353, 4);
    expect(Number(fiken?.high)).toBeCloseTo(0.6156, 4);
    const metrics = new Set(overall.filter((r) => r.brand === "Tripletex").map((r) => r.metric));
    expect(metrics).toEqual(
      new Set(["mention_rate", "share_of_voice", "average_rank", "top1_rate", "brand_score", "word_share"]),
    );
    expect(overall.filter((r) => r.metric === "citation_rate").map((r) => r.brand)).toEqual(["Fiken"]);
    const cells = sampleModel().cells;
    expect(new Set(rows.map((r) => `${r.period}|${r.engine}|${r.stage}|${r.question}`)).size).toBe(
      cells.length,
    );
  });

  it("marks directional cells and writes a gap with empty values, never 0", () => {
    const question = rows.filter((r) => r.question === "q-lonn-smabedrift");
    expect(question.length).toBeGreaterThan(0);
    // n = 3 answers; only the citation share counts citations (11 of them) and stands on its own n.
    for (const r of question) expect(r.directional).toBe(r.metric === "citation_share" ? "false" : "true");
    expect(question.find((r) => r.brand === "Tripletex" && r.metric === "in_consideration_set")?.value).toBe(
      "1",
    );
    const gap = rows.filter(
      (r) => r.period === "2026-W47" && r.engine === "google-ai-overview" && r.stage === "all",
    );
    expect(gap.length).toBeGreaterThan(0);
    for (const r of gap) {
      expect(r.gap).toBe("true");
      if (r.metric === "mention_rate") expect(r).toMatchObject({ value: "", low: "", high: "", n: "0" });
    }
  });

  it("neutralises formulas in every text field and quotes per RFC 4180", () => {
    const base = sampleModel();
    const hostile = [
      '=HYPERLINK("x")',
      "+SUM(1,2)",
      "-2+3",
      "@cmd",
      "\tTAB",
      "\rCR",
      'say "hi", then\nleave',
      "Regnskapsfører på Østlandet, æøå",
    ];
    const cell = base.cells[0]!;
    const model: ReportModel = {
      ...base,
      cells: hostile.map((h, i) => ({
        ...cell,
        key: { ...cell.key, engine: h, question: `q${i}${i === 6 ? h : ""}` },
        brands: cell.brands.map((b, j) => (j === 0 ? { ...b, brand: h } : b)),
      })),
    };
    const out = table(model);
    for (const h of hostile) {
      const neutral = /^[=+\-@\t\r]/.test(h) ? `'${h}` : h;
      expect(out.some((r) => r.engine === neutral)).toBe(true);
      expect(out.some((r) => r.brand === neutral)).toBe(true);
    }
    for (const r of out) for (const v of Object.values(r)) expect(v).not.toMatch(/^[=+\-@\t\r]/);
    expect(csvField(HOSTILE.formula)).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField("Visma eAccounting")).toBe("Visma eAccounting");
    expect(csvField("a,b")).toBe('"a,b"');
  });

  it("ends every record with CRLF, has no bare line breaks, and is deterministic", () => {
    const text = renderCsv(sampleModel({ language: "nb" }));
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(renderCsv(sampleModel({ language: "nb" }))).toBe(text);
  });
});
