import type { SourceRef } from "../types.ts";
import type { Span } from "./markdown.ts";
import type { Reference, SerpApiBody } from "./schema.ts";

/**
 * Cited and retrieved sources of a SERP answer (spec §4, "SERP surfaces"): every `references[]`
 * entry of the answer is cited; organic results and related questions are only retrieved.
 */

/**
 * All references as citations: first those the text uses, in order of first use (each with the
 * UTF-16 span of the block or list item that uses it first), then the unused ones in array order.
 * `reference_indexes` name `references[].index`; a reference without `index` is named by its
 * array position. Links are kept as given, `#:~:text=` fragments included (analysis normalises).
 */
export function citationsOf(
  references: readonly Reference[],
  firstUse: ReadonlyMap<number, Span>,
  warnings: string[],
): SourceRef[] {
  const entries = references.map((reference, position) => ({
    reference,
    index: reference.index ?? position,
  }));
  const taken = new Set<number>();
  const out: SourceRef[] = [];
  const add = (position: number, span?: Span) => {
    if (taken.has(position)) return;
    taken.add(position);
    const ref = entries[position]?.reference;
    if (!ref) return;
    if (!isWebUrl(ref.link)) {
      warnings.push(
        `reference ${entries[position]?.index} has no usable link: ${String(ref.link).slice(0, 100)}`,
      );
      return;
    }
    out.push({
      url: ref.link,
      ...(ref.title ? { title: ref.title } : {}),
      ...(span ? { startIndex: span.start, endIndex: span.end } : {}),
    });
  };
  for (const [index, span] of firstUse) {
    const positions = entries.flatMap((e, position) => (e.index === index ? [position] : []));
    if (positions.length === 0) warnings.push(`reference_indexes names ${index}, which no reference has`);
    for (const position of positions) add(position, span);
  }
  for (const position of entries.keys()) add(position);
  return out;
}

/** Organic results, then related questions (their own `link`; their nested overviews are not ours). */
export function retrievedOf(body: SerpApiBody): SourceRef[] {
  const out: SourceRef[] = [];
  for (const entry of [...(body.organic_results ?? []), ...(body.related_questions ?? [])]) {
    if (!isWebUrl(entry.link)) continue;
    const title = entry.title ?? entry.question;
    out.push({ url: entry.link, ...(title ? { title } : {}) });
  }
  return out;
}

function isWebUrl(link: string | null | undefined): link is string {
  if (!link || !URL.canParse(link)) return false;
  const { protocol } = new URL(link);
  return protocol === "https:" || protocol === "http:";
}
