import { generateAnswer, generateBrands, rng } from "../../bench/analysis.ts";
import type { AnswerInput, CategoryOverrides } from "../../src/analysis/types.ts";
import type { TrackedBrand } from "../../src/core/brands.ts";
import type { SourceRef } from "../../src/providers/types.ts";
import { loadBrandSets, loadCases } from "./corpus-loader.ts";
import { randomMarkdown } from "./random-markdown.ts";

/**
 * The inputs of the differential check (determinism.test.ts): every labelled corpus case, variants
 * of them, the benchmark's own generated answers and seeded random markdown. Their analyses were
 * recorded before the analysis was optimised (record-determinism.ts), so the test proves the
 * optimised code gives byte-identical results. Everything here is deterministic.
 */

export interface DeterminismInput {
  id: string;
  brands: readonly TrackedBrand[];
  input: AnswerInput;
  categories?: CategoryOverrides;
  /** Keep the whole result in the fixture (readable diffs), not only its hash. */
  full: boolean;
}

/** URLs that exercise normalisation, redirects, IDN hosts, ownership and categories. */
const URL_POOL = [
  "https://WWW.Fiken.no/priser/?utm_source=chatgpt.com#:~:text=pris",
  "https://fiken.no/priser",
  "http://blog.hubspot.com/sales/crm?ref=abc&x=1",
  "https://www.google.com/url?q=https://tripletex.no/priser&sa=D",
  "https://l.facebook.com/l.php?u=https%3A%2F%2Fconta.no%2F",
  "https://vertexaisearch.cloud.google.com/grounding-api-redirect/AbC123",
  "https://xn--bokfring-q8a.no/artikkel",
  "https://bokføring.no/Artikkel/",
  "https://user:pw@example.com:8443/a/b/?gclid=1&keep=%c3%a5",
  "https://no.wikipedia.org/wiki/Regnskap",
  "https://www.reddit.com/r/norge/comments/abc/",
  "https://forum.example.org/t/1",
  "https://capterra.no/software/1",
  "https://capterra.myshopify.com/",
  "https://www.bbc.co.uk/news/123",
  "https://youtu.be/xyz",
  "mailto:post@fiken.no",
  "/relative/path",
  "",
  "   ",
  "https://[::1]/x",
  "https://example.com/?utm_medium=a&&b=2&FBCLID=3",
  "https://duckduckgo.com/l/?uddg=https%3A%2F%2Fwww.e24.no%2Fa",
  "https://powerautomate.microsoft.com/en-us/pricing",
  "https://learn.microsoft.com/en-us/power-automate/",
  "https://www.sparebank1.no/nb/bank/privat.html",
  "https://shop.myshopify.com/products/1",
  "https://www.monday.com/pricing",
  "https://community.monday.com/t/42",
  "https://www.g2.com/products/zoho-crm/reviews",
];

const TITLES = [undefined, "Fiken.no", "fiken.no", "Priser – Fiken", "   ", "www.tripletex.no", "E24"];

function sources(seed: number, count: number): SourceRef[] {
  const r = rng(seed);
  return Array.from({ length: count }, () => {
    const url = URL_POOL[Math.floor(r() * URL_POOL.length)] as string;
    const title = TITLES[Math.floor(r() * TITLES.length)];
    return title === undefined ? { url } : { url, title };
  });
}

const OVERRIDES: CategoryOverrides = {
  "example.com": "news",
  "capterra.*": "ugc",
  "forum.example.org": "review",
};

function variants(id: string, text: string): [string, string][] {
  const lines = text.split("\n");
  return [
    [`${id}#crlf`, text.replace(/\n/g, "\r\n")],
    [`${id}#head`, lines.slice(0, Math.ceil(lines.length / 2)).join("\n")],
    [`${id}#reversed`, [...lines].reverse().join("\n")],
    [`${id}#indented`, lines.map((l) => (l === "" ? l : `  ${l}`)).join("\n")],
  ];
}

/** All inputs, in a fixed order. */
export function determinismInputs(): DeterminismInput[] {
  const sets = loadBrandSets();
  const inputs: DeterminismInput[] = [];
  loadCases(sets).forEach((c, k) => {
    const brands = sets.get(c.brandSet) as TrackedBrand[];
    inputs.push({ id: c.id, brands, input: { text: c.text, citations: [] }, full: true });
    inputs.push({
      id: `${c.id}#cited`,
      brands,
      input: { text: c.text, citations: sources(1000 + k, 6), retrieved: sources(2000 + k, 5) },
      ...(k % 2 === 0 ? { categories: OVERRIDES } : {}),
      full: false,
    });
    for (const [id, text] of variants(c.id, c.text)) {
      inputs.push({ id, brands, input: { text, citations: [] }, full: false });
    }
  });
  // the benchmark's own inputs: same brand sets and answers as bench/analysis.ts
  for (const count of [50, 500]) {
    const brands = generateBrands(count, 42 + count);
    const r = rng(7 + count);
    for (let k = 0; k < 200; k++) {
      inputs.push({
        id: `bench-${count}-${k}`,
        brands,
        input: { text: generateAnswer(r, brands), citations: [] },
        full: false,
      });
    }
  }
  const corpusBrands = [...sets.values()];
  const generated = generateBrands(50, 92);
  const r = rng(4242);
  for (let k = 0; k < 800; k++) {
    const brands = k % 3 === 0 ? generated : (corpusBrands[k % corpusBrands.length] as TrackedBrand[]);
    inputs.push({
      id: `random-${k}`,
      brands,
      input: { text: randomMarkdown(r, brands), citations: sources(3000 + k, 3) },
      full: false,
    });
  }
  return inputs;
}
