import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyzeAnswer } from "../../src/analysis/analyze.ts";
import { compileBrands } from "../../src/analysis/matcher.ts";
import type { AnalysisResult } from "../../src/analysis/types.ts";
import type { TrackedBrand } from "../../src/core/brands.ts";

/**
 * Properties of the mention analysis (issue item 5): a brand inserted at a word boundary is always
 * found, a superstring never is, the analysis is deterministic, and the ranking is a permutation of
 * the mentioned brands consistent with ranks and offsets.
 */

const ALIASES: [string, string[], boolean][] = [
  ["Fiken", ["Fiken"], false],
  ["SpareBank 1", ["SpareBank 1", "SpareBank 1 SR-Bank"], false],
  ["Visma", ["Visma"], false],
  ["Visma eAccounting", ["Visma eAccounting"], false],
  ["Dønn Økonomi", ["Dønn Økonomi"], false],
  ["AT&T", ["AT&T"], false],
  ["T-Mobile", ["T-Mobile"], false],
  ["Make", ["Make"], true],
  ["HubSpot", ["HubSpot", "HubSpot CRM"], false],
];
const BRANDS: TrackedBrand[] = ALIASES.map(([name, aliases, caseSensitive], i) => ({
  name,
  role: i === 0 ? "own" : "competitor",
  aliases: aliases.map((text) => ({ text, caseSensitive })),
  domains: [],
}));
const compiled = compileBrands(BRANDS);
const analyse = (text: string): AnalysisResult => analyzeAnswer({ text, citations: [] }, compiled);

/** Words that hold no alias, in both languages, with digits and non-ASCII letters. */
const WORDS = [
  "regnskap",
  "pris",
  "kunde",
  "system",
  "og",
  "er",
  "the",
  "best",
  "for",
  "small",
  "lønn",
  "år",
  "2024",
  "99",
];
const SEPARATORS = [" ", ", ", ". ", "\n", " – ", "; ", "! "];

const context = fc.array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), {
  maxLength: 30,
});

/** Ways to write a name at word boundaries: markup around it and the endings spec §2.3 allows. */
const WRAPPERS: ((x: string) => string)[] = [
  (x) => x,
  (x) => `**${x}**`,
  (x) => `*${x}*`,
  (x) => `\`${x}\``,
  (x) => `[${x}](https://example.org/p)`,
  (x) => `${x}'s`,
  (x) => `${x}’s`,
  (x) => `${x}s`,
  (x) => `${x}'`,
  (x) => `${x}-brukere`,
  (x) => `(${x})`,
  (x) => `«${x}»`,
  (x) => `${x}.`,
  (x) => `\n- ${x}\n`,
  (x) => `\n## ${x}\n`,
  (x) => `\n\n| ${x} | 1 |\n|---|---|\n| a | b |\n\n`,
];

const randomCase = (text: string) =>
  fc
    .array(fc.boolean(), { minLength: text.length, maxLength: text.length })
    .map((upper) => [...text].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join(""));

/**
 * A brand and one of its aliases as it may be written (any casing unless case-sensitive). With
 * `shortest`, only aliases holding no shorter alias of the same brand (`HubSpot CRM` holds `HubSpot`,
 * which rightly still matches when `HubSpot CRMx` is written).
 */
const writtenAlias = (shortest: boolean) =>
  fc.integer({ min: 0, max: BRANDS.length - 1 }).chain((b) => {
    const [name, aliases, caseSensitive] = ALIASES[b] as [string, string[], boolean];
    const candidates = shortest
      ? aliases.filter((a) => !aliases.some((o) => o !== a && a.includes(o)))
      : aliases;
    return fc
      .constantFrom(...candidates)
      .chain((alias) => (caseSensitive ? fc.constant(alias) : randomCase(alias)))
      .map((text) => ({ name, text }));
  });
const written = writtenAlias(false);

