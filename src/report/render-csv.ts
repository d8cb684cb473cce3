import type { MetricCell, Rate, ReportModel } from "./model.ts";

/**
 * The report's metric cells as CSV, one row per cell × brand × metric, for spreadsheets and BI
 * tools. RFC 4180: comma-separated, CRLF line ends, a field with a comma, quote or line break is
 * quoted with inner quotes doubled. Values are machine numbers (fractions, dot decimal), not the
 * localised text of the other renderers; a rolled-up dimension reads `all`; a gap has empty values.
 *
 * Brand names, engine ids and question ids come from user files and could start with `=`, `+`,
 * `-`, `@`, a tab or a carriage return, which spreadsheet programs run as a formula (CSV
 * injection). Such a field gets a leading `'` (OWASP), which shows as text and runs nothing.
 */
export const CSV_COLUMNS = [
  "period",
  "engine",
  "stage",
  "question",
  "brand",
  "metric",
  "value",
  "low",
  "high",
  "n",
  "directional",
  "gap",
] as const;

type Row = Record<(typeof CSV_COLUMNS)[number], string>;

const ALL = "all";

/** Neutralises a spreadsheet formula, then quotes per RFC 4180 when needed. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Up to 6 decimals, never exponent notation, no trailing zeros. */
function num(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return "";
  return value.toFixed(6).replace(/\.?0+$/, "") || "0";
}

function rows(cell: MetricCell, ownBrand: string, tracked: readonly string[]): Row[] {
  const base = {
    period: cell.key.period,
    engine: cell.key.engine ?? ALL,
    stage: cell.key.stage ?? ALL,
    question: cell.key.question ?? ALL,
    gap: String(cell.gap),
  };
  const out: Row[] = [];
  // A value without an interval is directional when its cell is (n < 10 answers, spec §6).
  const plain = (brand: string, metric: string, value: number | null, n: number) =>
    out.push({
      ...base,
      brand,
      metric,
      value: num(value),
      low: "",
      high: "",
      n: String(n),
      directional: String(cell.n < 10),
    });
  const rate = (brand: string, metric: string, r: Rate) =>
    out.push({
      ...base,
      brand,
      metric,
      value: num(r.value),
      low: num(r.low),
      high: num(r.high),
      n: String(r.n),
      directional: String(r.directional),
    });

  if (cell.brands.length === 0) {
    // A gap cell built without brand rows still says, per brand, that there is nothing to show.
    for (const brand of tracked) plain(brand, "mention_rate", null, cell.n);
  }
  for (const b of cell.brands) {
    rate(b.brand, "mention_rate", b.mentionRate);
    plain(b.brand, "share_of_voice", b.shareOfVoice, cell.n);
    plain(b.brand, "average_rank", b.averageRank, b.mentionRate.successes);
    rate(b.brand, "top1_rate", b.top1Rate);
    plain(b.brand, "brand_score", b.brandScore, cell.n);
    plain(b.brand, "word_share", b.wordShare, cell.n);
    if (cell.key.question !== null) {
      plain(
        b.brand,
        "in_consideration_set",
        cell.gap ? null : Number(cell.considerationSet.includes(b.brand)),
        cell.n,
      );
    }
  }
  rate(ownBrand, "citation_rate", cell.citations.citationRate);
  rate(ownBrand, "citation_share", cell.citations.citationShare);
  plain("", "stability", cell.stability, cell.n);
  return out;
}

export function renderCsv(model: ReportModel): string {
  const tracked = [model.brand, ...model.competitors];
  const lines = [CSV_COLUMNS.join(",")];
  for (const cell of model.cells) {
    for (const row of rows(cell, model.brand, tracked)) {
      lines.push(CSV_COLUMNS.map((c) => csvField(row[c])).join(","));
    }
  }
  return `${lines.join("\r\n")}\r\n`;
}
