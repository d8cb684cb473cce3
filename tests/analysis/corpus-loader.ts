import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { z } from "zod";
import type { TrackedBrand } from "../../src/core/brands.ts";

/**
 * Loads the hand-labelled evidence-of-quality corpus (tests/fixtures/analysis): brand sets as JSON
 * arrays of TrackedBrand, and answer cases as markdown files with a YAML front matter block holding
 * the expected mentions, ranking and list positions (labelled from spec §2–3, not from the code).
 */

export const CORPUS_DIR = fileURLToPath(new URL("../fixtures/analysis/", import.meta.url));

const aliasSchema = z.strictObject({ text: z.string().min(1), caseSensitive: z.boolean() });

const brandSchema = z.strictObject({
  name: z.string().min(1),
  role: z.enum(["own", "competitor"]),
  aliases: z.array(aliasSchema).min(1),
  domains: z.array(z.string().regex(/^[a-z0-9.-]+$/)),
});

const brandSetSchema = z
  .array(brandSchema)
  .min(2)
  .refine((brands) => brands.filter((b) => b.role === "own").length === 1, "exactly one own brand")
  .refine(
    (brands) => brands.every((b) => b.aliases.some((a) => a.text === b.name)),
    "every brand lists its name among its aliases",
  )
  .refine((brands) => new Set(brands.map((b) => b.name)).size === brands.length, "brand names are unique");

const expectedSchema = z.strictObject({
  mentions: z.record(z.string(), z.number().int().positive()),
  ranking: z.array(z.string()),
  listPositions: z.record(z.string(), z.number().int().positive().nullable()),
});

const frontMatterSchema = z.strictObject({
  brands: z.string().min(1),
  lang: z.enum(["en", "nb"]),
  engine: z.enum(["chatgpt", "claude", "perplexity", "gemini", "google-ai-overview", "copilot"]),
  notes: z.string().min(10),
  tags: z.array(z.string().min(1)).min(1),
  expected: expectedSchema,
});

/** Expected analysis of one case: brand name → occurrence count / 1-based item index or null. */
export type ExpectedAnalysis = z.infer<typeof expectedSchema>;

/** One labelled answer. `text` is the answer exactly as stored (UTF-16 string, no front matter). */
export interface CorpusCase {
  /** File name without `.md`, e.g. `01-nb-numbered-list`. */
  id: string;
  brandSet: string;
  lang: "en" | "nb";
  engine: string;
  notes: string;
  tags: string[];
  expected: ExpectedAnalysis;
  text: string;
}

export function loadBrandSets(dir: string = join(CORPUS_DIR, "brands")): Map<string, TrackedBrand[]> {
  const sets = new Map<string, TrackedBrand[]>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    const raw: unknown = JSON.parse(readFileSync(join(dir, file), "utf8"));
    const parsed = brandSetSchema.safeParse(raw);
    if (!parsed.success) throw new Error(`corpus: ${file}: ${z.prettifyError(parsed.error)}`);
    sets.set(basename(file, ".json"), parsed.data);
  }
  return sets;
}

/**
 * Splits `---\n<yaml>\n---\n<text>`. The text starts after the newline that ends the closing
 * `---` line; the file's final newline is not part of the answer.
 */
export function splitFrontMatter(raw: string, file: string): { yaml: string; text: string } {
  if (!raw.startsWith("---\n")) throw new Error(`corpus: ${file}: missing front matter`);
  const end = raw.indexOf("\n---\n", 3);
  if (end < 0) throw new Error(`corpus: ${file}: unterminated front matter`);
  const text = raw.slice(end + 5);
  return { yaml: raw.slice(4, end), text: text.endsWith("\n") ? text.slice(0, -1) : text };
}

function checkConsistency(file: string, expected: ExpectedAnalysis, brands: TrackedBrand[]): void {
  const known = new Set(brands.map((b) => b.name));
  const mentioned = Object.keys(expected.mentions).sort();
  const problems: string[] = [];
  for (const name of [...mentioned, ...expected.ranking, ...Object.keys(expected.listPositions)]) {
    if (!known.has(name)) problems.push(`unknown brand "${name}"`);
  }
  if (new Set(expected.ranking).size !== expected.ranking.length) problems.push("ranking repeats a brand");
  if ([...expected.ranking].sort().join("|") !== mentioned.join("|")) {
    problems.push("ranking must list exactly the mentioned brands");
  }
  if (Object.keys(expected.listPositions).sort().join("|") !== mentioned.join("|")) {
    problems.push("listPositions must have exactly the mentioned brands");
  }
  if (problems.length > 0) throw new Error(`corpus: ${file}: ${problems.join("; ")}`);
}

export function loadCases(
  brandSets: Map<string, TrackedBrand[]>,
  dir: string = join(CORPUS_DIR, "cases"),
): CorpusCase[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .sort();
  return files.map((file) => {
    const { yaml, text } = splitFrontMatter(readFileSync(join(dir, file), "utf8"), file);
    const parsed = frontMatterSchema.safeParse(parse(yaml));
    if (!parsed.success) throw new Error(`corpus: ${file}: ${z.prettifyError(parsed.error)}`);
    const fm = parsed.data;
    const brands = brandSets.get(fm.brands);
    if (brands === undefined) throw new Error(`corpus: ${file}: unknown brand set "${fm.brands}"`);
    checkConsistency(file, fm.expected, brands);
    return {
      id: basename(file, ".md"),
      brandSet: fm.brands,
      lang: fm.lang,
      engine: fm.engine,
      notes: fm.notes,
      tags: fm.tags,
      expected: fm.expected,
      text,
    };
  });
}
