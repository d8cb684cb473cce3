import type { Formatter } from "./i18n-format.ts";
import type { Rate, Trend } from "./model.ts";
import {
  COLORS,
  chartHeading,
  el,
  fitText,
  line,
  polyline,
  type SvgChart,
  svgDocument,
  text,
  textWidth,
} from "./svg.ts";

/**
 * A weekly trend as a line chart: one line per series (the highlighted series thick, with its
 * 95 % band), hollow points where a value is directional, a break where a week is a gap, a dashed
 * rule where a marker says the line changed meaning (model or question text), and a legend with
 * each series' latest value.
 */
export interface TrendChartInput {
  trend: Trend;
  title: string;
  /** How to read the chart, one short line under the title. */
  key: string;
  /** Series drawn thick with its interval band (our brand), if present. */
  highlight: string | null;
  seriesLabel: (series: string) => string;
  fmt: Formatter;
  width: number;
}

const MARGIN = { left: 48, right: 16, plot: 190 };

function axisMax(trend: Trend): number {
  const highs = trend.points.flatMap((p) => Object.values(p.values).map((r) => r.high ?? r.value ?? 0));
  const max = Math.max(0.2, ...highs);
  return Math.min(1, Math.ceil(max * 5) / 5);
}

function colorOf(index: number, highlighted: boolean): string {
  return highlighted ? COLORS.own : (COLORS.competitors[index % COLORS.competitors.length] ?? COLORS.bar);
}

export function trendChart(input: TrendChartInput): SvgChart {
  const { trend, fmt, width } = input;
  const head = chartHeading(input.title, input.key, width);
  const body = head.body;
  const M = { ...MARGIN, top: head.bottom + 27 };
  const plotW = width - M.left - M.right;
  const count = Math.max(1, trend.points.length);
  const x = (i: number) => M.left + (count === 1 ? plotW / 2 : (plotW * i) / (count - 1));
  const top = axisMax(trend);
  const y = (v: number) => M.top + M.plot - (M.plot * v) / top;

  const step = top <= 0.4 ? 0.1 : 0.2;
  for (let k = 0; k * step <= top + 1e-9; k++) {
    const v = k * step;
    body.push(line(M.left, y(v), width - M.right, y(v), COLORS.grid));
    body.push(text(M.left - 6, y(v) + 4, fmt.percent(v), { size: 11, fill: COLORS.muted, anchor: "end" }));
  }
  const axisY = M.top + M.plot;
  trend.points.forEach((p, i) => {
    const label = fmt.shortPeriod(p.period).replace(/^\D+/, "");
    body.push(text(x(i), axisY + 17, label, { size: 11, fill: COLORS.muted, anchor: "middle" }));
  });
  body.push(
    text(width - M.right, axisY + 32, fmt.labels.columns.period, {
      size: 11,
      fill: COLORS.muted,
      anchor: "end",
    }),
  );

  const markerAt = new Map<number, string[]>();
  for (const m of trend.markers) {
    const i = trend.points.findIndex((p) => p.period === m.period);
    if (i < 0) continue;
    const kinds = markerAt.get(i) ?? [];
    const word = fmt.labels.markers[m.kind];
    if (!kinds.includes(word)) kinds.push(word);
    markerAt.set(i, kinds);
  }
  for (const [i, words] of [...markerAt.entries()].sort(([a], [b]) => a - b)) {
    const mx = i === 0 ? x(0) : (x(i - 1) + x(i)) / 2;
    body.push(line(mx, M.top - 6, mx, axisY, COLORS.marker, 1.2, "4 3"));
    body.push(
      text(mx + 4, M.top - 8, fitText(words.join(", "), 11, width - mx - 10), {
        size: 11,
        fill: COLORS.muted,
      }),
    );
  }

  const order = [...trend.series].sort(
    (a, b) => Number(a === input.highlight) - Number(b === input.highlight),
  );
  for (const series of order) {
    const highlighted = series === input.highlight;
    const color = colorOf(trend.series.indexOf(series), highlighted);
    const rates = trend.points.map((p) => p.values[series]);
    if (highlighted) body.push(band(rates, x, y));
    for (const segment of segments(rates)) {
      if (segment.length > 1)
        body.push(
          polyline(
            segment.map((i) => [x(i), y(rates[i]?.value ?? 0)]),
            color,
            highlighted ? 3 : 1.8,
          ),
        );
    }
    rates.forEach((r, i) => {
      if (!r || r.value === null) return;
      const fill = r.directional ? COLORS.background : color;
      body.push(
        el("circle", {
          cx: x(i),
          cy: y(r.value),
          r: highlighted ? 4 : 3,
          fill,
          stroke: color,
          "stroke-width": 1.5,
        }),
      );
    });
  }

  const legendTop = axisY + 48;
  // The current week's value; a gap shows as a dash rather than an older week's number.
  const entries = trend.series.map((series, i) => ({
    series,
    color: colorOf(i, series === input.highlight),
    text: `${input.seriesLabel(series)} ${fmt.percent(trend.points.at(-1)?.values[series]?.value ?? null)}`,
  }));
  // Two columns when every entry fits in one, else one column: a legend is never cut short.
  const twoColW = (width - M.left) / 2;
  const columns = entries.every((e) => textWidth(e.text, 12) <= twoColW - 30) ? 2 : 1;
  const colW = (width - M.left) / columns;
  entries.forEach((e, i) => {
    const lx = M.left + (i % columns) * colW;
    const ly = legendTop + Math.floor(i / columns) * 20;
    const highlighted = e.series === input.highlight;
    body.push(line(lx, ly - 4, lx + 18, ly - 4, e.color, highlighted ? 3 : 2));
    const label = fitText(e.text, 12, colW - 30);
    body.push(text(lx + 24, ly, label, { size: 12, weight: highlighted ? "bold" : "normal" }));
  });
  const height = legendTop + Math.ceil(entries.length / columns) * 20 + 4;
  return { svg: svgDocument(width, height, body), width, height };
}

/** Runs of consecutive weeks with a value: a gap week breaks the line instead of reading 0 %. */
function segments(rates: (Rate | undefined)[]): number[][] {
  const out: number[][] = [];
  let run: number[] = [];
  rates.forEach((r, i) => {
    if (r && r.value !== null) run.push(i);
    else if (run.length > 0) {
      out.push(run);
      run = [];
    }
  });
  if (run.length > 0) out.push(run);
  return out;
}

function band(rates: (Rate | undefined)[], x: (i: number) => number, y: (v: number) => number): string {
  return segments(rates)
    .filter((s) => s.length > 1)
    .map((s) => {
      const upper = s.map((i) => `${x(i).toFixed(1)},${y(rates[i]?.high ?? 0).toFixed(1)}`);
      const lower = [...s].reverse().map((i) => `${x(i).toFixed(1)},${y(rates[i]?.low ?? 0).toFixed(1)}`);
      return el("polygon", {
        points: [...upper, ...lower].join(" "),
        fill: COLORS.ownBand,
        "fill-opacity": "0.12",
      });
    })
    .join("\n");
}
