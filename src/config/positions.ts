import { type Document, isMap, isNode, isPair, isScalar, isSeq, type LineCounter, type Node } from "yaml";
import type { ConfigIssue } from "../core/errors.ts";

/**
 * Maps a dotted path inside a parsed YAML document back to a line and column, so every config
 * problem can be reported as `file:LINE:COL  path: message`.
 */
export type PathSegment = string | number;

export function dotted(path: readonly PathSegment[]): string {
  return path.map(String).join(".");
}

/** The deepest node on `path` that exists (a missing key points at its parent map). */
function deepestNode(doc: Document, path: readonly PathSegment[]): { node: Node | null; found: boolean } {
  let node: unknown = doc.contents;
  for (const segment of path) {
    if (isMap(node)) {
      const next = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!next) return { node: node as Node, found: false };
      node = next.value ?? next.key;
    } else if (isSeq(node)) {
      const next = node.items[Number(segment)];
      if (next === undefined) return { node: node as Node, found: false };
      node = next;
    } else {
      return { node: isNode(node) ? node : null, found: false };
    }
  }
  return { node: isNode(node) ? node : null, found: true };
}

/** Position of the key itself (for unknown-key errors) when `path` ends in a map key. */
export function keyOffset(doc: Document, path: readonly PathSegment[], key: string): number | undefined {
  const { node } = deepestNode(doc, path);
  if (!isMap(node)) return undefined;
  const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
  return isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
}

/** Character offset of the node at `path` (or of its nearest existing ancestor). */
export function nodeOffset(doc: Document, path: readonly PathSegment[]): number {
  const { node } = deepestNode(doc, path);
  return node?.range?.[0] ?? 0;
}

export function issueAt(
  file: string,
  lines: LineCounter,
  offset: number,
  path: readonly PathSegment[],
  message: string,
): ConfigIssue {
  const { line, col } = lines.linePos(offset);
  return { file, line, col, path: dotted(path), message };
}
