import type { Chart } from "./charts.ts";
import {
  block,
  type Column,
  changeHtml,
  css,
  dataTable,
  esc,
  FONT,
  muted,
  numberHtml,
  rateHtml,
  type SpanCell,
  sectionTitle,
} from "./email-html.ts";
import { finePrint } from "./headline.ts";
import { categoryLabel } from "./i18n.ts";
import type { Formatter } from "./i18n-format.ts";
import type { ReportModel } from "./model.ts";
import { COLORS } from "./svg.ts";

/**
 * The e-mail's tables (engines, leaderboard, cited domains and pages) and its chart images.
 * Images are inline attachments referenced by `cid:`; nothing is fetched from the network.
 */

/** The content-id of a chart's inline image; `renderEmail` attaches the PNG under the same id. */
export function chartCid(chart: Chart): string {
  return `${chart.id}@sightline`;
}

export function chartImage(chart: Chart): string {
  const img = `<img src="cid:${esc(chartCid(chart))}" width="${chart.width}" height="${chart.height}" alt="${esc(chart.title)}" style="${css({ display: "block", width: "100%", maxWidth: `${chart.width}px`, height: "auto", border: "0" })}">`;
  return block(img, "12px 24px 4px");
}

export function enginesTable(model: ReportModel, fmt: Formatter): string {
  const c = fmt.labels.columns;
  const columns: Column[] = [
    { header: c.engine, align: "left", width: 38 },
    { header: c.mentionRate, align: "right", width: 18 },
    { header: c.n, align: "right", width: 10 },
    { header: c.citationRate, align: "right", width: 12 },
    { header: c.change, align: "right", width: 22 },
  ];
  const rows = model.engines.map((e): (string | SpanCell)[] => {
    const served = e.servedModels.length > 0 ? `<br>${muted(esc(e.servedModels.join(", ")))}` : "";
    const n =
      e.failed > 0
        ? `${esc(fmt.number(e.n))}<br>${muted(`+${esc(fmt.number(e.failed))} ✗`)}`
        : esc(fmt.number(e.n));
    if (e.gap) {
      const failed = e.failed > 0 ? ` (${fmt.number(e.failed)} ✗)` : "";
      return [
        `${esc(e.label)}${served}`,
        { html: `${rateHtml(fmt, null)}${muted(esc(failed))}`, colspan: 4 },
      ];
    }
    return [
      `${esc(e.label)}${served}`,
      rateHtml(fmt, e.own?.mentionRate),
      n,
      esc(fmt.percent(e.citations.citationRate.value)),
      changeHtml(fmt, e.change),
    ];
  });
  return block(dataTable(columns, rows), "8px 24px 4px");
}

export function leaderboardTable(model: ReportModel, fmt: Formatter): string {
  const c = fmt.labels.columns;
  const columns: Column[] = [
    { header: c.brand, align: "left", width: 34 },
    { header: c.mentionRate, align: "right", width: 18 },
    { header: c.shareOfVoice, align: "right", width: 16 },
    { header: c.averageRank, align: "right", width: 14 },
    { header: c.top1, align: "right", width: 18 },
  ];
  const rows = model.leaderboard.map((b) => [
    b.role === "own"
      ? `<strong style="${css({ color: COLORS.own })}">${esc(b.brand)}</strong>`
      : esc(b.brand),
    rateHtml(fmt, b.mentionRate),
    esc(fmt.percent(b.shareOfVoice)),
    numberHtml(fmt, b.averageRank, 1),
    esc(fmt.percent(b.top1Rate.value)),
  ]);
  return block(dataTable(columns, rows), "8px 24px 4px");
}

function safeLink(url: string): string {
  const label = esc(url.replace(/^https?:\/\//, ""));
  if (!/^https?:\/\//i.test(url)) return label;
  return `<a href="${esc(url)}" style="${css({ color: COLORS.own, textDecoration: "none", wordBreak: "break-all" })}">${label}</a>`;
}

export function sourcesSection(model: ReportModel, fmt: Formatter): string {
  const c = fmt.labels.columns;
  let html = "";
  if (model.domains.length > 0) {
    const columns: Column[] = [
      { header: c.domain, align: "left", width: 34 },
      { header: c.category, align: "left", width: 18 },
      { header: c.citations, align: "right", width: 14 },
      { header: c.answerShare, align: "right", width: 16 },
      { header: c.change, align: "right", width: 18 },
    ];
    const rows = model.domains.map((d) => [
      d.owner === model.brand ? `<strong>${esc(d.domain)}</strong>` : esc(d.domain),
      muted(esc(categoryLabel(fmt.labels, d.category)), 12),
      esc(fmt.number(d.citations)),
      esc(fmt.percent(d.answerShare.value)),
      changeHtml(fmt, d.change, d.owner === model.brand ? "own" : "neutral"),
    ]);
    html += sectionTitle(fmt.labels.sections.domains) + block(dataTable(columns, rows));
  }
  if (model.pages.length > 0) {
    const columns: Column[] = [
      { header: c.page, align: "left", width: 64 },
      { header: c.category, align: "left", width: 20 },
      { header: c.citations, align: "right", width: 16 },
    ];
    const rows = model.pages.map((p) => [
      safeLink(p.url),
      muted(esc(categoryLabel(fmt.labels, p.category)), 12),
      esc(fmt.number(p.citations)),
    ]);
    html += sectionTitle(fmt.labels.sections.pages) + block(dataTable(columns, rows));
  }
  return html;
}

/** Totals, missed slots, definitions and caveats, in small print below the numbers. */
export function footer(model: ReportModel, fmt: Formatter): string {
  const fine = finePrint(model, fmt);
  const facts = fine.facts.map(
    (f) => `<div style="${css({ paddingBottom: 4, color: "#374151" })}">${esc(f)}</div>`,
  );
  const notes = fine.notes.map((n) => `<li style="${css({ paddingBottom: 4 })}">${esc(n)}</li>`).join("");
  const title = `<div style="${css({ fontWeight: "bold", fontSize: 13, color: "#374151", paddingBottom: 6 })}">${esc(fmt.labels.sections.definitions)}</div>`;
  const list = `<ul style="${css({ margin: "6px 0 0", paddingLeft: 16 })}">${notes}</ul>`;
  const inner = `${title}${facts.join("")}${list}<div style="${css({ paddingTop: 10 })}">${esc(fmt.labels.footer)}</div>`;
  return `<tr><td style="${css({ padding: "20px 24px 24px", background: "#f9fafb", borderTop: `1px solid ${COLORS.grid}`, fontFamily: FONT, fontSize: 12, color: COLORS.muted, lineHeight: "1.5" })}">${inner}</td></tr>`;
}
