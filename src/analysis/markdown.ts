import type { Token, Tokens } from "marked";
import { type BareUrl, findBareUrls } from "./bare-urls.ts";
import { lexBlocks } from "./block-lexer.ts";
import { readInline } from "./inline.ts";
import type { InlineContext, LinkDefinition } from "./inline-links.ts";
import { type Item, numberedSections, type TopBlock } from "./items.ts";
import { contiguousLeaf, copyLeafText, locateLines, type Walk } from "./leaf-source.ts";
import { normalizeLabel } from "./link-syntax.ts";
import { readTable } from "./tables.ts";
import type { LinkOccurrence } from "./types.ts";
import { sourceOffset, type VisibleText, VisibleTextBuilder } from "./visible-text.ts";

/**
 * Reads an answer's markdown (spec §2.1, §3): its visible text mapped to the answer text, the links
 * and bare URLs it holds (citations, spec §4), and its items (spec §3).
 */

/** Everything the mention and rank rules need from an answer's markdown. */
export interface MarkdownDoc {
  visible: VisibleText;
  /** Links, definitions, autolinks and bare URLs, ordered by offset in the answer text. */
  links: LinkOccurrence[];
  /** Bare URLs as ranges of the visible text (their text is not searched for names). */
  bareUrls: BareUrl[];
  items: Item[];
}

/** The lines of a token's raw text; a top-level block at the cursor stays one piece. */
function linesOf(raw: string, w?: Walk): string[] {
  let end = raw.length;
  while (end > 0 && raw.charCodeAt(end - 1) === 0x0a) end--;
  const text = end === raw.length ? raw : raw.slice(0, end);
  if (!text.includes("\n") || w?.src.startsWith(text, w.cursor)) return [text];
  return text.split("\n");
}

function readLeaf(w: Walk, lines: readonly string[]): void {
  const leaf = locateLines(w, lines);
  if (leaf === null) return;
  w.ctx.out.block(leaf.srcStarts[0] as number);
  readInline(w.ctx, leaf, 0, leaf.text.length);
}

const ATX_OPEN = /^ {0,3}#{1,6}(?:[ \t]+|$)/;
const ATX_CLOSE = /(?:^|[ \t]+)#+[ \t]*$|[ \t]+$/;
const FENCE = /^ {0,3}(?:`{3,}|~{3,})/;

function readHeading(w: Walk, token: Tokens.Heading): void {
  const lines = linesOf(token.raw);
  if (!ATX_OPEN.test(lines[0] as string)) {
    readLeaf(w, lines.slice(0, -1));
    return;
  }
  const leaf = locateLines(w, lines.slice(0, 1));
  if (leaf === null) return;
  const open = ATX_OPEN.exec(leaf.text)?.[0].length ?? 0;
  const rest = leaf.text.slice(open);
  const close = ATX_CLOSE.exec(rest);
  w.ctx.out.block(leaf.srcStarts[0] as number);
  readInline(w.ctx, leaf, open, open + (close === null ? rest.length : close.index));
}

function readCode(w: Walk, token: Tokens.Code): void {
  let lines = linesOf(token.raw);
  if (FENCE.test(lines[0] as string)) {
    const closing =
      lines.length > 1 && /^ {0,3}(?:`{3,}|~{3,})[ \t]*$/.test(lines[lines.length - 1] as string);
    lines = lines.slice(1, closing ? -1 : undefined);
  }
  const leaf = locateLines(w, lines);
  if (leaf === null) return;
  w.ctx.out.block(leaf.srcStarts[0] as number);
  copyLeafText(w.ctx.out, w.ctx.source, leaf, 0, leaf.text.length);
}

function readDefinition(w: Walk, token: Tokens.Def): void {
  const leaf = locateLines(w, linesOf(token.raw).slice(0, 1));
  if (leaf === null || token.href.trim() === "") return;
  const offset = leaf.srcStarts[0] as number;
  const url = token.href.trim();
  w.ctx.links.push(
    token.title ? { url, title: token.title, source: "link", offset } : { url, source: "link", offset },
  );
}

