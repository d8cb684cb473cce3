import { block, changeHtml, css, esc, FONT, layoutTable, muted, sectionTitle } from "./email-html.ts";
import { capitalise, comparable, type Headline, overallFinding } from "./headline.ts";
import { stageLabel } from "./i18n.ts";
import type { Formatter } from "./i18n-format.ts";
import type { Rate, ReportModel } from "./model.ts";
import { COLORS } from "./svg.ts";

/**
 * The top of the e-mail, what a reader sees before scrolling: the REPLAY warning, the brand and
 * period, the headline number with its interval and the biggest significant change, and one card
 * per stage.
 */
export function replayBanner(model: ReportModel, fmt: Formatter): string {
  if (!model.replay) return "";
  const style = css({
    padding: "14px 24px",
    background: "#fef3c7",
    borderBottom: "3px solid #d97706",
    fontFamily: FONT,
    fontSize: 14,
    color: "#78350f",
  });
  const tag = `<strong style="${css({ fontSize: 16, letterSpacing: "1px" })}">${esc(fmt.labels.replayTag)}</strong>`;
  return `<tr><td style="${style}">${tag}<br>${esc(fmt.labels.replayBanner)}</td></tr>`;
}

export function header(model: ReportModel, fmt: Formatter): string {
  const kicker = `SIGHTLINE · ${fmt.labels.reportTitle.toUpperCase()}`;
  const when = model.baseline
    ? `${capitalise(fmt.period(model.period))} · ${fmt.labels.comparedWith} ${fmt.period(model.baseline)}`
    : `${capitalise(fmt.period(model.period))} · ${fmt.labels.noBaseline}`;
  return block(
    [
      `<div style="${css({ fontSize: 11, letterSpacing: "1px", color: COLORS.muted, fontWeight: "bold" })}">${esc(kicker)}</div>`,
      `<div style="${css({ fontSize: 26, fontWeight: "bold", color: COLORS.text, padding: "4px 0 2px" })}">${esc(model.brand)}</div>`,
      `<div style="${css({ fontSize: 13, color: COLORS.muted })}">${esc(when)}</div>`,
    ].join(""),
    "24px 24px 8px",
  );
}

export function headlineBox(fmt: Formatter, head: Headline): string {
  const rate = head.own?.mentionRate ?? null;
  const big = rate && rate.value !== null ? fmt.percent(rate.value) : "–";
  const number = `<td width="132" valign="top" style="${css({ width: 132, padding: "16px 0 16px 18px", fontFamily: FONT, fontSize: 40, fontWeight: "bold", color: COLORS.own, lineHeight: "1", whiteSpace: "nowrap" })}">${esc(big)}</td>`;
  const down = (head.finding?.change?.delta ?? 0) < 0;
  const changeColor = head.finding ? (down ? COLORS.down : COLORS.up) : COLORS.muted;
  const changeLine = head.finding
    ? `<strong>${esc(fmt.labels.biggestChange)}:</strong> ${esc(head.changeSentence)}`
    : esc(head.changeSentence);
  const words = [
    `<div style="${css({ fontSize: 17, fontWeight: "bold", color: COLORS.text })}">${esc(head.rateSentence)}</div>`,
    head.interval
      ? `<div style="${css({ fontSize: 12, color: COLORS.muted, padding: "2px 0 8px" })}">${esc(head.interval)}</div>`
      : "",
    head.changeSentence
      ? `<div style="${css({ fontSize: 14, color: changeColor })}">${head.finding ? (down ? "▼ " : "▲ ") : ""}${changeLine}</div>`
      : "",
  ].join("");
  const text = `<td valign="top" style="${css({ padding: "16px 18px 16px 12px", fontFamily: FONT, lineHeight: "1.4" })}">${words}</td>`;
  const box = layoutTable(
    `<tr>${number}${text}</tr>`,
    "100%",
    css({ background: "#eff6ff", borderLeft: `4px solid ${COLORS.own}` }),
  );
  return block(box, "12px 24px 4px");
}

function card(
  fmt: Formatter,
  label: string,
  rate: Rate | null | undefined,
  n: number,
  change: string,
): string {
  const value = rate && rate.value !== null ? fmt.percent(rate.value) : "–";
  const sub =
    rate && rate.value !== null
      ? `${esc(fmt.labels.columns.interval)} ${esc(fmt.range(rate))} · n = ${esc(fmt.number(n))}`
      : esc(fmt.labels.gap);
  const directional = rate?.directional && rate.value !== null ? ` · ${esc(fmt.labels.directional)}` : "";
  return [
    `<div style="${css({ fontSize: 11, fontWeight: "bold", color: COLORS.muted, letterSpacing: "0.5px" })}">${esc(label.toUpperCase())}</div>`,
    `<div style="${css({ fontSize: 28, fontWeight: "bold", color: COLORS.text, padding: "4px 0 2px", lineHeight: "1.1" })}">${esc(value)}</div>`,
    `<div style="${css({ fontSize: 11, color: COLORS.muted, paddingBottom: 6 })}">${sub}${directional}</div>`,
    `<div style="${css({ fontSize: 12 })}">${change}</div>`,
  ].join("");
}

export function scorecard(model: ReportModel, fmt: Formatter, head: Headline): string {
  const overall = overallFinding(model);
  const overallChange: string =
    !comparable(model) || overall
      ? changeHtml(fmt, overall?.change ?? null)
      : muted(esc(fmt.labels.noSignificantChange), 12);
  const cards: string[] = [
    card(fmt, fmt.labels.allStages, head.own?.mentionRate, head.own?.mentionRate.n ?? 0, overallChange),
    ...model.scorecard.map((s) =>
      card(fmt, stageLabel(fmt.labels, s.stage), s.own?.mentionRate, s.n, changeHtml(fmt, s.change)),
    ),
  ];
  const perRow = Math.min(3, cards.length);
  const width = Math.floor(100 / perRow);
  const rows: string[] = [];
  for (let i = 0; i < cards.length; i += perRow) {
    const cells = cards
      .slice(i, i + perRow)
      .map(
        (html) =>
          `<td width="${width}%" valign="top" style="${css({ width: `${width}%`, padding: "12px 12px 14px", border: `1px solid ${COLORS.grid}`, fontFamily: FONT, background: "#ffffff" })}">${html}</td>`,
      );
    while (cells.length < perRow)
      cells.push(`<td width="${width}%" style="${css({ width: `${width}%` })}"></td>`);
    rows.push(`<tr>${cells.join("")}</tr>`);
  }
  return sectionTitle(fmt.labels.sections.scorecard) + block(layoutTable(rows.join("")));
}
