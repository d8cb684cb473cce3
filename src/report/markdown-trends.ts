import { capitalise, finePrint } from "./headline.ts";
import type { Labels } from "./i18n.ts";
import { engineLabel } from "./i18n-findings.ts";
import { table } from "./markdown-flavour.ts";
import type { Ctx } from "./markdown-sections.ts";
import type { Rate, ReportModel, Trend } from "./model.ts";

/**
 * Trend tables (series × week, with the markers where a line breaks), and the fine print that
 * closes every report: totals, missed slots, definitions and caveats.
 */

/**
 * A series is named by a brand or an id: the all-engines series `all` reads in the report's
 * language, other ids by the trend's label or else the engine's.
 */
export function seriesLabel(model: ReportModel, trend: Trend | null, series: string, labels: Labels): string {
  const label = trend?.seriesLabels?.[series];
  if (series === "all" && (!label || label === "all")) return labels.allEngines;
  if (label) return label;
  return model.engines.some((e) => e.engine === series) ? engineLabel(model, series) : series;
}

function trendTable(ctx: Ctx, trend: Trend): string[] {
  const { fmt, fl } = ctx;
  const value = (rate: Rate | undefined) => {
    if (!rate || rate.value === null) return "–";
    return rate.directional ? `${fmt.percent(rate.value)}*` : fmt.percent(rate.value);
  };
  const headers = ["", ...trend.points.map((p) => fl.text(fmt.shortPeriod(p.period)))];
  const rows = trend.series.map((s) => [
    fl.text(seriesLabel(ctx.model, trend, s, fmt.labels)),
    ...trend.points.map((p) => value(p.values[s])),
  ]);
  const lines = [
    fl.heading(3, fl.text(capitalise(trend.title))),
    "",
    ...table(headers, rows, ["left", ...trend.points.map(() => "right" as const)]),
    "",
  ];
  const directional = trend.points.some((p) =>
    Object.values(p.values).some((r) => r.directional && r.value !== null),
  );
  if (directional) lines.push(fl.text(`* ${fmt.labels.directional} (n < 10)`), "");
  for (const m of trend.markers) {
    const what = `${fmt.shortPeriod(m.period)}: ${fmt.labels.markers[m.kind]}, ${seriesLabel(ctx.model, trend, m.subject, fmt.labels)}: ${m.detail}`;
    lines.push(`- ${fl.text(what)}`);
  }
  if (trend.markers.length > 0) lines.push("");
  return lines;
}

export function trends(ctx: Ctx): string[] {
  if (ctx.model.trends.length === 0) return [];
  const { fmt, fl } = ctx;
  return [
    fl.heading(2, fl.text(fmt.labels.sections.trends)),
    "",
    ...ctx.model.trends.flatMap((t) => trendTable(ctx, t)),
  ];
}

export function notes(ctx: Ctx): string[] {
  const { model, fmt, fl } = ctx;
  const fine = finePrint(model, fmt);
  const lines = [fl.heading(2, fl.text(fmt.labels.sections.definitions)), ""];
  for (const line of [...fine.facts, ...fine.notes]) lines.push(`- ${fl.text(line)}`);
  return [...lines, "", fl.text(fmt.labels.footer), ""];
}
