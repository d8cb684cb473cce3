import type { Excerpt } from "./model.ts";

/**
 * An excerpt split for display: the text before the highlighted brand, the brand, the text after.
 * Excerpts are the answer's markdown; strong-emphasis markers (`**`, `__`) are dropped so a quote
 * reads like the rendered answer, and line breaks become spaces. Everything else is kept as
 * written (and escaped later by each renderer), because a quote must not be reworded.
 */
export interface ExcerptPieces {
  before: string;
  /** The highlighted span; empty when the excerpt has no highlight. */
  mark: string;
  after: string;
}

function clean(text: string): string {
  return text.replace(/\*\*|__/g, "").replace(/\s+/g, " ");
}

export function excerptPieces(excerpt: Excerpt): ExcerptPieces {
  const text = excerpt.text;
  const h = excerpt.highlight;
  const valid = h !== null && h.start >= 0 && h.length > 0 && h.start + h.length <= text.length;
  if (!valid) return { before: clean(text).trim(), mark: "", after: "" };
  return {
    before: clean(text.slice(0, h.start)).trimStart(),
    mark: clean(text.slice(h.start, h.start + h.length)),
    after: clean(text.slice(h.start + h.length)).trimEnd(),
  };
}
