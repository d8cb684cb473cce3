import type { SourceRef } from "../types.ts";
import {
  type ContentBlock,
  isSearchResult,
  isServerToolUse,
  isText,
  isToolBlock,
  type TextBlock,
} from "./schema.ts";

/** What one answer's content blocks say, before usage and model are added. */
export interface AssembledAnswer {
  text: string;
  citations: SourceRef[];
  retrieved: SourceRef[];
  searchQueries: string[];
  /** Text before the answer (the "I'll search for…" preamble and narration between searches). */
  preamble: string | undefined;
  warnings: string[];
}

/** Separates stretches of preamble/narration that tool blocks split, so sentences do not run together. */
const stretchSeparator = "\n\n";

/**
 * Turns the content blocks of one answer (the blocks of every response of a `pause_turn` chain,
 * concatenated) into text, citations and sources. The answer is the text after the last tool block;
 * text before it (preamble, narration between searches) is kept as `preamble`, never analysed, and
 * citations on it are not counted. Anthropic has no citation offsets: a citation belongs to its text
 * block, so its span is the block's span in the joined answer text.
 */
export function assembleAnswer(blocks: readonly ContentBlock[]): AssembledAnswer {
  const lastTool = blocks.findLastIndex(isToolBlock);
  const answerBlocks = blocks.slice(lastTool + 1).filter(isText);
  const { text, citations } = joinAnswer(answerBlocks);
  const titles = resultTitles(blocks);
  for (const c of citations) {
    const title = c.title ?? titles.get(c.url);
    if (title) c.title = title;
  }
  return {
    text,
    citations,
    retrieved: retrievedOnly(blocks, new Set(citations.map((c) => c.url))),
    searchQueries: blocks
      .filter(isServerToolUse)
      .filter((b) => b.name === "web_search")
      .map((b) => queryOf(b.input))
      .filter((q): q is string => q !== undefined),
    preamble: preambleOf(blocks.slice(0, lastTool + 1)),
    warnings: blocks
      .filter(isSearchResult)
      .flatMap((b) => (Array.isArray(b.content) ? [] : [`web_search_error:${b.content.error_code}`])),
  };
}

/** Joins the answer's blocks as sent (they split mid-sentence) and gives each citation its block's span. */
function joinAnswer(blocks: readonly TextBlock[]): { text: string; citations: SourceRef[] } {
  let text = "";
  const citations: SourceRef[] = [];
  for (const block of blocks) {
    const startIndex = text.length;
    text += block.text;
    for (const c of block.citations ?? []) {
      if (c.type !== "web_search_result_location" || !c.url) continue;
      const ref: SourceRef = { url: c.url, startIndex, endIndex: text.length };
      if (c.title) ref.title = c.title;
      citations.push(ref);
    }
  }
  return { text, citations };
}

/** Search results no answer block cites, first appearance kept, each URL once (spec §4 "retrieved"). */
function retrievedOnly(blocks: readonly ContentBlock[], cited: ReadonlySet<string>): SourceRef[] {
  const seen = new Set<string>();
  const out: SourceRef[] = [];
  for (const block of blocks.filter(isSearchResult)) {
    if (!Array.isArray(block.content)) continue;
    for (const r of block.content) {
      if (cited.has(r.url) || seen.has(r.url)) continue;
      seen.add(r.url);
      out.push(r.title ? { url: r.url, title: r.title } : { url: r.url });
    }
  }
  return out;
}

/** Result titles by URL, for citations that arrive with `title: null`. */
function resultTitles(blocks: readonly ContentBlock[]): Map<string, string> {
  const titles = new Map<string, string>();
  for (const block of blocks.filter(isSearchResult)) {
    if (!Array.isArray(block.content)) continue;
    for (const r of block.content) if (r.title && !titles.has(r.url)) titles.set(r.url, r.title);
  }
  return titles;
}

/** Text stretches before the answer; undefined when the engine did not search at all. */
function preambleOf(blocks: readonly ContentBlock[]): string | undefined {
  if (blocks.length === 0) return undefined;
  const stretches: string[] = [];
  let current = "";
  for (const block of blocks) {
    if (isText(block)) current += block.text;
    else if (isToolBlock(block) && current.trim()) {
      stretches.push(current.trim());
      current = "";
    }
  }
  if (current.trim()) stretches.push(current.trim());
  return stretches.length > 0 ? stretches.join(stretchSeparator) : undefined;
}

function queryOf(input: unknown): string | undefined {
  const q = (input as { query?: unknown } | null)?.query;
  return typeof q === "string" ? q : undefined;
}
