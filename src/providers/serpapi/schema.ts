import { z } from "zod";

/**
 * The fields of SerpApi bodies this folder reads: Google Search (`engine=google`, its top-level
 * `ai_overview`), the AI Overview follow-up (`engine=google_ai_overview`), Google AI Mode
 * (`engine=google_ai_mode`) and Bing Copilot (`engine=bing_copilot`). Loose objects: SerpApi adds
 * fields often, and only these are read. Optional fields accept null too (SerpApi sends both).
 */

const text = z.string().nullish();
const indexes = z.array(z.number().int()).nullish();
/** Table cells arrive as strings, sometimes as numbers. */
const cell = z.union([z.string(), z.number(), z.null()]);

/** One item of a `list` block; items nest through their own `list`. Some engines send bare strings. */
export interface ListItem {
  title?: string | null | undefined;
  snippet?: string | null | undefined;
  snippet_latex?: string[] | null | undefined;
  reference_indexes?: number[] | null | undefined;
  list?: Array<ListItem | string> | null | undefined;
}

export const listItemSchema: z.ZodType<ListItem> = z.looseObject({
  title: text,
  snippet: text,
  snippet_latex: z.array(z.string()).nullish(),
  reference_indexes: indexes,
  get list() {
    return z.array(z.union([listItemSchema, z.string()])).nullish();
  },
});

/** One block of `text_blocks` (paragraph | heading | list | table | expandable | video | code ...). */
export interface TextBlock {
  type?: string | null | undefined;
  title?: string | null | undefined;
  snippet?: string | null | undefined;
  snippet_latex?: string[] | null | undefined;
  reference_indexes?: number[] | null | undefined;
  list?: Array<ListItem | string> | null | undefined;
  /** Table rows; the first row is the header unless `headers` is given. */
  table?: Array<Array<string | number | null>> | null | undefined;
  headers?: Array<string | number | null> | null | undefined;
  /** Table as objects keyed by column, when `table` is absent. */
  formatted?: Array<Record<string, unknown>> | null | undefined;
  code?: string | null | undefined;
  language?: string | null | undefined;
  /** Sections that expand (`type: "expandable"`) carry their own blocks. */
  text_blocks?: TextBlock[] | null | undefined;
}

export const textBlockSchema: z.ZodType<TextBlock> = z.looseObject({
  type: text,
  title: text,
  snippet: text,
  snippet_latex: z.array(z.string()).nullish(),
  reference_indexes: indexes,
  list: z.array(z.union([listItemSchema, z.string()])).nullish(),
  table: z.array(z.array(cell)).nullish(),
  headers: z.array(cell).nullish(),
  formatted: z.array(z.record(z.string(), z.unknown())).nullish(),
  code: text,
  language: text,
  get text_blocks() {
    return z.array(textBlockSchema).nullish();
  },
});

/** A source of the answer; `reference_indexes` point at `index`, not at the array position. */
export const referenceSchema = z.looseObject({
  title: text,
  link: text,
  source: text,
  index: z.number().int().nullish(),
});
export type Reference = z.infer<typeof referenceSchema>;

/** The `text_blocks` / `references` family, at the top level (AI Mode, Copilot) or in `ai_overview`. */
export const answerFamilySchema = z.looseObject({
  text_blocks: z.array(textBlockSchema).nullish(),
  references: z.array(referenceSchema).nullish(),
});
export type AnswerFamily = z.infer<typeof answerFamilySchema>;

const overviewSchema = answerFamilySchema.extend({
  /** Present when Google lazy-loads the overview: fetch it with `engine=google_ai_overview`. */
  page_token: text,
});

const linkEntry = z.looseObject({ link: text, title: text, question: text });

/** Any SerpApi search body. `search_metadata` is what tells a SerpApi body from junk. */
export const serpApiBodySchema = answerFamilySchema.extend({
  search_metadata: z.looseObject({ status: text, id: text }),
  search_parameters: z.looseObject({ engine: text, q: text }).nullish(),
  /** A failed search, or an empty one ("Google hasn't returned any results for this query."). */
  error: text,
  ai_overview: overviewSchema.nullish(),
  organic_results: z.array(linkEntry).nullish(),
  related_questions: z.array(linkEntry).nullish(),
  /** Bing Copilot's title line above the answer. */
  header: z.unknown().optional(),
});
export type SerpApiBody = z.infer<typeof serpApiBodySchema>;

/** What a multi-request answer is stored as: the bodies in the order they were received. */
export const responsesSchema = z.looseObject({ responses: z.array(z.unknown()).min(1) });

/** SerpApi error bodies: `{ "error": "..." }`; other gateways nest `{ error: { message } }`. */
export const errorBodySchema = z.looseObject({
  error: z.union([z.string(), z.looseObject({ message: z.string().nullish() })]).nullish(),
});
