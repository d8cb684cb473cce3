/**
 * The report model: numbers, not strings (architecture "Report model"). Built by pure functions
 * from facts; every renderer (JSON, markdown, CSV, e-mail HTML + PNG charts) reads only this.
 * Rates are fractions in [0, 1]; times are ISO strings; periods are ISO weeks (`2026-W47`).
 */

/** A proportion with its Wilson 95 % interval (spec §6). */
export interface Rate {
  /** successes ÷ n, or null when n = 0 (a gap, never 0 %). */
  value: number | null;
  successes: number;
  n: number;
  low: number | null;
  high: number | null;
  /** n < 10: shown, but marked directional. */
  directional: boolean;
}

/** A change between two periods, tested with a two-proportion z-test (spec §6). */
export interface Change {
  from: Rate;
  to: Rate;
  /** to − from, in rate points (fraction), null when either side is a gap. */
  delta: number | null;
  /** Two-sided p-value, null when the test does not apply (a gap on either side). */
  pValue: number | null;
  /** p < 0.05: only significant changes are called changes. */
  significant: boolean;
}

export interface Period {
  /** `2026-W47` */
  id: string;
  /** Inclusive start and exclusive end, ISO. */
  start: string;
  end: string;
}

/** Metrics of one brand in one cell (period × engine × stage × question, any of them rolled up). */
export interface BrandMetrics {
  brand: string;
  role: "own" | "competitor";
  mentionRate: Rate;
  /** Answers mentioning the brand ÷ Σ over tracked brands of answers mentioning them; null when none. */
  shareOfVoice: number | null;
  /** Mean rank over answers mentioning the brand; null when never mentioned. */
  averageRank: number | null;
  top1Rate: Rate;
  /** Mean positionWeight over all n answers (0 when not mentioned). */
  brandScore: number | null;
  /** Mean normalised PAWC word share over all n answers. */
  wordShare: number | null;
}

/** Citation metrics of our brand in a cell. */
export interface CitationMetrics {
  /** Answers citing an owned domain ÷ answers with at least one citation. */
  citationRate: Rate;
  /** Citations to owned domains ÷ all citations (a share, with its own Wilson interval over citations). */
  citationShare: Rate;
}

/** The key of a metric cell; `null` in a dimension means "all" (rolled up). */
export interface CellKey {
  period: string;
  engine: string | null;
  stage: string | null;
  question: string | null;
}

export interface MetricCell {
  key: CellKey;
  /** Answers in the cell (failures excluded, spec §7). */
  n: number;
  /** Items that failed for good in the cell. */
  failed: number;
  /** Every attempt failed: a gap, shown as such, never as 0 %. */
  gap: boolean;
  brands: BrandMetrics[];
  citations: CitationMetrics;
  /** Mean pairwise Jaccard of mentioned-brand sets between samples of a question × engine; null below 2 samples. */
  stability: number | null;
  /** Brands mentioned in at least half of the cell's answers (meaningful per question). */
  considerationSet: string[];
}

/** Why a trend line breaks at a period. */
export interface TrendMarker {
  period: string;
  kind: "question-text-changed" | "served-model-changed";
  subject: string;
  detail: string;
}

export interface TrendPoint {
  period: string;
  /** Our brand's mention rate (and competitors' for the leaderboard chart), per series name. */
  values: Record<string, Rate>;
}

export interface Trend {
  /** What the series are of, e.g. "mention rate by brand, all engines". */
  title: string;
  series: string[];
  points: TrendPoint[];
  markers: TrendMarker[];
  /** Display names of series that are ids (engine id → its label from the query file; `all` → `all`). */
  seriesLabels?: Record<string, string>;
}

/** A short quote from an answer that shows a change, with the evidence span. */
export interface Excerpt {
  answerId: number;
  engine: string;
  questionId: string;
  askedAt: string;
  /** The sentence (or a window of the text) around the mention. */
  text: string;
  /** Span of the brand in `text` (UTF-16), when the excerpt shows a mention. */
  highlight: { start: number; length: number } | null;
  /** `sightline answers show <id>` */
  command: string;
}

export type FindingKind =
  | "own-dropped"
  | "own-rose"
  | "competitor-overtook"
  | "domain-newly-cited"
  | "domain-lost"
  | "opportunity";

/** A notable, significant change (or an opportunity), with evidence. */
export interface Finding {
  kind: FindingKind;
  /** What the finding is about: an engine, a stage, a brand, a domain or a question id. */
  subject: string;
  brand: string | null;
  engine: string | null;
  stage: string | null;
  change: Change | null;
  /** Numbers in words are the renderer's job; this is a stable machine description. */
  detail: Record<string, string | number | null>;
  excerpts: Excerpt[];
}

export interface DomainRow {
  domain: string;
  owner: string | null;
  category: string;
  citations: number;
  /** Answers citing the domain ÷ answers in the period. */
  answerShare: Rate;
  change: Change | null;
}

export interface PageRow {
  url: string;
  domain: string;
  owner: string | null;
  category: string;
  citations: number;
}

export interface EngineRow {
  engine: string;
  label: string;
  servedModels: string[];
  surface: string;
  n: number;
  failed: number;
  gap: boolean;
  own: BrandMetrics | null;
  citations: CitationMetrics;
  change: Change | null;
}

export interface StageRow {
  stage: string;
  n: number;
  own: BrandMetrics | null;
  change: Change | null;
}

export interface ReportModel {
  /** Version of this model's shape (for JSON consumers). */
  schemaVersion: 1;
  generatedAt: string;
  brand: string;
  competitors: string[];
  language: "en" | "nb";
  timezone: string;
  period: Period;
  /** The period compared against (the previous week, or a chosen baseline). */
  baseline: Period | null;
  /** Some answers came from the offline replay engine: every rendering must say so. */
  replay: boolean;
  totals: { answers: number; failed: number; engines: number; questions: number; costUsd: number };
  scorecard: StageRow[];
  engines: EngineRow[];
  leaderboard: BrandMetrics[];
  trends: Trend[];
  domains: DomainRow[];
  pages: PageRow[];
  findings: Finding[];
  /** Every metric cell of the period (for CSV and JSON consumers). */
  cells: MetricCell[];
  missedSlots: { schedule: string; slot: string }[];
  /** Definitions and caveats shown with the numbers (tracked brands only, directional cells ...). */
  notes: string[];
}