function readList(w: Walk, token: Tokens.List, firstIndex: number): void {
  token.items.forEach((item, k) => {
    const newline = item.raw.indexOf("\n");
    const firstLine = newline < 0 ? item.raw : item.raw.slice(0, newline);
    let at = w.src.indexOf(firstLine, w.cursor);
    if (at < 0) at = w.src.indexOf(firstLine.trimStart(), w.cursor);
    const start = at < 0 ? w.cursor : at;
    w.cursor = start;
    readBlocks(w, item.tokens);
    const end = Math.max(w.cursor, start + firstLine.trimStart().length);
    w.items.push({ start, end, index: firstIndex + k, kind: "list" });
  });
}

/**
 * Reads sibling blocks. An ordered list that starts with the number following the previous ordered
 * list among the same siblings (`1. A`, a paragraph, `2. B`) continues its numbering: CommonMark
 * splits it in two lists, but the reader sees one numbered sequence. A heading ends the sequence.
 */
export function readBlocks(w: Walk, tokens: readonly Token[], starts?: readonly number[]): void {
  let next: { number: number; index: number } | null = null;
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k] as Token;
    if (starts !== undefined) w.cursor = starts[k] as number;
    switch (token.type) {
      case "paragraph":
      case "text":
      case "html":
        readLeaf(w, linesOf(token.raw, w));
        break;
      case "heading":
        next = null;
        readHeading(w, token as Tokens.Heading);
        break;
      case "code":
        readCode(w, token as Tokens.Code);
        break;
      case "def":
        readDefinition(w, token as Tokens.Def);
        break;
      case "table":
        readTable(w, token as Tokens.Table);
        break;
      case "blockquote":
        readBlocks(w, (token as Tokens.Blockquote).tokens);
        break;
      case "list": {
        const list = token as Tokens.List;
        const start = typeof list.start === "number" ? list.start : 1;
        const first: number = list.ordered && next !== null && start === next.number ? next.index : 1;
        readList(w, list, first);
        if (list.ordered) next = { number: start + list.items.length, index: first + list.items.length };
        break;
      }
      default:
        break;
    }
  }
}

function foldLineEndings(text: string): string {
  // same length, so every offset stays an offset into the stored text
  return text.includes("\r") ? text.replace(/\r\n/g, " \n").replace(/\r/g, "\n") : text;
}

/**
 * Reads an answer. `isAlias` says whether a link text is a tracked brand's name or alias (such a
 * link is a mention, not a source pill).
 */
export function readMarkdown(text: string, isAlias: (text: string) => boolean): MarkdownDoc {
  const src = foldLineEndings(text);
  const defs = new Map<string, LinkDefinition>();
  const ctx: InlineContext = { source: src, out: new VisibleTextBuilder(), defs, links: [], isAlias };
  const w: Walk = { src, cursor: 0, ctx, items: [] };
  const top: TopBlock[] = [];
  try {
    const lexed = lexBlocks(src);
    for (const [label, def] of Object.entries(lexed.links)) {
      const key = normalizeLabel(label);
      if (!defs.has(key)) defs.set(key, { url: def.href, title: def.title ?? undefined });
    }
    const starts: number[] = [];
    let offset = 0;
    for (const token of lexed.tokens) {
      top.push({ token, start: offset, end: offset + token.raw.length });
      starts.push(offset);
      offset += token.raw.length;
    }
    readBlocks(w, lexed.tokens, starts);
  } catch {
    // marked gave up on this input: read it as one paragraph rather than lose the answer
    ctx.out = new VisibleTextBuilder();
    ctx.links = [];
    w.items = [];
    top.length = 0;
    const leaf = contiguousLeaf(src, 0, src.length);
    readInline(ctx, leaf, 0, src.length);
  }
  const visible = ctx.out.finish();
  const bareUrls = findBareUrls(visible.text);
  const links = ctx.links.concat(
    bareUrls.map((b) => ({ url: b.url, source: "bare" as const, offset: sourceOffset(visible, b.start) })),
  );
  links.sort((a, b) => a.offset - b.offset);
  return { visible, links, bareUrls, items: w.items.concat(numberedSections(top, src.length)) };
}
