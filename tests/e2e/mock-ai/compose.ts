import type { MockAnswer } from "./answer.ts";
import type { MockSource } from "./sources.ts";

/**
 * Lays a mock answer out as markdown and records where each cited claim sits, so every wire
 * format can attach citations its own way: an inline link (OpenAI), a `[n]` marker
 * (Perplexity), nothing in the text but a citation on the block (Anthropic) or a grounding
 * support (Gemini). All indices are JavaScript string (UTF-16) indices; formats convert.
 */

export interface CitedSpan {
  /** The claim: a whole list line or paragraph, marker excluded. */
  start: number;
  end: number;
  source: MockSource;
  /** The marker appended after the claim (empty when the format puts nothing in the text). */
  markerStart: number;
  markerEnd: number;
}

export interface ComposedText {
  text: string;
  spans: CitedSpan[];
  /** Where each list item's line starts: safe places to split the text into parts or blocks. */
  itemStarts: number[];
}

/** Text to append after a cited claim, e.g. ` ([fiken.no](https://fiken.no/?utm_source=openai))`. */
export type Marker = (source: MockSource) => string;

class Builder {
  text = "";
  readonly spans: CitedSpan[] = [];

  /** Appends a claim, then its marker when it has a source. */
  claim(claim: string, source: MockSource | undefined, marker: Marker | null): void {
    const start = this.text.length;
    this.text += claim;
    const end = this.text.length;
    if (!source || !marker) return;
    this.text += marker(source);
    this.spans.push({ start, end, source, markerStart: end, markerEnd: this.text.length });
  }

  plain(text: string): void {
    this.text += text;
  }
}

/** `marker: null` lays out an answer given without web search: no citations at all. */
export function composeMarkdown(answer: MockAnswer, marker: Marker | null): ComposedText {
  const b = new Builder();
  const itemStarts: number[] = [];
  b.claim(answer.intro, answer.introSource, marker);
  b.plain("\n\n");
  if (answer.listHeading) b.plain(`### ${answer.listHeading}\n\n`);
  answer.items.forEach((item, i) => {
    itemStarts.push(b.text.length);
    const bullet = answer.numbered ? `${i + 1}.` : "-";
    b.claim(`${bullet} **${item.brand.name}** – ${item.description}`, item.source, marker);
    b.plain("\n");
  });
  if (answer.table) {
    const row = (cells: readonly string[]) => `| ${cells.join(" | ")} |\n`;
    b.plain(`\n${row(answer.table.header)}${row(answer.table.header.map(() => "---"))}`);
    for (const cells of answer.table.rows) b.plain(row(cells));
  }
  if (answer.tips.length > 0) {
    b.plain(`\n**${answer.tipsHeading}**\n\n`);
    for (const tip of answer.tips) b.plain(`- ${tip}\n`);
  }
  b.plain("\n");
  b.claim(answer.closing, answer.closingSource, marker);
  return { text: b.text, spans: b.spans, itemStarts };
}

/** Plain and cited stretches in text order, covering the whole text (for block-based formats). */
export function stretches(composed: ComposedText): { text: string; source?: MockSource }[] {
  const out: { text: string; source?: MockSource }[] = [];
  let at = 0;
  for (const span of composed.spans) {
    if (span.start > at) out.push({ text: composed.text.slice(at, span.start) });
    out.push({ text: composed.text.slice(span.start, span.markerEnd), source: span.source });
    at = span.markerEnd;
  }
  if (at < composed.text.length) out.push({ text: composed.text.slice(at) });
  return out;
}

/** Number of code points in `text` before UTF-16 index `index` (OpenAI's offset unit). */
export function codePointIndex(text: string, index: number): number {
  return Array.from(text.slice(0, index)).length;
}

/** Number of UTF-8 bytes in `text` before UTF-16 index `index` (Gemini's offset unit). */
export function byteIndex(text: string, index: number): number {
  return Buffer.byteLength(text.slice(0, index), "utf8");
}

/** Rough token count of a text (4 characters a token), for `usage` fields. */
export function tokensOf(text: string): number {
  return Math.ceil(text.length / 4);
}
