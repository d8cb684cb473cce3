import { describe, expect, it } from "vitest";
import { svgToPng } from "../../src/report/chart-png.ts";
import { reportCharts } from "../../src/report/charts.ts";
import { esc } from "../../src/report/email-html.ts";
import { excerptPieces } from "../../src/report/excerpt-view.ts";
import { renderEmail, renderEmailHtml } from "../../src/report/render-email.ts";
import { sampleModel } from "../fixtures/report/sample-model.ts";

const plain = (s: string) => s.replace(/[\u00a0\u202f\u2009]/g, " ");
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const en = renderEmail(sampleModel({ language: "en" }));
const nb = renderEmail(sampleModel({ language: "nb" }));

describe("renderEmail: structure", () => {
  it("stays under Gmail's clipping size and uses only table layout with inline styles", () => {
    for (const mail of [en, nb]) {
      expect(Buffer.byteLength(mail.html, "utf8")).toBeLessThan(100 * 1024);
      expect(mail.html).not.toMatch(/<script|<style|<link|<iframe|<form|<object/i);
      expect(mail.html).not.toMatch(/display:\s*(flex|grid)|position:\s*(absolute|fixed)/i);
      const tags = mail.html.match(/<[a-zA-Z][^>]*>/g) ?? [];
      for (const tag of tags) expect(tag).not.toMatch(/\son[a-z]+\s*=/i);
      expect(mail.html).toMatch(/<table role="presentation" width="600"/);
    }
  });

  it("references every inline image by cid and attaches every image it references", () => {
    for (const mail of [en, nb]) {
      const sources = [...mail.html.matchAll(/<img\b[^>]*\bsrc="([^"]*)"/g)].map((m) => m[1] ?? "");
      expect(sources.length).toBe(mail.images.length);
      for (const src of sources) expect(src).toMatch(/^cid:/);
      expect(mail.html).not.toMatch(/src="https?:|url\(/i);
      const referenced = new Set(sources.map((s) => s.slice(4)));
      expect(referenced).toEqual(new Set(mail.images.map((i) => i.cid)));
      expect(new Set(mail.images.map((i) => i.filename)).size).toBe(mail.images.length);
    }
    expect(en.images.map((i) => i.cid)).toEqual([
      "trend-1@sightline",
      "trend-2@sightline",
      "leaderboard@sightline",
      "engines@sightline",
    ]);
  });

  it("escapes every piece of answer text", () => {
    expect(en.html).not.toContain("<script>alert(1)</script>");
    expect(en.html).not.toContain("<img src=x");
    expect(en.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(en.html).toContain("&lt;img src=x onerror=alert(2)&gt;");
    expect(en.html).toContain("&quot;enkelt&quot; &amp; rimelig");
    expect(en.html).toContain("=HYPERLINK(&quot;x&quot;)");
    for (const finding of sampleModel().findings) {
      for (const excerpt of finding.excerpts) {
        const p = excerptPieces(excerpt);
        expect(en.html).toContain(esc(p.before));
        expect(en.html).toContain(esc(p.after));
        expect(en.html).toContain(esc(excerpt.command));
      }
    }
    // The highlighted brand is marked inside the escaped quote.
    expect(en.html).toMatch(/bedrifter; <strong style="[^"]*">Fiken<\/strong> nevnes/);
  });

  it("links cited pages only over http(s), with escaped URLs", () => {
    expect(en.html).toContain('href="https://regnskapsforum.no/t/fiken-vs-tripletex?side=2&amp;sort=ny"');
    const model = sampleModel();
    model.pages = [{ ...model.pages[0]!, url: "javascript:alert(1)" }];
    expect(renderEmailHtml(model)).not.toContain('href="javascript:');
  });
});

describe("renderEmail: language, subject and replay", () => {
  it("writes the subject with the brand and the headline change in the model's language", () => {
    expect(en.subject).toBe(
      "Fiken · AI visibility report, week 47, 2026: mention rate on ChatGPT (gpt-6-luna, web) −31 pts (72% → 42%)",
    );
    expect(plain(nb.subject)).toBe(
      "Fiken · KI-synlighetsrapport, uke 47, 2026: omtalerate i ChatGPT (gpt-6-luna, web) −31 pp (72 % → 42 %)",
    );
    const quiet = renderEmail({ ...sampleModel({ language: "nb" }), findings: [] });
    expect(plain(quiet.subject)).toMatch(/: nevnt i 53 % av svarene, ingen signifikant endring$/);
    expect(plain(quiet.html)).toContain("Ingen signifikant endring");
  });

  it("uses the labels and number formats of the language", () => {
    const html = plain(nb.html);
    expect(nb.html).toContain('<html lang="nb">');
    expect(html).toContain("Fiken ble nevnt i 53 % av KI-svarene");
    expect(html).toContain("95 % KI 44–62 %, n = 114");
    expect(html).toContain("Nøkkeltall");
    expect(html).toContain("ingen signifikant endring");
    expect(html).toContain("retningsgivende");
    expect(html).toContain("ingen svar: alle forsøk feilet");
    expect(html).toContain("p = 0,009");
    expect(html).toContain("Slik leser du rapporten");
    expect(html).not.toContain("Mention rate");
    expect(en.html).toContain('<html lang="en">');
    expect(en.html).toContain("95% CI 44–62%, n = 114");
    expect(en.html).toContain("How to read this report");
    expect(en.html).not.toContain("Nøkkeltall");
  });

  it("says REPLAY in the subject, the HTML and the text when the answers were replayed", () => {
    const replay = renderEmail(sampleModel({ language: "en", replay: true }));
    expect(replay.subject.startsWith("[REPLAY] Fiken")).toBe(true);
    expect(replay.html).toMatch(/<strong[^>]*>REPLAY<\/strong>/);
    expect(replay.html.indexOf("REPLAY")).toBeLessThan(replay.html.indexOf("Fiken was mentioned"));
    expect(replay.text.split("\n")[0]).toMatch(/^REPLAY · Fiken/);
    expect(en.html).not.toContain("REPLAY");
    expect(en.subject).not.toContain("REPLAY");
  });

  it("has a plain-text part with the same report", () => {
    expect(en.text).toContain("Fiken was mentioned in 53% of AI answers (95% CI 44–62%, n = 114).");
    expect(en.text).toContain("sightline answers show 4812");
    expect(en.text).not.toMatch(/<\/?(table|td|strong)/);
  });
});

describe("chart PNGs", () => {
  it("are valid PNGs at twice the chart width", () => {
    const charts = reportCharts(sampleModel());
    for (const image of en.images) {
      expect(image.png.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
      expect(image.png.length).toBeGreaterThan(10_000);
      const chart = charts.find((c) => `${c.id}@sightline` === image.cid);
      // IHDR: width and height are the first two big-endian words after the chunk header.
      expect(image.png.readUInt32BE(16)).toBe(chart!.width * 2);
      expect(image.png.readUInt32BE(20)).toBe(Math.round(chart!.height * 2));
    }
  });

  it("are deterministic: the same model gives the same bytes", () => {
    const again = renderEmail(sampleModel({ language: "en" }));
    expect(again.html).toBe(en.html);
    expect(again.images.map((i) => i.png.toString("base64"))).toEqual(
      en.images.map((i) => i.png.toString("base64")),
    );
    const svg = reportCharts(sampleModel())[0]!;
    expect(svgToPng(svg.svg, svg.width).equals(svgToPng(svg.svg, svg.width))).toBe(true);
  });

  it("draw text with the bundled font only (no system fonts), so a font-less server still has labels", () => {
    const svg = reportCharts(sampleModel({ language: "nb" })).find((c) => c.id === "engines")!;
    const blank = svgToPng(svg.svg.replace(/<text[\s\S]*?<\/text>/g, ""), svg.width);
    expect(svgToPng(svg.svg, svg.width).equals(blank)).toBe(false);
    expect(svg.svg).toContain('font-family="DejaVu Sans"');
    expect(svg.svg).toContain("ingen svar: alle forsøk feilet");
  });
});
