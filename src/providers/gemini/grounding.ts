import type { SourceRef } from "../types.ts";
import type { GeminiChunk, GeminiPart, GeminiSupport } from "./schema.ts";
import { sourceOfChunk } from "./source-url.ts";

/**
 * Gemini's answer text and its sources (spec §4, Gemini row): chunks named by a grounding support
 * are cited, at the support's span; the others were only retrieved. With no supports at all, every
 * chunk counts as cited (without a span), because then the engine tied all of them to the answer.
 */

export interface GroundingInput {
  /** All parts of the candidate, thought parts included: `segment.partIndex` counts them. */
  parts: readonly GeminiPart[];
  chunks: readonly GeminiChunk[];
  supports: readonly GeminiSupport[];
}

export interface GroundedAnswer {
  /** The answer parts' text joined as sent (no separator), thought parts left out. */
  text: string;
  citations: SourceRef[];
  retrieved: SourceRef[];
  warnings: string[];
}

interface Span {
  startIndex: number;
  endIndex: number;
}

/** UTF-8 length of the code point `cp`. */
function utf8Length(cp: number): number {
  if (cp < 0x80) return 1;
  if (cp < 0x800) return 2;
  if (cp < 0x10000) return 3;
  return 4;
}

/**
 * The UTF-16 index in `text` at UTF-8 byte offset `byteOffset`; undefined when the offset is past
 * the end or falls inside a character (then the offsets are not bytes, or not into this text).
 */
export function utf16IndexOfByte(text: string, byteOffset: number): number | undefined {
  let bytes = 0;
  let i = 0;
  while (i < text.length) {
    if (bytes === byteOffset) return i;
    if (bytes > byteOffset) return undefined;
    const cp = text.codePointAt(i) ?? 0;
    bytes += utf8Length(cp);
    i += cp > 0xffff ? 2 : 1;
  }
  return bytes === byteOffset ? i : undefined;
}

/** The answer text and where each answer part starts in it (undefined for thought/non-text parts). */
function joinParts(parts: readonly GeminiPart[]): { text: string; starts: (number | undefined)[] } {
  let text = "";
  const starts: (number | undefined)[] = [];
  for (const part of parts) {
    if (part.thought === true || typeof part.text !== "string") {
      starts.push(undefined);
      continue;
    }
    starts.push(text.length);
    text += part.text;
  }
  return { text, starts };
}

/** The support's span in the joined text, located by bytes, or by its `text` when the bytes disagree. */
function spanOf(
  support: GeminiSupport,
  parts: readonly GeminiPart[],
  starts: readonly (number | undefined)[],
  warnings: string[],
): Span | undefined {
  const segment = support.segment;
  if (!segment) return undefined;
  const partIndex = segment.partIndex ?? 0;
  const partStart = starts[partIndex];
  const partText = parts[partIndex]?.text;
  if (partStart === undefined || typeof partText !== "string") {
    warnings.push(`grounding support names part ${partIndex}, which is not answer text; span dropped`);
    return undefined;
  }
  const startByte = segment.startIndex ?? 0;
  const endByte =
    segment.endIndex ??
    (typeof segment.text === "string" ? startByte + Buffer.byteLength(segment.text, "utf8") : undefined);
  const start = utf16IndexOfByte(partText, startByte);
  const end = endByte === undefined ? undefined : utf16IndexOfByte(partText, endByte);
  const expected = segment.text;
  if (start !== undefined && end !== undefined && start <= end) {
    if (typeof expected !== "string" || partText.slice(start, end) === expected) {
      return { startIndex: partStart + start, endIndex: partStart + end };
    }
  }
  // Offsets that miss the segment's own text mean Google changed units again; the text still locates it.
  const found = typeof expected === "string" && expected !== "" ? partText.indexOf(expected) : -1;
  if (found >= 0 && typeof expected === "string") {
    warnings.push(`grounding segment bytes ${startByte}-${endByte} disagree with its text; located by text`);
    return { startIndex: partStart + found, endIndex: partStart + found + expected.length };
  }
  warnings.push(`grounding segment bytes ${startByte}-${endByte} do not fit part ${partIndex}; span dropped`);
  return undefined;
}

/** Text, cited and retrieved sources of one (possibly merged) candidate. */
export function groundAnswer(input: GroundingInput): GroundedAnswer {
  const warnings: string[] = [];
  const { text, starts } = joinParts(input.parts);
  const sources = input.chunks.map((chunk, index) => {
    const { source, warning } = sourceOfChunk(chunk, index);
    if (warning) warnings.push(warning);
    return source;
  });
  const present = (s: SourceRef | undefined): s is SourceRef => s !== undefined;
  if (input.supports.length === 0) {
    return { text, citations: sources.filter(present), retrieved: [], warnings };
  }
  const citations: SourceRef[] = [];
  const cited = new Set<number>();
  for (const support of input.supports) {
    const span = spanOf(support, input.parts, starts, warnings);
    for (const index of support.groundingChunkIndices ?? []) {
      const source = sources[index];
      if (index < 0 || index >= sources.length) {
        warnings.push(`grounding support names chunk ${index}, which does not exist`);
        continue;
      }
      cited.add(index);
      if (source) citations.push(span ? { ...source, ...span } : { ...source });
    }
  }
  const retrieved = sources.flatMap((s, index) => (s && !cited.has(index) ? [s] : []));
  return { text, citations, retrieved, warnings };
}
