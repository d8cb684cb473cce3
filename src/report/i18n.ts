/**
 * Every word a report shows, in English and Norwegian bokmål. Renderers take labels from here and
 * numbers from `i18n-format.ts`; none of them holds a literal sentence, so both languages stay
 * complete (the `Labels` type makes a missing entry a compile error).
 */
import { en } from "./i18n-en.ts";
import { nb } from "./i18n-nb.ts";

export type Language = "en" | "nb";

export interface Labels {
  /** BCP 47 locale for Intl formatting. en-GB: day before month, no ambiguity for European readers. */
  locale: string;
  reportTitle: string;
  week: (week: number, year: number) => string;
  comparedWith: string;
  noBaseline: string;
  noComparison: string;
  replayTag: string;
  replayBanner: string;
  headlineRate: (brand: string, rate: string) => string;
  headlineNoRate: (brand: string) => string;
  biggestChange: string;
  noSignificantChange: string;
  directional: string;
  ci: string;
  gap: string;
  noBaselineShort: string;
  sections: {
    scorecard: string;
    findings: string;
    engines: string;
    leaderboard: string;
    domains: string;
    pages: string;
    trends: string;
    notes: string;
    definitions: string;
  };
  columns: {
    stage: string;
    engine: string;
    brand: string;
    mentionRate: string;
    interval: string;
    n: string;
    change: string;
    shareOfVoice: string;
    averageRank: string;
    top1: string;
    citationRate: string;
    domain: string;
    category: string;
    citations: string;
    answerShare: string;
    page: string;
    servedModel: string;
    period: string;
  };
  allStages: string;
  /** The all-engines series of a trend (series id `all`). */
  allEngines: string;
  stages: Record<string, string>;
  categories: Record<string, string>;
  owner: { own: string; competitor: string };
  noFindings: string;
  showAnswer: string;
  /** Quotation marks around quoted answer text. */
  quotes: [string, string];
  markers: { "question-text-changed": string; "served-model-changed": string };
  totals: (answers: string, engines: string, questions: string, failed: string, cost: string) => string;
  missedSlots: string;
  charts: {
    leaderboard: string;
    engines: (brand: string) => string;
    barKey: string;
    trendKey: (highlighted: string | null) => string;
  };
  footer: string;
  definitions: string[];
}

const byLanguage: Record<Language, Labels> = { en, nb };

export function labelsFor(language: Language): Labels {
  return byLanguage[language];
}

/** A stage's display name; stages outside the built-in three are shown as written. */
export function stageLabel(labels: Labels, stage: string): string {
  return labels.stages[stage] ?? stage;
}

export function categoryLabel(labels: Labels, category: string): string {
  return labels.categories[category] ?? category;
}
