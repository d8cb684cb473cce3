import type { Formatter } from "./i18n-format.ts";
import type { Change, Rate } from "./model.ts";
import { COLORS } from "./svg.ts";

/**
 * HTML building blocks for e-mail clients. Gmail drops `<style>` in many cases and Outlook for
 * Windows renders with Word, so layout is tables with widths and every style is inline; no
 * flexbox, grid, positioning or web fonts. Every piece of text goes through `esc`.
 */
export function esc(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

export const FONT = "Arial,Helvetica,sans-serif";
export const MONO = "Consolas,Menlo,'Courier New',monospace";

/** `{ color: "#111" }` → `color:#111`; undefined values are left out. */
export function css(styles: Record<string, string | number | undefined>): string {
  return Object.entries(styles)
    .filter(([, v]) => v !== undefined)
    .map(
      ([k, v]) =>
        `${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}:${typeof v === "number" ? `${v}px` : v}`,
    )
    .join(";");
}

/** A layout table: no spacing, no border, full width unless told. */
export function layoutTable(rows: string, width = "100%", style = ""): string {
  const w = width.endsWith("%") ? width : `${width}px`;
  return `<table role="presentation" width="${width.replace("px", "")}" cellpadding="0" cellspacing="0" border="0" style="${css({ width: w, borderCollapse: "collapse" })}${style ? `;${style}` : ""}">${rows}</table>`;
}

export function sectionTitle(title: string): string {
  return `<tr><td style="${css({ padding: "28px 24px 10px", fontFamily: FONT, fontSize: 18, fontWeight: "bold", color: COLORS.text })}">${esc(title)}</td></tr>`;
}

/** A row of the outer layout holding any block, padded to the content column. */
export function block(html: string, padding = "0 24px"): string {
  return `<tr><td style="${css({ padding, fontFamily: FONT, fontSize: 14, color: COLORS.text, lineHeight: "1.45" })}">${html}</td></tr>`;
}

export type Align = "left" | "right";

export interface Column {
  header: string;
  align: Align;
  /** Width in percent of the table, or undefined to share the rest. */
  width?: number;
}

/**
 * A data table. Cells are HTML (already escaped by the caller); numbers align right with tabular
 * figures so columns of percentages line up.
 */
/** A cell spanning several columns, left-aligned (a gap row's words instead of its numbers). */
export interface SpanCell {
  html: string;
  colspan: number;
}

export function dataTable(columns: Column[], rows: (string | SpanCell)[][]): string {
  const cell = (align: Align, header: boolean, width?: number) =>
    css({
      padding: header ? "6px 6px" : "8px 6px",
      textAlign: align,
      verticalAlign: "top",
      fontFamily: FONT,
      fontSize: header ? 11 : 13,
      color: header ? COLORS.muted : COLORS.text,
      fontWeight: header ? "bold" : undefined,
      borderBottom: `1px solid ${header ? "#d1d5db" : COLORS.grid}`,
      fontVariantNumeric: align === "right" ? "tabular-nums" : undefined,
      width: width === undefined ? undefined : `${width}%`,
    });
  const head = columns
    .map((c) => `<th align="${c.align}" style="${cell(c.align, true, c.width)}">${esc(c.header)}</th>`)
    .join("");
  const row = (cells: (string | SpanCell)[]) => {
    let column = 0;
    const tds = cells.map((c) => {
      const span = typeof c === "string" ? 1 : c.colspan;
      const align = span > 1 ? "left" : (columns[column]?.align ?? "left");
      column += span;
      const colspan = span > 1 ? ` colspan="${span}"` : "";
      return `<td${colspan} align="${align}" style="${cell(align, false)}">${typeof c === "string" ? c : c.html}</td>`;
    });
    return `<tr>${tds.join("")}</tr>`;
  };
  const body = rows.map(row).join("");
  return layoutTable(`<tr>${head}</tr>${body}`);
}

/** Secondary text under or beside a number: intervals, n, served models. */
export function muted(html: string, size = 11): string {
  return `<span style="${css({ color: COLORS.muted, fontSize: size })}">${html}</span>`;
}

/**
 * How a rate and a change look in the e-mail: the number strong, its interval muted beneath,
 * "directional" beside a small n, a gap in words. A change is coloured only when it is
 * significant; anything else reads "no significant change" in grey (spec §6).
 */
export function rateHtml(
  fmt: Formatter,
  rate: Rate | null | undefined,
  options: { interval?: boolean } = {},
): string {
  if (!rate || rate.value === null)
    return `<em style="${css({ color: COLORS.muted })}">${esc(fmt.labels.gap)}</em>`;
  const value = `<strong style="${css({ whiteSpace: "nowrap" })}">${esc(fmt.percent(rate.value))}</strong>`;
  const lines =
    options.interval === false
      ? []
      : [`<span style="${css({ whiteSpace: "nowrap" })}">${esc(fmt.range(rate))}</span>`];
  if (rate.directional) lines.push(esc(fmt.labels.directional));
  return [value, ...lines.map((l) => muted(l))].join("<br>");
}

/** `own`: our brand's numbers (down is bad, red); `neutral`: anyone else's (no colour judgement). */
export type Tone = "own" | "neutral";

export function changeHtml(fmt: Formatter, change: Change | null, tone: Tone = "own"): string {
  if (!change) return muted(esc(fmt.labels.noBaselineShort), 12);
  if (change.to.value === null || change.from.value === null) return muted("–", 12);
  if (!change.significant || change.delta === null) return muted(esc(fmt.labels.noSignificantChange), 12);
  const down = change.delta < 0;
  const color = tone === "neutral" ? COLORS.text : down ? COLORS.down : COLORS.up;
  const arrow = down ? "▼" : "▲";
  const p = change.pValue === null ? "" : `<br>${muted(esc(fmt.pValue(change.pValue)))}`;
  return `<strong style="${css({ color, whiteSpace: "nowrap" })}">${arrow} ${esc(fmt.points(change.delta))}</strong>${p}`;
}

/** Plain number cell, e.g. n or citations. */
export function numberHtml(fmt: Formatter, value: number | null, digits = 0): string {
  return value === null ? muted("–") : esc(fmt.number(value, digits));
}