function join(words: [string, string][], at: number, inserted: string): string {
  const parts = words.map(([w, sep]) => w + sep);
  parts.splice(Math.min(at, parts.length), 0, ` ${inserted} `);
  return parts.join("");
}

const countOf = (result: AnalysisResult, brand: string): number =>
  result.mentions.find((m) => m.brand === brand)?.count ?? 0;

describe("mention properties", () => {
  it("finds a brand inserted at a word boundary, whatever the markup around it", () => {
    fc.assert(
      fc.property(context, fc.nat(), written, fc.constantFrom(...WRAPPERS), (words, at, brand, wrap) => {
        const text = join(words, at % (words.length + 1), wrap(brand.text));
        expect(countOf(analyse(text), brand.name), text).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 500 },
    );
  });

  it("maps each found occurrence back to the alias text in the answer", () => {
    fc.assert(
      fc.property(context, fc.nat(), written, (words, at, brand) => {
        const text = join(words, at % (words.length + 1), brand.text);
        const mention = analyse(text).mentions.find((m) => m.brand === brand.name);
        expect(mention?.evidence.map((e) => text.slice(e.offset, e.offset + e.length))).toEqual([brand.text]);
      }),
      { numRuns: 300 },
    );
  });

  it("never finds a brand inside a longer word (a superstring)", () => {
    const letters = fc.stringMatching(/^[a-zæøå0-9]{1,3}$/);
    const suffix = letters.filter((s) => s.toLowerCase() !== "s");
    fc.assert(
      fc.property(
        context,
        fc.nat(),
        writtenAlias(true),
        letters,
        suffix,
        fc.nat(2),
        (words, at, brand, pre, post, side) => {
          const glued =
            side === 0 ? pre + brand.text : side === 1 ? brand.text + post : pre + brand.text + post;
          const text = join(words, at % (words.length + 1), glued);
          expect(countOf(analyse(text), brand.name), text).toBe(0);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("is deterministic on arbitrary input", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), (text) => {
        expect(analyse(text)).toEqual(analyse(text));
      }),
      { numRuns: 300 },
    );
  });
});

/** Markdown-ish noise mixed with aliases: the structures that move first mentions around. */
const markdownish = fc
  .array(
    fc.oneof(
      fc.constantFrom(...WORDS),
      fc.constantFrom(
        "**",
        "*",
        "`",
        "[",
        "](https://a.no)",
        "(",
        ")",
        "\n",
        "\n\n",
        "- ",
        "1. ",
        "| ",
        "## ",
        "> ",
      ),
      fc.constantFrom(...ALIASES.flatMap(([, aliases]) => aliases)),
      fc.constantFrom(" ", " ", ", "),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(""));

describe("ranking properties", () => {
  it("ranks every mentioned brand exactly once, in order of first mention", () => {
    fc.assert(
      fc.property(markdownish, (text) => {
        const result = analyse(text);
        expect([...result.ranking].sort()).toEqual(result.mentions.map((m) => m.brand).sort());
        expect(new Set(result.ranking).size).toBe(result.ranking.length);
        const byName = new Map(result.mentions.map((m) => [m.brand, m]));
        const ordered = result.ranking.map((name) => byName.get(name)!);
        for (let k = 1; k < ordered.length; k++) {
          expect(ordered[k]!.firstOffset).toBeGreaterThanOrEqual(ordered[k - 1]!.firstOffset);
          expect(ordered[k]!.rank).toBeGreaterThanOrEqual(ordered[k - 1]!.rank);
        }
        for (const m of result.mentions) {
          expect(m.rank).toBe(1 + result.mentions.filter((o) => o.firstOffset < m.firstOffset).length);
          expect(m.count).toBe(m.evidence.length);
          expect(m.firstOffset).toBe(Math.min(...m.evidence.map((e) => e.offset)));
          expect(m.positionWeight).toBeCloseTo(0.9 ** (m.rank - 1), 12);
          for (const e of m.evidence) expect(e.offset + e.length).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: 500 },
    );
  });
});
