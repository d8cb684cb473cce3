import { barChart } from "./chart-bars.ts";
import { trendChart } from "./chart-trend.ts";
import { capitalise } from "./headline.ts";
import { formatterFor } from "./i18n-format.ts";
import { seriesLabel } from "./markdown-trends.ts";
import type { Rate, ReportModel, Trend } from "./model.ts";
import type { SvgChart } from "./svg.ts";

/**
 * The charts of a report as SVG, pure functions of the model: one line chart per trend, the
 * leaderboard and our brand per engine as bars with interval whiskers. The e-mail turns them into
 * PNG (`chart-png.ts`) and references each by `id`.
 */
export interface Chart extends SvgChart {
  /** Stable within a model: `trend-1`, `leaderboard`, `engines`. */
  id: string;
  /** Also the image's alt text. */
  title: string;
}

/** Width of the e-mail's content column; charts are drawn at this size and rendered at 2×. */
export const CHART_WIDTH = 552;

const GAP_RATE: Rate = { value: null, successes: 0, n: 0, low: null, high: null, directional: true };

function highlightOf(model: ReportModel, trend: Trend): string | null {
  if (trend.series.includes(model.brand)) return model.brand;
  return trend.series.includes("all") ? "all" : null;
}

export function reportCharts(model: ReportModel): Chart[] {
  const fmt = formatterFor(model.language, model.timezone);
  const charts: Chart[] = model.trends
    .filter((t) => t.points.length > 0 && t.series.length > 0)
    .map((trend, i) => {
      const highlight = highlightOf(model, trend);
      return {
        id: `trend-${i + 1}`,
        title: capitalise(trend.title),
        ...trendChart({
          trend,
          title: capitalise(trend.title),
          key: capitalise(
            fmt.labels.charts.trendKey(
              highlight === null ? null : seriesLabel(model, trend, highlight, fmt.labels),
            ),
          ),
          highlight,
          seriesLabel: (s) => seriesLabel(model, trend, s, fmt.labels),
          fmt,
          width: CHART_WIDTH,
        }),
      };
    });
  if (model.leaderboard.length > 0) {
    const title = fmt.labels.charts.leaderboard;
    const rows = model.leaderboard.map((b) => ({
      label: b.brand,
      rate: b.mentionRate,
      emphasis: b.role === "own",
    }));
    charts.push({
      id: "leaderboard",
      title,
      ...barChart({ title, key: fmt.labels.charts.barKey, rows, fmt, width: CHART_WIDTH }),
    });
  }
  if (model.engines.length > 0) {
    const title = fmt.labels.charts.engines(model.brand);
    const rows = model.engines.map((e) => ({
      label: e.label,
      rate: e.gap ? GAP_RATE : (e.own?.mentionRate ?? GAP_RATE),
      emphasis: true,
    }));
    charts.push({
      id: "engines",
      title,
      ...barChart({ title, key: fmt.labels.charts.barKey, rows, fmt, width: CHART_WIDTH }),
    });
  }
  return charts;
}
