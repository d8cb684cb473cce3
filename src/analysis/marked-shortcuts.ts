import { Tokenizer, type Tokens } from "marked";

/**
 * Shortcuts in front of marked's costliest block rules that never change what marked decides:
 * each one answers only where marked's own rule provably gives "no match", and hands everything
 * else to marked.
 */

/**
 * marked's tokenizer with cheap necessary-condition tests in front of the rules every block start
 * tries in turn and nearly every one fails. Each block rule is a RegExp anchored at the block
 * start, and each tokenizer method returns nothing when its RegExp does not match, so a test that
 * only rules out inputs the RegExp cannot match changes nothing: when it passes, marked decides.
 * Most rules need a marker after at most three spaces (`#`, `>`, `<`, `[`, a bullet, a fence); a
 * GFM table needs a delimiter row right after its first line, and a setext heading an underline
 * before the paragraph's first blank line.
 */
export class PrecheckedTokenizer extends Tokenizer {
  override space(src: string): Tokens.Space | undefined {
    return mayBeBlankLine(src) ? super.space(src) : undefined;
  }

  override code(src: string): Tokens.Code | undefined {
    return mayBeIndentedCode(src) ? super.code(src) : undefined;
  }

  override fences(src: string): Tokens.Code | undefined {
    const c = marker(src);
    return c === 0x60 || c === 0x7e ? super.fences(src) : undefined;
  }

  override heading(src: string): Tokens.Heading | undefined {
    return marker(src) === 0x23 ? super.heading(src) : undefined;
  }

  override hr(src: string): Tokens.Hr | undefined {
    const c = marker(src);
    return c === 0x2d || c === 0x5f || c === 0x2a ? super.hr(src) : undefined;
  }

  override blockquote(src: string): Tokens.Blockquote | undefined {
    return marker(src) === 0x3e ? super.blockquote(src) : undefined;
  }

  override list(src: string): Tokens.List | undefined {
    const c = marker(src);
    const bullet = c === 0x2a || c === 0x2b || c === 0x2d || (c >= 0x30 && c <= 0x39);
    return bullet ? super.list(src) : undefined;
  }

  override html(src: string): Tokens.HTML | undefined {
    return marker(src) === 0x3c ? super.html(src) : undefined;
  }

  override def(src: string): Tokens.Def | undefined {
    return marker(src) === 0x5b ? super.def(src) : undefined;
  }

  override table(src: string): Tokens.Table | undefined {
    return mayBeTable(src) ? super.table(src) : undefined;
  }

  override lheading(src: string): Tokens.Heading | undefined {
    return mayBeSetextHeading(src) ? super.lheading(src) : undefined;
  }
}

/** The code of the first character after at most three spaces (NaN past the end): where block markers sit. */
export function marker(src: string): number {
  let j = 0;
  while (j < 3 && src.charCodeAt(j) === 0x20) j++;
  return src.charCodeAt(j);
}

/** marked's blank-line rule `^(?:[ \t]*(?:\n|$))+` needs spaces and tabs up to a newline or the end. */
export function mayBeBlankLine(src: string): boolean {
  let j = 0;
  for (let c = src.charCodeAt(0); c === 0x20 || c === 0x09; c = src.charCodeAt(j)) j++;
  return j === src.length || src.charCodeAt(j) === 0x0a;
}

/** marked's indented-code rule starts with four spaces or up to three and a tab. */
export function mayBeIndentedCode(src: string): boolean {
  let j = 0;
  while (j < 4 && src.charCodeAt(j) === 0x20) j++;
  return j === 4 || src.charCodeAt(j) === 0x09;
}

/** marked's table rule reads `^ *(.+)\n {0,3}(\| *)?:?-+…`: the line after the first starts so. */
export function mayBeTable(src: string): boolean {
  const newline = src.indexOf("\n");
  if (newline < 0) return false;
  let j = newline + 1;
  while (j < newline + 4 && src.charCodeAt(j) === 0x20) j++;
  const c = src.charCodeAt(j);
  return c === 0x7c || c === 0x3a || c === 0x2d;
}

