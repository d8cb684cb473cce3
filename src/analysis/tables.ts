import type { Tokens } from "marked";
import { readInline } from "./inline.ts";
import { locateLines, type Walk } from "./leaf-source.ts";

/**
 * GFM tables: pipes are not text (spec §2.1), each cell is read on its own so names never run across
 * cells, and every body row is an item (spec §3); the header row is not.
 */

/** Cell ranges of a table row: split at unescaped pipes, outer pipes dropped (GFM). */
export function splitCells(line: string): [number, number][] {
  const cells: [number, number][] = [];
  let i = 0;
  while (i < line.length && (line[i] === " " || line[i] === "\t")) i++;
  if (line[i] === "|") i++;
  let start = i;
  for (; i < line.length; i++) {
    const ch = line[i];
    if (ch === "\\") i++;
    else if (ch === "|") {
      cells.push([start, i]);
      start = i + 1;
    }
  }
  if (line.slice(start).trim() !== "") cells.push([start, line.length]);
  return cells;
}

function readRow(w: Walk, line: string): { start: number; end: number } | null {
  const leaf = locateLines(w, [line]);
  if (leaf === null) return null;
  const start = leaf.srcStarts[0] as number;
  w.ctx.out.block(start);
  for (const [from, to] of splitCells(leaf.text)) {
    w.ctx.out.separator(start + from);
    readInline(w.ctx, leaf, from, to);
  }
  return { start, end: start + leaf.text.length };
}

/** Reads a table: the header row as text, each body row as text and as an item. */
export function readTable(w: Walk, token: Tokens.Table): void {
  const lines = token.raw
    .replace(/\n+$/, "")
    .split("\n")
    .filter((line) => line.trim() !== "");
  const header = lines[0];
  if (header !== undefined) readRow(w, header);
  const delimiter = lines[1];
  if (delimiter !== undefined) locateLines(w, [delimiter]);
  lines.slice(2).forEach((line, r) => {
    const row = readRow(w, line);
    if (row !== null) w.items.push({ start: row.start, end: row.end, index: r + 1, kind: "row" });
  });
}
