import { fill, type Language, languageOf, phrases } from "./phrases.ts";
import { hashString, Random } from "./random.ts";
import { brandSource, defaultBrands, type MockSource, thirdPartySource } from "./sources.ts";
import type { MockBrand } from "./types.ts";

/**
 * The content of one mock answer, independent of any wire format: what is recommended, in which
 * order, and which page backs each claim. Wire formats render it (markdown with links, `[n]`
 * markers, grounding supports, SerpApi text blocks). Deterministic from (seed, counter, question).
 */

export interface MockItem {
  brand: MockBrand;
  description: string;
  source: MockSource;
}

export interface MockTable {
  header: string[];
  rows: string[][];
}

export interface MockAnswer {
  language: Language;
  question: string;
  /** One or two sentences before the list; `introSource` backs it when set. */
  intro: string;
  introSource: MockSource | undefined;
  listHeading: string | undefined;
  numbered: boolean;
  /** The recommendations in rank order. */
  items: MockItem[];
  table: MockTable | undefined;
  tipsHeading: string;
  tips: string[];
  closing: string;
  closingSource: MockSource | undefined;
  /** Every page the engine retrieved, each URL once, cited or not, in retrieval order. */
  sources: MockSource[];
  queries: string[];
  preamble: string;
  /** Prompt-side tokens to report (search results fed back included). */
  inputTokens: number;
  reasoningTokens: number;
  /** Seed for a wire format's own choices (ids, where to split parts), so they are reproducible too. */
  salt: number;
}

export interface AnswerInput {
  question: string;
  /** The per-provider request number (1-based). */
  counter: number;
  seed: number;
  brands?: readonly MockBrand[];
}

export function generateAnswer(input: AnswerInput): MockAnswer {
  const random = new Random(hashString(`${input.seed}|${input.counter}|${input.question}`));
  const brands = input.brands?.length ? input.brands : defaultBrands;
  const language = languageOf(input.question);
  const p = phrases[language];

  const count = Math.min(brands.length, random.int(3, 6));
  const ranked = random.shuffle(brands).slice(0, count);
  const descriptions = random.shuffle(p.descriptions);
  const details = random.shuffle(p.details);
  const items = ranked.map((brand, i) => ({
    brand,
    description: `${descriptions[i % descriptions.length]} ${details[i % details.length]}`,
    source: random.chance(0.65)
      ? brandSource(random, brand, language)
      : thirdPartySource(random, random.chance(0.5) ? brand : undefined),
  }));

  const first = ranked[0]?.name ?? "";
  const second = ranked[1]?.name ?? first;
  const introSource = random.chance(0.6) ? thirdPartySource(random) : undefined;
  const closingSource = random.chance(0.5) ? items[0]?.source : undefined;
  const unlisted = brands.filter((b) => !ranked.includes(b));
  const uncited = Array.from({ length: random.int(1, 3) }, () =>
    unlisted.length > 0 && random.chance(0.5)
      ? brandSource(random, random.pick(unlisted), language)
      : thirdPartySource(random),
  );

  const cited = [introSource, ...items.map((i) => i.source)].filter((s): s is MockSource => s !== undefined);
  return {
    language,
    question: input.question,
    intro: random.chance(0.5)
      ? `${random.pick(p.intros)} ${random.pick(p.introFollowUps)}`
      : random.pick(p.intros),
    introSource,
    listHeading: random.chance(0.7) ? random.pick(p.listHeadings) : undefined,
    numbered: random.chance(0.6),
    items,
    table: random.chance(0.4) ? tableOf(random, items, language) : undefined,
    tipsHeading: p.tipsHeading,
    tips: random.chance(0.6) ? random.shuffle(p.tips).slice(0, 3) : [],
    closing: `${fill(random.pick(p.closings), first, second)} ${random.pick(p.outros)}`,
    closingSource,
    sources: uniqueByUrl(random.shuffle([...cited, ...uncited])),
    queries: [input.question, fill(random.pick(p.queries), first, second)].slice(0, random.int(1, 2)),
    preamble: random.pick(p.preambles),
    inputTokens: random.int(1_800, 12_000),
    reasoningTokens: random.int(0, 600),
    salt: random.int(0, 2 ** 31),
  };
}

function tableOf(random: Random, items: readonly MockItem[], language: Language): MockTable {
  const p = phrases[language];
  return {
    header: [...p.tableHeader],
    rows: items.map((item) => [item.brand.name, random.pick(p.fitsFor), random.pick(p.prices)]),
  };
}

function uniqueByUrl(sources: readonly MockSource[]): MockSource[] {
  const seen = new Set<string>();
  return sources.filter((s) => !seen.has(s.url) && seen.add(s.url));
}

/** The pages the answer cites, each URL once, in the order the text first cites them. */
export function citedSources(answer: MockAnswer): MockSource[] {
  const inOrder = [answer.introSource, ...answer.items.map((i) => i.source), answer.closingSource];
  return uniqueByUrl(inOrder.filter((s): s is MockSource => s !== undefined));
}