const UNDERLINE = / {0,3}(?:=+|-+)[ \t]*(?:\n|$)/y;
/** marked's setext rule ends its paragraph where this matches after a newline. */
const BLANK_LINE = /\s*?\n/y;

/** marked's setext rule needs an underline line after a newline its paragraph text can cross. */
export function mayBeSetextHeading(src: string): boolean {
  for (let q = src.indexOf("\n"); q >= 0; q = src.indexOf("\n", q + 1)) {
    UNDERLINE.lastIndex = q + 1;
    if (UNDERLINE.test(src)) return true;
    BLANK_LINE.lastIndex = q + 1;
    if (BLANK_LINE.test(src)) return false;
  }
  return false;
}

type Replacer = (substring: string, ...args: unknown[]) => string;

/**
 * marked's `leadingSpaceTab` (`/^[ \t]+/`), which its list tokenizer applies with a replacer
 * function to every line of every list item; a RegExp replace with a function costs a runtime call
 * each time. For this pattern (anchored, no flags, no groups) the replace is, by the specification
 * of RegExp.prototype[Symbol.replace]: the text unchanged when it does not start with a space or
 * tab, else the replacer's result for the run of spaces and tabs (called with the run, its index 0
 * and the text) followed by the rest. A replacement string (with its `$` patterns) and every other
 * use go to the RegExp itself.
 */
class LeadingBlanks extends RegExp {
  override [Symbol.replace](text: string, replacement: string | Replacer): string {
    if (typeof replacement !== "function") return super[Symbol.replace](text, replacement);
    let end = 0;
    for (let c = text.charCodeAt(0); c === 0x20 || c === 0x09; c = text.charCodeAt(end)) end++;
    return end === 0 ? text : `${replacement(text.slice(0, end), 0, text)}${text.slice(end)}`;
  }
}

/**
 * marked's `doubleBlankLine` (`/\n[ \t]*\n[ \t]*$/`), tested on the whole text of every list item
 * although it can only match at the end: read backwards, the text must end in spaces and tabs, a
 * newline, spaces and tabs, and a newline. Every other use is the RegExp's own.
 */
class EndsInBlankLine extends RegExp {
  override test(text: string): boolean {
    let j = text.length - 1;
    for (let pass = 0; pass < 2; pass++) {
      while (j >= 0 && (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x09)) j--;
      if (j < 0 || text.charCodeAt(j) !== 0x0a) return false;
      j--;
    }
    return true;
  }
}

/** The rule marked's `other` rules hold under `key`, or an equivalent one that is cheaper to apply. */
export function fasterOtherRule(key: string, rule: RegExp): RegExp {
  if (rule.flags !== "") return rule;
  if (key === "leadingSpaceTab" && rule.source === "^[ \\t]+") return new LeadingBlanks(rule.source);
  if (key === "doubleBlankLine" && rule.source === "\\n[ \\t]*\\n[ \\t]*$")
    return new EndsInBlankLine(rule.source);
  return rule;
}

/** marked's list rule, whose lazy `[^\n]*?` tries the line end after every character. */
const LAZY_LIST = String.raw`^( {0,3}(?:[*+-]|\d{1,9}[.)]))([ \t][^\n]*?)?(?:\n|$)`;

/**
 * The rule marked's `block` rules hold under `key`, or an equivalent one that is cheaper to run.
 * The list rule's `[^\n]*?` can only stop at the first newline or the end, where `[^\n]*` stops
 * too, so the greedy form gives the same match and groups without trying the end at every character.
 */
export function fasterBlockRule(key: string, rule: RegExp): RegExp {
  if (key === "list" && rule instanceof RegExp && rule.flags === "" && rule.source === LAZY_LIST) {
    return new RegExp(LAZY_LIST.replace("[^\\n]*?", "[^\\n]*"));
  }
  return rule;
}
