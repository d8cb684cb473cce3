import { Lexer, type Links, type Rules, type Token } from "marked";
import { fasterBlockRule, fasterOtherRule, PrecheckedTokenizer } from "./marked-shortcuts.ts";

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

const tokenizer = new PrecheckedTokenizer();
/** Our copies of marked's shared `other` and `block` rules, and the originals they were made from. */
interface FastRules {
  fromOther: Rules["other"];
  fromBlock: Rules["block"];
  other: Rules["other"];
  block: Rules["block"];
}

// every Lexer builds a fresh rules object around the same shared `other` and `block` rules
let memoised: FastRules | undefined;

function isMemoised(rules: Rules, m: FastRules | undefined): m is FastRules {
  return (
    m !== undefined &&
    (rules.other === m.fromOther || rules.other === m.other) &&
    (rules.block === m.fromBlock || rules.block === m.block)
  );
}

/**
 * marked's list tokenizer compiles six RegExps per list item from helpers keyed by indentation;
 * memoising those helpers halves block lexing time. Only one-argument helpers are cached, and the
 * cached rules are a copy installed on our own tokenizer, so marked's shared rules stay untouched.
 * The copy also carries the equivalent but cheaper rules of `fasterOtherRule` and `fasterBlockRule`.
 */
function fastRules(rules: Rules): Rules {
  if (isMemoised(rules, memoised)) return { ...rules, other: memoised.other, block: memoised.block };
  const other: Record<string, unknown> = { ...rules.other };
  for (const [key, value] of Object.entries(rules.other)) {
    if (value instanceof RegExp) other[key] = fasterOtherRule(key, value);
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
  const block: Record<string, RegExp> = {};
  for (const [key, value] of Object.entries(rules.block)) block[key] = fasterBlockRule(key, value);
  memoised = {
    fromOther: rules.other,
    fromBlock: rules.block,
    other: other as Rules["other"],
    block: block as Rules["block"],
  };
  return { ...rules, other: memoised.other, block: memoised.block };
}

/** Lexes the blocks of `source` (line endings already folded to `\n`). */
export function lexBlocks(source: string): BlockLex {
  const lexer = new Lexer({ gfm: true, tokenizer });
  tokenizer.rules = fastRules(tokenizer.rules);
  const tokens = lexer.blockTokens(source, []);
  return { tokens, links: lexer.tokens.links };
}
