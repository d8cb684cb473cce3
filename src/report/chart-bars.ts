import type { Formatter } from "./i18n-format.ts";
import type { Rate } from "./model.ts";
import { COLORS, chartHeading, el, fitText, line, type SvgChart, svgDocument, text } from "./svg.ts";

/**
 * Horizontal bars of rates with their 95 % intervals as whiskers: the leaderboard (one bar per
 * brand) and our brand per engine. Each label sits above its bar so long engine names fit. A
 * directional bar is drawn pale; a gap has no bar, only the words saying every attempt failed, so
 * it never looks like 0 %.
 */
export interface BarRow {
  label: string;
  rate: Rate;
  /** Our brand: drawn in the brand colour, the others in grey. */
  emphasis: boolean;
}

export interface BarChartInput {
  title: string;
  /** How to read the chart, one short line under the title. */
  key: string;
  rows: BarRow[];
  fmt: Formatter;
  width: number;
}

const VALUE_W = 96;
const ROW_H = 44;

export function barChart(input: BarChartInput): SvgChart {
  const { fmt, width } = input;
  const plotW = width - VALUE_W - 8;
  const x = (v: number) => plotW * Math.max(0, Math.min(1, v));
  const head = chartHeading(input.title, input.key, width);
  const body = head.body;
  // Rows start 13 px under the key's last line.
  const TOP = head.bottom + 13;
  const plotBottom = TOP + input.rows.length * ROW_H;

  for (const v of [0, 0.25, 0.5, 0.75, 1]) {
    body.push(
      line(x(v) + (v === 0 ? 0.5 : 0), TOP + 16, x(v) + (v === 0 ? 0.5 : 0), plotBottom, COLORS.grid),
    );
    const anchor = v === 0 ? "start" : v === 1 ? "end" : "middle";
    body.push(text(x(v), plotBottom + 15, fmt.percent(v), { size: 11, fill: COLORS.muted, anchor }));
  }

  input.rows.forEach((row, i) => {
    const top = TOP + i * ROW_H;
    const barTop = top + 20;
    const mid = barTop + 8;
    const r = row.rate;
    const sub =
      r.directional && r.value !== null
        ? `n = ${fmt.number(r.n)}, ${fmt.labels.directional}`
        : `n = ${fmt.number(r.n)}`;
    const label = fitText(row.label, 13, plotW * 0.7);
    body.push(text(0, top + 14, label, { size: 13, weight: row.emphasis ? "bold" : "normal" }));
    body.push(text(plotW, top + 14, sub, { size: 11, fill: COLORS.muted, anchor: "end" }));

    if (r.value === null) {
      body.push(
        text(4, mid + 4, fitText(fmt.labels.gap, 12, plotW - 8), {
          size: 12,
          fill: COLORS.muted,
          italic: true,
        }),
      );
      return;
    }
    body.push(
      el("rect", {
        x: 0,
        y: barTop,
        width: Math.max(1, x(r.value)),
        height: 16,
        rx: 2,
        fill: row.emphasis ? COLORS.own : COLORS.bar,
        "fill-opacity": r.directional ? "0.35" : undefined,
      }),
    );
    if (r.low !== null && r.high !== null) {
      body.push(line(x(r.low), mid, x(r.high), mid, COLORS.text, 1.4));
      body.push(line(x(r.low), mid - 5, x(r.low), mid + 5, COLORS.text, 1.4));
      body.push(line(x(r.high), mid - 5, x(r.high), mid + 5, COLORS.text, 1.4));
    }
    const valueX = width - VALUE_W + 12;
    const valueColor = row.emphasis ? COLORS.own : COLORS.text;
    body.push(text(valueX, mid - 2, fmt.percent(r.value), { size: 14, weight: "bold", fill: valueColor }));
    body.push(text(valueX, mid + 13, fmt.range(r), { size: 11, fill: COLORS.muted }));
  });
  const height = plotBottom + 22;
  return { svg: svgDocument(width, height, body), width, height };
}
