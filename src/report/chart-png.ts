import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import { FONT_FAMILY } from "./svg.ts";

/**
 * SVG → PNG with resvg and the DejaVu Sans files shipped in `dejavu-fonts-ttf`. System fonts are
 * never loaded: the same SVG gives the same bytes on every machine, and a server without fonts
 * still draws text.
 */
const require = createRequire(import.meta.url);

let fontFiles: string[] | null = null;

function bundledFonts(): string[] {
  if (!fontFiles) {
    const dir = join(dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
    fontFiles = [
      join(dir, "DejaVuSans.ttf"),
      join(dir, "DejaVuSans-Bold.ttf"),
      join(dir, "DejaVuSans-Oblique.ttf"),
    ];
  }
  return fontFiles;
}

/** Renders at `scale` × the SVG's own width (2 for sharp images on high-density screens). */
export function svgToPng(svg: string, width: number, scale = 2): Buffer {
  const resvg = new Resvg(svg, {
    font: { fontFiles: bundledFonts(), loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
    fitTo: { mode: "width", value: Math.round(width * scale) },
    background: "#ffffff",
    logLevel: "off",
  });
  return resvg.render().asPng();
}
