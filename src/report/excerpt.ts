import type { Excerpt } from "./model.ts";

/** Which answers a finding wants quoted, and the brand to highlight in them (null: none). */
export interface ExcerptRequest {
  answerId: number;
  brand: string | null;
}

/**
 * Quotes answers for findings. The report builder is pure, so storage supplies this (answers.text
 * plus mention evidence); answers it cannot find are left out.
 */
export type ExcerptsFor = (answerIds: readonly number[], brand: string | null) => Excerpt[];

/** What `makeExcerpt` needs of a stored answer. */
export interface ExcerptSource {
  answerId: number;
  engine: string;
  questionId: string;
  /** ms since the epoch */
  askedAt: number;
  text: string;
}

/** The first evidence span of a mention (spec §2: UTF-16 offset and length in the answer text). */
export interface EvidenceSpan {
  offset: number;
  length: number;
  sentence: string;
}

/** Longest excerpt text in UTF-16 code units; longer sentences are cut around the highlight. */
export const EXCERPT_MAX = 280;

/**
 * The excerpt of an answer: the sentence around the mention with the brand's span in it, a window
 * of the text around the span when the sentence cannot be placed, or the answer's opening lines
 * when there is no span.
 */
export function makeExcerpt(source: ExcerptSource, evidence: EvidenceSpan | null): Excerpt {
  const base = {
    answerId: source.answerId,
    engine: source.engine,
    questionId: source.questionId,
    askedAt: new Date(source.askedAt).toISOString(),
    command: `sightline answers show ${source.answerId}`,
  };
  if (!evidence || evidence.offset < 0 || evidence.offset + evidence.length > source.text.length) {
    return { ...base, text: clip(source.text, 0, EXCERPT_MAX).text, highlight: null };
  }
  const sentence = evidence.sentence.trim();
  const at = sentence ? source.text.lastIndexOf(sentence, evidence.offset) : -1;
  const placed = at >= 0 && at + sentence.length >= evidence.offset + evidence.length;
  const from = placed ? at : Math.max(0, evidence.offset - 120);
  const to = placed
    ? at + sentence.length
    : Math.min(source.text.length, evidence.offset + evidence.length + 120);
  const window = source.text.slice(from, to);
  const start = evidence.offset - from;
  if (window.length <= EXCERPT_MAX) {
    return { ...base, text: window, highlight: { start, length: evidence.length } };
  }
  // Keep the highlight in view: centre the cut on it.
  const cutFrom = Math.max(
    0,
    Math.min(start - Math.floor((EXCERPT_MAX - evidence.length) / 2), window.length - EXCERPT_MAX),
  );
  const cut = clip(window, cutFrom, EXCERPT_MAX);
  return {
    ...base,
    text: cut.text,
    highlight: { start: start - cutFrom + cut.shift, length: evidence.length },
  };
}

/** `max` code units of `text` from `from`, with an ellipsis on each cut side; `shift` is the prefix added. */
function clip(text: string, from: number, max: number): { text: string; shift: number } {
  const body = text.slice(from, from + max).replace(/\s+$/, "");
  const head = from > 0 ? "…" : "";
  const tail = from + max < text.length ? "…" : "";
  return { text: `${head}${body}${tail}`, shift: head.length };
}
