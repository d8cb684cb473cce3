import fc from "fast-check";
import { Lexer, type Token } from "marked";
import { describe, expect, it } from "vitest";
import { decodeInlineString } from "../../src/analysis/entities.ts";
import { type MarkdownDoc, readMarkdown } from "../../src/analysis/markdown.ts";
import { sourceEndOffset, sourceOffset } from "../../src/analysis/visible-text.ts";
import { loadBrandSets, loadCases } from "./corpus-loader.ts";

/** Spec §2.1 (visible text), §4 (links found in the answer) and §3 (items), read from markdown. */

const ALIASES = new Set(["fiken", "booking.com"]);
const read = (text: string): MarkdownDoc => readMarkdown(text, (t) => ALIASES.has(t.toLowerCase()));

/** Visible text with blocks and cells shown as ` | ` and whitespace collapsed, for readable assertions. */
function visible(text: string): string {
  return read(text)
    .visible.text.split("\u0000")
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .join(" | ")
    .replace(/\s+/g, " ");
}

const urls = (text: string): string[] => read(text).links.map((l) => l.url);

describe("visible text (spec §2.1)", () => {
  it("keeps link text and drops link targets", () => {
    expect(visible("Bruk [Fiken](https://fiken.no) i dag.")).toBe("Bruk Fiken i dag.");
    expect(visible("Se prisene [her](https://tripletex.no/priser).")).toBe("Se prisene her.");
    expect(urls("Se prisene [her](https://tripletex.no/priser).")).toEqual(["https://tripletex.no/priser"]);
  });

  it("drops source pills: a link whose text is a domain, host or URL", () => {
    expect(visible("Kilde: [reuters.com](https://reuters.com/x) og mer.")).toBe("Kilde: og mer.");
    expect(visible("Se [www.fiken.no/priser](https://fiken.no/priser).")).toBe("Se .");
    expect(visible("Se [https://fiken.no](https://fiken.no).")).toBe("Se .");
    expect(urls("Se [www.fiken.no/priser](https://fiken.no/priser).")).toEqual(["https://fiken.no/priser"]);
  });

  it("keeps a host-like link text that is a tracked alias, and a text whose suffix is no domain", () => {
    expect(visible("Bestill via [Booking.com](https://booking.com).")).toBe("Bestill via Booking.com.");
    expect(visible("Skrevet i [Node.js](https://nodejs.org).")).toBe("Skrevet i Node.js.");
  });

  it("drops links in parentheses or brackets that hold nothing but links and separators", () => {
    const refs = "[1]: https://vulture.com/a\n";
    expect(visible(`Serien fikk ros ([Vulture][1]).\n\n${refs}`)).toBe("Serien fikk ros .");
    expect(urls(`Serien fikk ros ([Vulture][1]).\n\n${refs}`)).toEqual([
      "https://vulture.com/a",
      "https://vulture.com/a",
    ]);
    const pair =
      "Mange bytter ([tripletex.no](https://tripletex.no), [Finansavisen](https://finansavisen.no/a)).";
    expect(visible(pair)).toBe("Mange bytter .");
    expect(urls(pair)).toEqual(["https://tripletex.no", "https://finansavisen.no/a"]);
    expect(visible("Kilder: [[1](https://a.no), [2](https://b.no)]")).toBe("Kilder:");
  });

  it("keeps links in parentheses that also hold words", () => {
    expect(visible("Godt valg (se [Fiken](https://fiken.no) og [Conta](https://conta.no)).")).toBe(
      "Godt valg (se Fiken og Conta).",
    );
  });

  it("reads reference definitions as links, never as text", () => {
    const text =
      'Se [Fiken][f] og [Conta].\n\n[f]: https://fiken.no "Fiken AS"\n[conta]: <https://conta.no>\n';
    expect(visible(text)).toBe("Se Fiken og Conta.");
    expect(read(text).links).toEqual([
      { url: "https://fiken.no", title: "Fiken", source: "link", offset: 3 },
      { url: "https://conta.no", title: "Conta", source: "link", offset: 17 },
      { url: "https://fiken.no", title: "Fiken AS", source: "link", offset: 27 },
      { url: "https://conta.no", source: "link", offset: 60 },
    ]);
  });

  it("leaves an undefined reference as the literal text a reader sees", () => {
    expect(visible("Se [Fiken][9].")).toBe("Se [Fiken][9].");
  });

  it("drops images (alt text and URL) but keeps a link wrapped around an image", () => {
    expect(visible("Logo: ![Fiken logo](https://fiken.no/logo.png) slutt")).toBe("Logo: slutt");
    expect(urls("Logo: ![Fiken logo](https://fiken.no/logo.png)")).toEqual([]);
    expect(urls("[![Fiken](https://cdn.no/l.png)](https://fiken.no)")).toEqual(["https://fiken.no"]);
    expect(visible("[![Fiken](https://cdn.no/l.png)](https://fiken.no) slutt")).toBe("slutt");
  });

  it("skips links with an empty target as citations but keeps their text", () => {
    expect(visible("Se [Fiken]() nå")).toBe("Se Fiken nå");
    expect(urls("Se [Fiken]() nå")).toEqual([]);
  });

  it("decodes markdown escapes and HTML entities", () => {
    expect(visible("AT\\&T og AT&amp;T og AT&#38;T og AT&#x26;T")).toBe("AT&T og AT&T og AT&T og AT&T");
    expect(read("Pris&nbsp;100&nbsp;kr, &laquo;best&raquo; &unknown; \\* ikke kursiv").visible.text).toBe(
      "Pris\u00a0100\u00a0kr, «best» &unknown; * ikke kursiv",
    );
  });

  it("drops emphasis, strikethrough, heading and list markers and table pipes", () => {
    expect(visible("## **Fiken** og *Conta* og ~~Visma~~ ##")).toBe("Fiken og Conta og Visma");
    expect(visible("- **Fiken**\n- _Conta_")).toBe("Fiken | Conta");
    expect(visible("| Navn | Pris |\n|---|---|\n| Fiken | 99 |")).toBe("Navn | Pris | Fiken | 99");
    expect(visible("Fi**ken** er bra")).toBe("Fiken er bra");
  });

  it("keeps literal asterisks and intraword underscores", () => {
    expect(visible("5 * 3 og snake_case_navn")).toBe("5 * 3 og snake_case_navn");
  });

  it("keeps code spans and code blocks as text, without fences or info strings", () => {
    expect(visible("Kjør `fiken sync` nå")).toBe("Kjør fiken sync nå");
    expect(visible("```bash\ncurl api.fiken.no\n```")).toBe("curl api.fiken.no");
    expect(visible("Tekst\n\n    innrykket Fiken\n")).toBe("Tekst | innrykket Fiken");
    expect(visible("Ikke `[lenke](https://x.no)` her")).toBe("Ikke [lenke](https://x.no) her");
  });

  it("keeps block quotes and HTML text, drops tags and comments", () => {
    expect(visible("> Fiken er\n> best")).toBe("Fiken er best");
    expect(visible("Fiken<br>Conta <!-- Visma --> <b>Tripletex</b>")).toBe("Fiken Conta Tripletex");
  });

  it("separates blocks and table cells so text never runs across them", () => {
    expect(read("| SpareBank | 1 |\n|---|---|\n| a | b |").visible.text).toContain("SpareBank \u0000 1");
    expect(read("# Fiken\nConta").visible.text).toContain("Fiken\u0000Conta");
  });
});

