import type { ListItem, TextBlock } from "./schema.ts";

/**
 * Turns SerpApi `text_blocks` into the markdown a reader would see, and records where each
 * reference is first used. Rules (chosen so that names in adjacent blocks never run together):
 * - blocks are separated by a blank line, list items by a line break;
 * - `heading` blocks become `## ` headings; a short `paragraph` without closing punctuation that
 *   introduces a list or table is Google's heading arriving as a paragraph, and becomes one too;
 *   an `expandable` section's title is a heading, and the headings inside it go one level deeper;
 * - list items become `- ` items, nested lists indented two spaces per level; an item's `title`
 *   and `snippet` are joined as `**title** snippet` (titles usually end in `:`), or
 *   `**title**: snippet` when the title has no closing punctuation;
 * - tables become pipe tables; code becomes a fenced block;
 * - snippets keep inline LaTeX as sent (`$...$`); a block with only `snippet_latex` shows it as `$...$`;
 * - video cards are media, not text (like images, spec §2): only their caption `snippet` is kept.
 */

/** UTF-16 span `[start, end)` in the rendered text. */
export interface Span {
  start: number;
  end: number;
}

export interface RenderedText {
  text: string;
  /** Reference indexes (`references[].index`) in order of first use, each with the span using it first. */
  firstUse: Map<number, Span>;
}

const MAX_PROMOTED_HEADING = 80;

class Writer {
  text = "";
  readonly firstUse = new Map<number, Span>();

  cite(indexes: readonly number[] | null | undefined, start: number, end: number): void {
    for (const i of indexes ?? []) if (!this.firstUse.has(i)) this.firstUse.set(i, { start, end });
  }

  /** Where the enclosing unit's content starts: the first part of a unit needs no separator. */
  private floor = 0;

  /** Writes one unit after `separator` (unless first in its parent); returns its span, or null when empty. */
  unit(separator: string, write: () => void): Span | null {
    const before = this.text.length;
    if (before > this.floor) this.text += separator;
    const start = this.text.length;
    const parentFloor = this.floor;
    this.floor = start;
    write();
    this.floor = parentFloor;
    if (this.text.length === start) {
      this.text = this.text.slice(0, before);
      return null;
    }
    return { start, end: this.text.length };
  }
}

export function renderTextBlocks(blocks: readonly TextBlock[], header?: string): RenderedText {
  const w = new Writer();
  if (header?.trim()) w.unit("\n\n", () => (w.text += `# ${oneLine(header)}`));
  renderBlocks(w, blocks, 2);
  return { text: w.text, firstUse: w.firstUse };
}

function renderBlocks(w: Writer, blocks: readonly TextBlock[], level: number): void {
  blocks.forEach((block, i) => {
    const span = w.unit("\n\n", () => renderBlock(w, block, level, blocks[i + 1]));
    if (span) w.cite(block.reference_indexes, span.start, span.end);
  });
}

function renderBlock(w: Writer, block: TextBlock, level: number, next: TextBlock | undefined): void {
  const type = block.type ?? "paragraph";
  const snippet = snippetOf(block);
  const heading = `${"#".repeat(Math.min(level, 6))} `;
  if (type === "heading") {
    const title = snippet || block.title?.trim();
    if (title) w.text += heading + oneLine(title);
  } else if (type === "paragraph" && looksLikeHeading(block, snippet, next)) {
    w.text += heading + oneLine(snippet);
  } else {
    const title = type === "video" ? "" : (block.title?.trim() ?? "");
    if (title)
      w.unit("\n\n", () => (w.text += type === "expandable" ? heading + oneLine(title) : `**${title}**`));
    if (snippet) w.unit("\n\n", () => (w.text += snippet));
  }
  if (block.list?.length) w.unit("\n\n", () => renderList(w, block.list ?? [], 0));
  const table = tableRows(block);
  if (table) w.unit("\n\n", () => (w.text += renderTable(table)));
  if (block.code?.trim()) w.unit("\n\n", () => (w.text += fence(block.code ?? "", block.language)));
  if (block.text_blocks?.length) {
    w.unit("\n\n", () => renderBlocks(w, block.text_blocks ?? [], type === "expandable" ? level + 1 : level));
  }
}

/** Google sends section titles as paragraphs: short, no closing punctuation, and a list or table follows. */
function looksLikeHeading(block: TextBlock, snippet: string, next: TextBlock | undefined): boolean {
  if (!snippet || snippet.length > MAX_PROMOTED_HEADING || snippet.includes("\n")) return false;
  if (block.snippet_latex?.length || /[.!?:;,…]$/.test(snippet)) return false;
  return next?.type === "list" || next?.type === "table";
}

function renderList(w: Writer, items: ReadonlyArray<ListItem | string>, indent: number): void {
  const pad = " ".repeat(indent);
  for (const raw of items) {
    const item: ListItem = typeof raw === "string" ? { snippet: raw } : raw;
    const line = itemText(item).replace(/\n/g, `\n${pad}  `);
    const nested = item.list ?? [];
    if (!line) {
      if (nested.length) w.unit("\n", () => renderList(w, nested, indent));
      continue;
    }
    w.unit("\n", () => {
      w.text += `${pad}- `;
      const start = w.text.length;
      w.text += line;
      w.cite(item.reference_indexes, start, w.text.length);
    });
    if (nested.length) w.unit("\n", () => renderList(w, nested, indent + 2));
  }
}

function itemText(item: ListItem): string {
  const title = item.title?.trim() ?? "";
  const snippet = snippetOf(item);
  if (!title) return snippet;
  if (!snippet) return `**${title}**`;
  return /[.!?:;,…]$/.test(title) ? `**${title}** ${snippet}` : `**${title}**: ${snippet}`;
}

function snippetOf(part: { snippet?: string | null; snippet_latex?: string[] | null }): string {
  const snippet = part.snippet?.trim() ?? "";
  if (snippet) return snippet;
  return (part.snippet_latex ?? []).map((l) => `$${l}$`).join(" ");
}

type Row = string[];

function tableRows(block: TextBlock): { header: Row; body: Row[] } | null {
  const str = (c: unknown) => (c === null || c === undefined ? "" : String(c));
  if (block.table?.length) {
    const rows = block.table.map((r) => r.map(str));
    if (block.headers?.length) return { header: block.headers.map(str), body: rows };
    return { header: rows[0] ?? [], body: rows.slice(1) };
  }
  if (block.formatted?.length) {
    const header = Object.keys(block.formatted[0] ?? {});
    return { header, body: block.formatted.map((o) => header.map((k) => str(o[k]))) };
  }
  return null;
}

function renderTable({ header, body }: { header: Row; body: Row[] }): string {
  const width = Math.max(header.length, ...body.map((r) => r.length));
  const line = (r: Row) =>
    `| ${Array.from({ length: width }, (_, i) => escapeCell(r[i] ?? "")).join(" | ")} |`;
  const rule = `| ${Array.from({ length: width }, () => "---").join(" | ")} |`;
  return [line(header), rule, ...body.map(line)].join("\n");
}

function escapeCell(cell: string): string {
  return cell
    .replace(/\s*\n\s*/g, " ")
    .replace(/\|/g, "\\|")
    .trim();
}

function fence(code: string, language: string | null | undefined): string {
  const ticks = code.includes("```") ? "````" : "```";
  return `${ticks}${language?.trim() ?? ""}\n${code.replace(/\n+$/, "")}\n${ticks}`;
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, " ").trim();
}
