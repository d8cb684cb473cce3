import { svgToPng } from "./chart-png.ts";
import { type Chart, reportCharts } from "./charts.ts";
import { findingsSection } from "./email-findings.ts";
import { css, esc, FONT, sectionTitle } from "./email-html.ts";
import {
  chartCid,
  chartImage,
  enginesTable,
  footer,
  leaderboardTable,
  sourcesSection,
} from "./email-tables.ts";
import { header, headlineBox, replayBanner, scorecard } from "./email-top.ts";
import { headline, subjectLine } from "./headline.ts";
import { formatterFor } from "./i18n-format.ts";
import type { ReportModel } from "./model.ts";
import { renderPlainText } from "./render-markdown.ts";
import { COLORS } from "./svg.ts";

/**
 * The weekly report as an e-mail: a subject in the model's language with the brand and the
 * headline change, an HTML part for mail clients (600 px, tables and inline styles, charts as
 * inline PNG attachments referenced by `cid:`, no remote content, no script), and a plain-text
 * part. Pure: the same model gives the same subject, HTML, text and image bytes.
 */
export interface EmailImage {
  /** Content-ID without angle brackets; the HTML references it as `cid:<cid>`. */
  cid: string;
  filename: string;
  png: Buffer;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  images: EmailImage[];
}

export const EMAIL_WIDTH = 600;

export function renderEmail(model: ReportModel): RenderedEmail {
  const charts = reportCharts(model);
  const fmt = formatterFor(model.language, model.timezone);
  return {
    subject: subjectLine(model, fmt),
    html: emailHtml(model, charts),
    text: renderPlainText(model),
    images: charts.map((c) => ({ cid: chartCid(c), filename: `${c.id}.png`, png: svgToPng(c.svg, c.width) })),
  };
}

/** The HTML part alone (its images come from `renderEmail`). */
export function renderEmailHtml(model: ReportModel): string {
  return emailHtml(model, reportCharts(model));
}

function emailHtml(model: ReportModel, charts: Chart[]): string {
  const fmt = formatterFor(model.language, model.timezone);
  const head = headline(model, fmt);
  const chart = (id: string) =>
    charts
      .filter((c) => c.id === id)
      .map(chartImage)
      .join("");
  const laterTrends = charts
    .filter((c) => c.id.startsWith("trend-") && c.id !== "trend-1")
    .map(chartImage)
    .join("");
  const rows = [
    replayBanner(model, fmt),
    header(model, fmt),
    headlineBox(fmt, head),
    scorecard(model, fmt, head),
    chart("trend-1"),
    findingsSection(model, fmt),
    model.engines.length > 0 ? sectionTitle(fmt.labels.sections.engines) : "",
    chart("engines"),
    model.engines.length > 0 ? enginesTable(model, fmt) : "",
    laterTrends,
    model.leaderboard.length > 0 ? sectionTitle(fmt.labels.sections.leaderboard) : "",
    chart("leaderboard"),
    model.leaderboard.length > 0 ? leaderboardTable(model, fmt) : "",
    sourcesSection(model, fmt),
    `<tr><td style="${css({ height: 24, lineHeight: "24px", fontSize: 1 })}">&nbsp;</td></tr>`,
    footer(model, fmt),
  ].join("\n");
  const preheader = [head.rateSentence, head.changeSentence].filter(Boolean).join(". ");
  const subject = subjectLine(model, fmt);
  return [
    "<!DOCTYPE html>",
    `<html lang="${model.language === "nb" ? "nb" : "en"}">`,
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light"><title>${esc(subject)}</title></head>`,
    `<body style="${css({ margin: "0", padding: "0", background: "#f3f4f6" })}">`,
    `<div style="${css({ display: "none", msoHide: "all", maxHeight: "0", overflow: "hidden", opacity: "0", fontSize: 1, lineHeight: "1px", color: "#f3f4f6" })}">${esc(preheader)}</div>`,
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="${css({ width: "100%", background: "#f3f4f6" })}"><tr><td align="center" style="${css({ padding: "24px 8px" })}">`,
    `<table role="presentation" width="${EMAIL_WIDTH}" cellpadding="0" cellspacing="0" border="0" style="${css({ width: `${EMAIL_WIDTH}px`, maxWidth: `${EMAIL_WIDTH}px`, background: "#ffffff", border: `1px solid ${COLORS.grid}`, borderCollapse: "collapse", fontFamily: FONT })}">`,
    rows,
    "</table>",
    "</td></tr></table>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
