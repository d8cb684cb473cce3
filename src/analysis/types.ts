import type { DomainCategory, ThirdPartyCategory } from "../core/brands.ts";
import type { SourceRef } from "../providers/types.ts";

/**
 * Output shapes of the analysis (spec §2–4). Everything here is a pure function of stored data;
 * `ANALYSIS_VERSION` is stored with every analysis row so old rows can be told apart and redone.
 */
export const ANALYSIS_VERSION = 1;

/** One occurrence of a brand, with the sentence around it (evidence for reports). */
export interface Evidence {
  /** UTF-16 offset into the answer text. */
  offset: number;
  /** Length in UTF-16 code units of the matched text. */
  length: number;
  sentence: string;
}

export interface Mention {
  /** The brand's `name` exactly as written in the query file. */
  brand: string;
  count: number;
  /** UTF-16 offset of the first occurrence in the answer text. */
  firstOffset: number;
  /** 1 + other tracked brands mentioned first (spec §3). */
  rank: number;
  /** 1-based index of the innermost item holding the first mention, or null (spec §3). */
  listPosition: number | null;
  /** 0.9^(rank−1). */
  positionWeight: number;
  evidence: Evidence[];
}

export type CitationSource = "native" | "link" | "bare";

export interface Citation {
  /** Normalised URL (spec §4 "Normalization"). */
  url: string;
  /** Registrable domain (public-suffix aware). */
  domain: string;
  /** Tracked brand owning the host, or null for a third party. */
  owner: string | null;
  category: DomainCategory;
  source: CitationSource;
  title?: string;
}

export interface AnalysisResult {
  mentions: Mention[];
  /** Mentioned tracked brands ordered by first mention. */
  ranking: string[];
  citations: Citation[];
  /** Engine sources retrieved but not cited, normalised the same way; never counted. */
  retrieved: Citation[];
}

/** What the analysis reads of an answer. */
export interface AnswerInput {
  text: string;
  citations: SourceRef[];
  retrieved?: SourceRef[];
}

/** User extensions of the built-in third-party domain table: domain → category. */
export type CategoryOverrides = Record<string, ThirdPartyCategory>;

/**
 * A link found in the answer's markdown: an inline link, a source pill, a reference-style
 * definition or autolink (`source: "link"`), or a bare URL in the text (`source: "bare"`).
 * Produced by the markdown reader, consumed by the citation builder.
 */
export interface LinkOccurrence {
  /** The link target as written (not yet normalised). */
  url: string;
  /** Link text or definition title, when any. */
  title?: string;
  source: "link" | "bare";
  /** UTF-16 offset of the link (or URL) in the answer text. */
  offset: number;
}
