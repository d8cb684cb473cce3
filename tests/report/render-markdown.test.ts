import { marked } from "marked";
import { describe, expect, it } from "vitest";
import { escapeMarkdown } from "../../src/report/markdown-flavour.ts";
import { renderMarkdown, renderPlainText } from "../../src/report/render-markdown.ts";
import { HOSTILE, sampleModel } from "../fixtures/report/sample-model.ts";

const plain = (s: string) => s.replace(/[\u00a0\u202f\u2009]/g, " ");

describe("renderMarkdown", () => {
  const en = renderMarkdown(sampleModel({ language: "en" }));

  it("opens with the brand, the period, the headline rate and the biggest change", () => {
    const lines = en.split("\n");
    expect(lines[0]).toBe("# Fiken · AI visibility report, week 47, 2026 (16–22 Nov 2026)");
    expect(en).toContain("**Fiken was mentioned in 53% of AI answers** (95% CI 44–62%, n = 114).");
    expect(en).toContain(
      "Biggest change: Fiken’s mention rate on ChatGPT (gpt-6-luna, web) fell from 72% to 42%",
    );
    expect(en).not.toContain("REPLAY");
  });

  it("has the scorecard per stage, engines with the gap and directional cells, and the leaderboard", () => {
    expect(en).toMatch(/\| Awareness +\| +58% \| 45–70% \| +57 \| no significant change +\|/);
    expect(en).toMatch(/\| Google AI Overview +\| no answers: all attempts failed \|/);
    expect(en).toContain("63% (directional)");
    expect(en).toMatch(/\| +1 \| Tripletex +\| +71% \|/);
    expect(en).toMatch(/\| +2 \| \*\*Fiken\*\* +\| +53% \|/);
    expect(en).toMatch(/\| regnskapsforum\.no \| forum +\| +17 \|/);
    expect(en).toContain(
      "- week 44: model changed, ChatGPT (gpt-6-luna, web): gpt-6-luna-2026-10-01 → gpt-6-luna-2026-10-29",
    );
  });

  it("quotes answers as literal text with the command that shows them", () => {
    expect(en).toContain("`sightline answers show 4812`");
    expect(en).toContain("**Fiken**");
    expect(en).toContain("\\<script>alert(1)\\</script>");
    expect(en).not.toMatch(/(^|[^\\])<(script|img)/);
    // Rendered by a real markdown engine, the hostile text stays text.
    const html = marked.parse(en, { async: false });
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("<strong>Fiken</strong>");
    expect(html).toContain("<table>");
  });

  it("says REPLAY at the top when the answers were replayed", () => {
    const replay = renderMarkdown(sampleModel({ language: "en", replay: true }));
    const top = replay.split("\n").slice(0, 3).join("\n");
    expect(top).toMatch(/^# REPLAY · Fiken/);
    expect(top).toContain("> **REPLAY:** These answers come from recorded examples");
  });

  it("writes Norwegian labels and number formats for an nb model", () => {
    const nb = plain(renderMarkdown(sampleModel({ language: "nb" })));
    expect(nb).toContain("# Fiken · KI-synlighetsrapport, uke 47, 2026 (16.–22. nov. 2026)");
    expect(nb).toContain("## Nøkkeltall");
    expect(nb).toContain("ingen signifikant endring");
    expect(nb).toContain("63 % (retningsgivende)");
    expect(nb).toContain("ingen svar: alle forsøk feilet");
    expect(nb).toMatch(/\| +2,1 \|/);
    expect(nb).toContain("årsoppgjør");
  });

  it("is pure: the same model gives the same text", () => {
    expect(renderMarkdown(sampleModel())).toBe(en);
  });
});

describe("escaping for markdown", () => {
  it("keeps markup from answer text literal", () => {
    const cases = [
      HOSTILE.script,
      "[click](javascript:alert(1))",
      "![x](https://evil.example/x.png)",
      "# heading",
      "> quote",
      "- item",
      "1. item",
      "AT&amp;T",
      "a | b",
      "`code`",
      "**bold** _em_ ~~strike~~",
    ];
    for (const c of cases) {
      const html = marked.parse(escapeMarkdown(c), { async: false });
      expect(html, c).toMatch(/^<p>[\s\S]*<\/p>\n$/);
      // A bare URL may become a link (GFM autolink), never an image or any other element.
      expect(html, c).not.toMatch(/<(?!\/?p>|a href="https:\/\/[^"<>]*">|\/a>)[a-z]/);
    }
  });
});

describe("renderPlainText", () => {
  it("is the same report without markup or escapes", () => {
    const text = renderPlainText(sampleModel({ language: "en" }));
    expect(text).toContain("Fiken was mentioned in 53% of AI answers (95% CI 44–62%, n = 114).");
    expect(text).toContain(`rimelig ${HOSTILE.script}.`);
    expect(text).toContain("sightline answers show 4812");
    expect(text).not.toContain("**");
    expect(text).not.toContain("\\<");
  });
});
