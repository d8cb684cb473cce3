import { block, css, esc, FONT, layoutTable, MONO, sectionTitle } from "./email-html.ts";
import { excerptPieces } from "./excerpt-view.ts";
import { comparable, noComparisonText } from "./headline.ts";
import { engineLabel, findingSentence } from "./i18n-findings.ts";
import type { Formatter } from "./i18n-format.ts";
import type { Excerpt, Finding, ReportModel } from "./model.ts";
import { COLORS } from "./svg.ts";

/**
 * "What changed": one block per finding, its sentence beside a coloured rule (red for our drop,
 * green for a rise, amber when a competitor overtook us, blue for an opportunity, grey for cited
 * domains), then the quoted answers with the command that shows each in full. Quotes are answer
 * text written by an AI engine: escaped piece by piece, the brand in bold.
 */
const RULE: Record<Finding["kind"], string> = {
  "own-dropped": COLORS.down,
  "own-rose": COLORS.up,
  "competitor-overtook": "#d97706",
  "domain-newly-cited": COLORS.axis,
  "domain-lost": COLORS.axis,
  opportunity: COLORS.own,
};

function quote(model: ReportModel, fmt: Formatter, excerpt: Excerpt): string {
  const p = excerptPieces(excerpt);
  const mark = p.mark
    ? `<strong style="${css({ background: "#fef08a", color: COLORS.text })}">${esc(p.mark)}</strong>`
    : "";
  const text = `${esc(p.before)}${mark}${esc(p.after)}`;
  const source = [engineLabel(model, excerpt.engine), excerpt.questionId, fmt.date(excerpt.askedAt)]
    .map(esc)
    .join(" · ");
  const command = `<code style="${css({ fontFamily: MONO, fontSize: 12, background: "#e5e7eb", padding: "1px 4px", color: COLORS.text, whiteSpace: "nowrap" })}">${esc(excerpt.command)}</code>`;
  return [
    `<div style="${css({ fontSize: 13, color: "#374151", fontStyle: "italic" })}">${esc(fmt.labels.quotes[0])}${text}${esc(fmt.labels.quotes[1])}</div>`,
    `<div style="${css({ fontSize: 11, color: COLORS.muted, paddingTop: 4 })}">${source} · ${esc(fmt.labels.showAnswer)}: ${command}</div>`,
  ].join("");
}

function findingBlock(model: ReportModel, fmt: Formatter, finding: Finding): string {
  const sentence = `<div style="${css({ fontSize: 14, fontWeight: "bold", color: COLORS.text })}">${esc(findingSentence(finding, model, fmt))}</div>`;
  const quotes = finding.excerpts
    .map(
      (e) =>
        `<tr><td style="${css({ padding: "8px 10px", background: "#f9fafb", borderTop: "6px solid #ffffff", fontFamily: FONT })}">${quote(model, fmt, e)}</td></tr>`,
    )
    .join("");
  const body = `<tr><td style="${css({ padding: "2px 0 6px 12px", fontFamily: FONT })}">${sentence}${quotes ? layoutTable(quotes) : ""}</td></tr>`;
  return layoutTable(body, "100%", css({ borderLeft: `4px solid ${RULE[finding.kind]}` }));
}

export function findingsSection(model: ReportModel, fmt: Formatter): string {
  const title = sectionTitle(fmt.labels.sections.findings);
  if (model.findings.length === 0) {
    return (
      title +
      block(
        `<div style="${css({ color: COLORS.muted })}">${esc(comparable(model) ? fmt.labels.noFindings : noComparisonText(model, fmt))}</div>`,
      )
    );
  }
  const blocks = model.findings
    .map((f) => findingBlock(model, fmt, f))
    .join(`<div style="${css({ height: 14, lineHeight: "14px", fontSize: 1 })}">&nbsp;</div>`);
  return title + block(blocks);
}
