import { validateDetailed } from "node-cron";
import { z } from "zod";
import { domainCategories } from "../core/brands.ts";
import { isValidTimeZone } from "../core/zoned-time.ts";

/**
 * The query file marketers edit (`queries/*.yaml`). Strict: unknown keys are errors.
 * `queries/schema.json` is generated from this schema (`npm run schema`) for editor autocomplete.
 */

/** A way the brand is written; a plain string is a case-insensitive alias. */
export const aliasSchema = z.union([
  z.string().trim().min(1, "an alias cannot be empty"),
  z.strictObject({
    text: z.string().trim().min(1, "an alias cannot be empty"),
    caseSensitive: z
      .boolean()
      .default(false)
      .describe("Match only this exact casing (for brands that are common words)."),
  }),
]);

const domainPattern = /^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/;
export const domainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .transform((d) =>
    d
      .replace(/^https?:\/\//, "")
      .replace(/^www\./, "")
      .replace(/\/.*$/, ""),
  )
  .refine((d) => domainPattern.test(d), "expected a domain such as fiken.no");

export const brandSchema = z.strictObject({
  name: z.string().trim().min(1).describe("How the brand is named in every report, exactly as written here."),
  aliases: z.array(aliasSchema).default([]).describe("Other ways the brand is written."),
  domains: z.array(domainSchema).default([]).describe("Domains the brand owns; subdomains count too."),
});

export const stages = ["awareness", "consideration", "purchase", "loyalty", "advocacy"] as const;

export const questionSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{0,79}$/, "ids are lower-case letters, digits, '.', '_' or '-' (at most 80)")
    .optional()
    .describe("Stable id; keep it when you edit the text. Derived from the text when absent."),
  text: z.string().trim().min(3, "a question needs some text").max(2000),
  stage: z.enum(stages),
  tags: z.array(z.string().trim().min(1)).default([]),
  persona: z.string().trim().min(1).optional(),
  locale: z.string().trim().min(2).optional().describe("Overrides the file's locale for this question."),
});

function cronCheck(value: string, ctx: z.core.$RefinementCtx<string>): void {
  const result = validateDetailed(value);
  if (!result.valid) {
    const why = result.errors.map((e) => e.message).join("; ");
    ctx.addIssue({ code: "custom", message: `not a valid cron expression (${why || value})` });
  }
}

export const scheduleSchema = z.strictObject({
  run: z.string().superRefine(cronCheck).describe("Cron expression for monitoring runs, e.g. '0 6 * * 1'."),
  report: z.string().superRefine(cronCheck).describe("Cron expression for the report e-mail."),
  timezone: z
    .string()
    .refine(isValidTimeZone, "unknown time zone (use an IANA name such as Europe/Oslo)")
    .default("UTC"),
  deadlineHours: z
    .number()
    .positive()
    .max(24 * 14)
    .default(24)
    .describe("How late a missed slot may still run."),
});

export const reportSchema = z.strictObject({
  to: z.array(z.email("not a valid e-mail address")).min(1),
  from: z.email("not a valid e-mail address").optional(),
  language: z.enum(["en", "nb"]).default("en"),
});

/** An engine entry: a provider id, or an object whose extra keys are that provider's options. */
export const engineEntrySchema = z.union([
  z.string().min(1),
  z.looseObject({
    id: z
      .string()
      .min(1)
      .describe("Provider id: openai, anthropic, perplexity, gemini, google-ai-overview, ..."),
    model: z.string().min(1).optional(),
    webSearch: z.boolean().optional(),
    samples: z.number().int().min(1).max(50).optional(),
    label: z.string().min(1).optional().describe("Name shown in reports instead of the engine id."),
    concurrency: z.number().int().min(1).max(256).optional(),
    requestsPerMinute: z.number().int().min(1).optional(),
  }),
]);
/** Keys of an engine entry that Sightline itself reads; the rest go to the provider's options schema. */
export const engineBaseKeys = [
  "id",
  "model",
  "webSearch",
  "samples",
  "label",
  "concurrency",
  "requestsPerMinute",
] as const;

export const queryFileSchema = z.strictObject({
  $schema: z.string().optional(),
  brand: brandSchema.describe("Your brand."),
  competitors: z.array(brandSchema).default([]),
  engines: z.array(engineEntrySchema).min(1).default(["openai", "anthropic", "perplexity", "gemini"]),
  samples: z.number().int().min(1).max(50).default(3).describe("Answers per question per engine per run."),
  locale: z
    .string()
    .trim()
    .min(2)
    .default("en-US")
    .describe("Default language and market of the questions (BCP 47)."),
  maxCostUsd: z
    .number()
    .positive()
    .optional()
    .describe("Budget per run in USD; a run stops issuing calls beyond it."),
  schedule: scheduleSchema.optional(),
  report: reportSchema.optional(),
  categories: z
    .record(domainSchema, z.enum(domainCategories))
    .default({})
    .describe("Extra third-party domain categories, e.g. { finansavisen.no: news }."),
  questions: z.array(questionSchema).min(1, "a query file needs at least one question"),
});

export type QueryFileInput = z.input<typeof queryFileSchema>;
export type ParsedQueryFile = z.output<typeof queryFileSchema>;
export type EngineEntry = z.output<typeof engineEntrySchema>;
export type Stage = (typeof stages)[number];
