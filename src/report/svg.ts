/**
 * Small SVG builders for the charts. Output is a plain string with coordinates rounded to 0.1 px,
 * so the same model always gives the same bytes (and the same PNG). All text uses DejaVu Sans,
 * the font `chart-png.ts` bundles, so widths do not depend on the machine.
 */
export const FONT_FAMILY = "DejaVu Sans";

/** Colours shared by the charts and the e-mail, so a brand has one colour everywhere. */
export const COLORS = {
  own: "#1d4ed8",
  ownBand: "#1d4ed8",
  competitors: ["#d97706", "#0f766e", "#7c3aed", "#db2777", "#64748b", "#65a30d", "#0891b2"],
  bar: "#94a3b8",
  text: "#111827",
  muted: "#6b7280",
  grid: "#e5e7eb",
  axis: "#9ca3af",
  marker: "#9ca3af",
  down: "#b91c1c",
  up: "#15803d",
  background: "#ffffff",
} as const;

export function escapeXml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** Rounds to 0.1 px; `-0` prints as `0`. */
export function px(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return Object.is(rounded, -0) ? "0" : String(rounded);
}

type Attrs = Record<string, string | number | undefined>;

function attrs(a: Attrs): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}="${typeof v === "number" ? px(v) : escapeXml(v as string)}"`)
    .join(" ");
}

export function el(name: string, a: Attrs, children = ""): string {
  return children ? `<${name} ${attrs(a)}>${children}</${name}>` : `<${name} ${attrs(a)}/>`;
}

export interface TextOptions {
  size?: number;
  weight?: "normal" | "bold";
  fill?: string;
  anchor?: "start" | "middle" | "end";
  italic?: boolean;
}

export function text(x: number, y: number, content: string, o: TextOptions = {}): string {
  return el(
    "text",
    {
      x,
      y,
      "font-family": FONT_FAMILY,
      "font-size": o.size ?? 11,
      "font-weight": o.weight === "bold" ? "bold" : undefined,
      "font-style": o.italic ? "italic" : undefined,
      fill: o.fill ?? COLORS.text,
      "text-anchor": o.anchor && o.anchor !== "start" ? o.anchor : undefined,
    },
    escapeXml(content),
  );
}

export function line(
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  stroke: string,
  width = 1,
  dash?: string,
): string {
  return el("line", { x1, y1, x2, y2, stroke, "stroke-width": width, "stroke-dasharray": dash });
}

export function polyline(points: [number, number][], stroke: string, width: number): string {
  return el("polyline", {
    points: points.map(([x, y]) => `${px(x)},${px(y)}`).join(" "),
    fill: "none",
    stroke,
    "stroke-width": width,
    "stroke-linejoin": "round",
    "stroke-linecap": "round",
  });
}

/** An SVG chart and its size in CSS pixels. */
export interface SvgChart {
  svg: string;
  width: number;
  height: number;
}

export function svgDocument(width: number, height: number, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${px(width)}" height="${px(height)}" viewBox="0 0 ${px(width)} ${px(height)}">`,
    el("rect", { x: 0, y: 0, width, height, fill: COLORS.background }),
    ...body,
    "</svg>",
  ].join("\n");
}

/** A rough width of a text in DejaVu Sans: 0.62 em a character, a little wide for safety. */
export function textWidth(value: string, size: number): number {
  return [...value].length * size * 0.62;
}

/** Keeps a label inside a width budget (see `textWidth`), ending it with `…` when cut. */
export function fitText(value: string, size: number, maxWidth: number): string {
  const max = Math.max(1, Math.floor(maxWidth / (size * 0.62)));
  const chars = [...value];
  return chars.length <= max ? value : `${chars.slice(0, max - 1).join("")}…`;
}

/**
 * A chart's title and its one- or two-line key (how to read it), wrapped at ` · ` separators.
 * Returns the y of the key's last baseline, for the plot to start below it.
 */
export function chartHeading(title: string, key: string, width: number): { body: string[]; bottom: number } {
  const lines: string[] = [];
  for (const part of key.split(" · ")) {
    const last = lines.at(-1);
    if (last !== undefined && textWidth(`${last} · ${part}`, 11) <= width)
      lines[lines.length - 1] = `${last} · ${part}`;
    else lines.push(part);
  }
  const shown = lines.slice(0, 2);
  const body = [
    text(0, 18, fitText(title, 14, width), { size: 14, weight: "bold" }),
    ...shown.map((l, i) => text(0, 37 + i * 15, fitText(l, 11, width), { size: 11, fill: COLORS.muted })),
  ];
  return { body, bottom: 37 + (shown.length - 1) * 15 };
}
