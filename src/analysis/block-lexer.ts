import { Lexer, type Links, type Rules, type Token, Tokenizer } from "marked";

/**
 * marked's block lexer (GFM), used for the block structure of an answer: paragraphs, headings,
 * lists and their items, tables, code blocks, block quotes, HTML blocks and reference definitions.
 *
 * Only the block pass runs: marked's inline pass costs more than everything else in the analysis
 * together (about 180 µs of the 300 µs marked needs for a 2 KB answer), and our inline reader
 * (`inline.ts`) needs the exact source positions marked's inline tokens do not carry.
 */

/** Top-level block tokens (their `raw` strings concatenate to the input) and the link definitions. */
export interface BlockLex {
  tokens: Token[];
  links: Links;
}

const tokenizer = new Tokenizer();
// every Lexer builds a fresh rules object around the same shared `other` helpers
let memoised: { from: Rules["other"]; to: Rules["other"] } | undefined;

/**
 * marked's list tokenizer compiles six RegExps per list item from helpers keyed by indentation;
 * memoising those helpers halves block lexing time. Only one-argument helpers are cached, and the
 * cached rules are a copy installed on our own tokenizer, so marked's shared rules stay untouched.
 */
function fastRules(rules: Rules): Rules {
  if (memoised?.from === rules.other || memoised?.to === rules.other) return { ...rules, other: memoised.to };
  const other: Record<string, unknown> = { ...rules.other };
  for (const [key, value] of Object.entries(rules.other)) {
    if (typeof value !== "function" || value.length !== 1) continue;
    const build = value as (arg: unknown) => unknown;
    const cache = new Map<unknown, unknown>();
    other[key] = (arg: unknown) => {
      let hit = cache.get(arg);
      if (hit === undefined) {
        hit = build(arg);
        cache.set(arg, hit);
      }
      return hit;
    };
  }
  memoised = { from: rules.other, to: other as Rules["other"] };
  return { ...rules, other: memoised.to };
}

/** Lexes the blocks of `source` (line endings already folded to `\n`). */
export function lexBlocks(source: string): BlockLex {
  const lexer = new Lexer({ gfm: true, tokenizer });
  tokenizer.rules = fastRules(tokenizer.rules);
  const tokens = lexer.blockTokens(source, []);
  return { tokens, links: lexer.tokens.links };
}