describe("bare URLs (spec §2.4, §4)", () => {
  it("finds http, https and www URLs without trailing punctuation", () => {
    const text = "Se https://fiken.no/priser. Eller www.conta.no, og (https://tripletex.no/a_(b)). Ferdig!";
    expect(read(text).links.map((l) => [l.url, l.source])).toEqual([
      ["https://fiken.no/priser", "bare"],
      ["www.conta.no", "bare"],
      ["https://tripletex.no/a_(b)", "bare"],
    ]);
  });

  it("needs a host with a dot and a start that is not inside a word", () => {
    expect(urls("Se http://localhost og xhttps://fiken.no og fiken.no")).toEqual([]);
  });

  it("records where each URL starts in the answer text", () => {
    const text = "**Tips:** bruk https://fiken.no";
    expect(read(text).links).toEqual([{ url: "https://fiken.no", source: "bare", offset: 15 }]);
  });

  it("reads web autolinks as pills and other autolinks as text", () => {
    expect(visible("Se <https://fiken.no> eller <post@fiken.no>")).toBe("Se eller post@fiken.no");
    expect(urls("Se <https://fiken.no> eller <post@fiken.no>")).toEqual(["https://fiken.no"]);
  });
});

describe("offsets into the answer text", () => {
  it("maps every copied character back to the same character of the answer", () => {
    const text =
      "## Valg\n\n1. **Fiken** – *enkel*\n   - nested `Conta`\n\t- tab Visma\n\n> sitat\n> Tripletex\n\n| a | b |\n|---|---|\n| x \\| y | z |\n";
    const doc = read(text);
    for (let i = 0; i < doc.visible.text.length; i++) {
      const ch = doc.visible.text[i] as string;
      if (ch === "\u0000" || ch === "|") continue;
      expect(text[sourceOffset(doc.visible, i)], `visible index ${i}`).toBe(ch);
    }
  });

  it("maps copied characters back to themselves on arbitrary markdown", () => {
    const piece = fc.constantFrom(
      ..."Fiken og Conta, 99 kr. lønn år".split(/(?= )/),
      ..."** * _ ` [ ] ( ) ![ ](https://a.no) \\* &amp; &lt; < > | --- ~~".split(" "),
      ..."\n|\n\n|\n- |\n1. |\n   - |\n> |\n## |\n```\n|\n    |\t|\r\n".split("|"),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 80 }), (pieces) => {
        const text = pieces.join("");
        const doc = read(text);
        const v = doc.visible;
        for (let r = 0; r < v.runVis.length; r++) {
          if (!v.runExact[r]) continue;
          const from = v.runVis[r] as number;
          const to = r + 1 < v.runVis.length ? (v.runVis[r + 1] as number) : v.text.length;
          const src = v.runSrc[r] as number;
          const copied = v.text.slice(from, to);
          expect(copied.replaceAll("\ufffd", "\u0000")).toBe(
            text.slice(src, src + (to - from)).replace(/\r/g, " "),
          );
        }
        for (const link of doc.links) expect(link.offset).toBeLessThan(text.length);
      }),
      { numRuns: 400 },
    );
  });

  it("maps a decoded character to the whole escape or entity", () => {
    const text = "AT&amp;T";
    const doc = read(text);
    expect(sourceOffset(doc.visible, 2)).toBe(2);
    expect(sourceEndOffset(doc.visible, 2)).toBe(7);
  });

  it("keeps offsets of CRLF answers", () => {
    const text = "Intro\r\n\r\n- Fiken\r\n- Conta\r\n";
    const doc = read(text);
    const at = doc.visible.text.indexOf("Conta");
    expect(sourceOffset(doc.visible, at)).toBe(text.indexOf("Conta"));
    expect(doc.items.map((i) => [text.slice(i.start, i.end).trim(), i.index])).toEqual([
      ["- Fiken", 1],
      ["- Conta", 2],
    ]);
  });

  it("agrees with marked on where top-level blocks start (their raw strings cover the answer)", () => {
    const text = "# A\n\npara\n\n- x\n- y\n\n| a |\n|---|\n| b |\n\n```\ncode\n```\n";
    expect(
      Lexer.lex(text, { gfm: true })
        .map((t) => t.raw)
        .join(""),
    ).toBe(text);
  });
});

