import fc from "fast-check";
import { Lexer, Tokenizer } from "marked";
import { describe, expect, it } from "vitest";
import { lexBlocks } from "../../src/analysis/block-lexer.ts";
import {
  fasterBlockRule,
  fasterOtherRule,
  mayBeSetextHeading,
  mayBeTable,
  PrecheckedTokenizer,
} from "../../src/analysis/marked-shortcuts.ts";
import { determinismInputs } from "./determinism-inputs.ts";

/**
 * The shortcuts in front of marked's rules must never change what marked decides: each test is a
 * necessary condition of the rule it guards, and the lexer gives exactly marked's tokens.
 */

const gfm = Lexer.rules.block.gfm;

/** Lines dense in what block rules look at: indentation, pipes, delimiter rows, underlines, markers. */
const line = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    "\t",
    " \u00a0",
    "\u2028",
    "a",
    "b c",
    "| a | b |",
    "a | b",
    "|---|:-:|",
    "--- | ---",
    " |-|",
    ":--",
    "   |--",
    "    |--",
    "===",
    "---",
    " ==",
    "   -- ",
    "    ===",
    "= =",
    "-\t",
    "# h",
    "> q",
    "* i",
    "1. i",
    "```",
    "<div>",
    "**1. x**",
    "x\r",
    "    code",
    "```js",
    "~~~",
    "<!-- c -->",
    "[a]: /u",
    "  - x",
    "   > y",
    "+ z",
    "10) w",
    "\t- t",
    "***",
    "___",
    "#x",
    "##### h",
    "   <p>",
    "  [b]: <c>",
    "\t\tcode",
    "  \tcode",
  ),
  fc
    .array(fc.constantFrom(" ", "\t", "|", "-", ":", "=", "a", "#", ">", "*", "1."), { maxLength: 6 })
    .map((p) => p.join("")),
);
const blockish = fc.array(line, { minLength: 1, maxLength: 8 }).map((lines) => lines.join("\n"));

function plainMarkedBlocks(source: string) {
  const lexer = new Lexer({ gfm: true });
  const tokens = lexer.blockTokens(source, []);
  return { tokens, links: lexer.tokens.links };
}

/** What lexing gives, or the error it throws (marked throws on a few inputs; the reader catches that). */
function outcome(lex: (source: string) => unknown, source: string): unknown {
  try {
    return lex(source);
  } catch (error) {
    return { threw: String(error) };
  }
}

describe("marked shortcuts", () => {
  it("lets every table through that marked's table rule matches", () => {
    fc.assert(
      fc.property(blockish, (src) => {
        if (gfm.table.exec(src) !== null) expect(mayBeTable(src)).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it("lets every setext heading through that marked's rule matches", () => {
    fc.assert(
      fc.property(blockish, (src) => {
        if (gfm.lheading.exec(src) !== null) expect(mayBeSetextHeading(src)).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it("answers like marked's own tokenizer methods, block by block", () => {
    const ours = new PrecheckedTokenizer();
    const plain = new Tokenizer();
    new Lexer({ gfm: true, tokenizer: ours });
    new Lexer({ gfm: true, tokenizer: plain });
    const methods = [
      "space",
      "code",
      "fences",
      "heading",
      "hr",
      "blockquote",
      "list",
      "html",
      "def",
      "table",
      "lheading",
    ] as const;
    fc.assert(
      fc.property(blockish, (src) => {
        for (const method of methods) {
          const read = (tokenizer: Tokenizer) => () => tokenizer[method](src);
          expect(outcome(read(ours), src), method).toEqual(outcome(read(plain), src));
        }
      }),
      { numRuns: 10_000 },
    );
  });

  it("strips leading blanks exactly like marked's leadingSpaceTab rule", () => {
    const original = /^[ \t]+/;
    const faster = fasterOtherRule("leadingSpaceTab", original);
    expect(faster).not.toBe(original);
    fc.assert(
      fc.property(blockish, (line) => {
        const replacer = (...args: unknown[]) => JSON.stringify(args);
        expect(line.replace(faster, replacer)).toBe(line.replace(original, replacer));
        expect(line.replace(faster, "_")).toBe(line.replace(original, "_"));
        expect(faster.test(line)).toBe(original.test(line));
      }),
      { numRuns: 5000 },
    );
  });

  it("finds a trailing blank line exactly like marked's doubleBlankLine rule", () => {
    const original = /\n[ \t]*\n[ \t]*$/;
    const faster = fasterOtherRule("doubleBlankLine", original);
    expect(faster).not.toBe(original);
    const text = fc.array(fc.constantFrom("\n", " ", "\t", "a", "\r", "\u00a0"), { maxLength: 12 });
    fc.assert(
      fc.property(text, (parts) => {
        const raw = parts.join("");
        expect(faster.test(raw)).toBe(original.test(raw));
      }),
      { numRuns: 20_000 },
    );
  });

  it("matches list starts exactly like marked's list rule", () => {
    const original = gfm.list;
    const faster = fasterBlockRule("list", original);
    expect(faster).not.toBe(original);
    fc.assert(
      fc.property(blockish, (src) => {
        expect(faster.exec(src)).toEqual(original.exec(src));
      }),
      { numRuns: 20_000 },
    );
  });

  it("gives marked's own tokens for every differential input", () => {
    for (const entry of determinismInputs()) {
      const source = entry.input.text.replace(/\r\n/g, " \n").replace(/\r/g, "\n");
      expect(outcome(lexBlocks, source), entry.id).toEqual(outcome(plainMarkedBlocks, source));
    }
  });

  it("gives marked's own tokens for block-dense text", () => {
    fc.assert(
      fc.property(blockish, (src) => {
        expect(outcome(lexBlocks, src)).toEqual(outcome(plainMarkedBlocks, src));
      }),
      { numRuns: 5000 },
    );
  });
});