const BLOCKS = new Set(["paragraph", "heading", "list_item", "code", "blockquote", "html", "br"]);

/** Words of the visible text as marked's full lexer (block and inline) reads it: the oracle. */
function markedWords(text: string): string[] {
  const out: string[] = [];
  const walk = (tokens: readonly Token[]): void => {
    for (const t of tokens) {
      if (t.type === "image" || t.type === "def" || t.type === "space" || t.type === "hr") continue;
      if (t.type === "html") out.push(t.text.replace(/<[^>]*>/g, " "));
      else if (t.type === "table") {
        for (const cell of [...t.header, ...t.rows.flat()]) {
          walk(cell.tokens);
          out.push(" ");
        }
      } else if (t.type === "list") walk(t.items);
      else if ("tokens" in t && Array.isArray(t.tokens) && t.type !== "code") walk(t.tokens);
      else if (t.type === "text" || t.type === "escape" || t.type === "codespan" || t.type === "code")
        out.push(decodeInlineString(t.text));
      if (BLOCKS.has(t.type) || (t.type === "text" && "tokens" in t)) out.push(" ");
    }
  };
  walk(Lexer.lex(text, { gfm: true }));
  return out.join("").match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The corpus answers with links replaced by their text, so source pills do not enter the comparison. */
function withoutLinks(text: string): string {
  return text
    .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, "$1")
    .replace(/^\[[^\]]+\]:.*$/gm, "");
}

describe("inline reading agrees with marked's inline lexer", () => {
  const samples = [
    ...loadCases(loadBrandSets()).map((c) => withoutLinks(c.text)),
    "**Fiken**s *Conta*-kunder og __Visma__, ~~Xledger~~ `kode **ikke** fet` 5 * 3 a_b_c",
    "Escapes: \\*ikke\\* \\_ og \\` og AT&amp;T &copy; &#198;&#xE6; <span>Fiken</span> <!-- skjult -->",
    "> Sitat med **Fiken**\n> - og liste\n\n1. en\n   1. to\n      - tre `x`\n\n| a | `b|c` |\n|---|---|\n| **d** | e\\|f |",
    "Tekst med https://fiken.no/a_b_(c) og www.conta.no/x* og slutt.",
  ];
  it.each(samples.map((text, n) => [n, text]))("sample %i", (_n, text) => {
    const mine = read(text as string).visible.text.match(/[\p{L}\p{N}]+/gu) ?? [];
    expect(mine).toEqual(markedWords(text as string));
  });
});
