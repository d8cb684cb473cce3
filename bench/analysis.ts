import { analyzeAnswer } from "../src/analysis/analyze.ts";
import { type CompiledBrands, compileBrands } from "../src/analysis/matcher.ts";
import type { TrackedBrand } from "../src/core/brands.ts";

/**
 * Analysis speed (issue item 6): answers per second on one core for realistic 2 KB markdown answers,
 * with 50 tracked brands / 200 aliases (target ≥ 5,000/s) and 500 brands / 2,000 aliases (target
 * ≥ 1,000/s), the brand set compiled once. Answers and brands come from a seeded generator, so
 * every run measures the same input: a heading, paragraphs, a numbered list with bold names and
 * source pills, a table, a nested list and a bare URL, with about 24 brand mentions per 2 KB (the
 * density of the labelled corpus in tests/fixtures/analysis). Throughput is reported per wall-clock
 * second and per CPU second of this process (the second is steadier on a shared machine).
 */

/** mulberry32: small, fast, good enough for test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = [
  "fi",
  "ken",
  "tri",
  "ple",
  "tex",
  "con",
  "ta",
  "vis",
  "ma",
  "zo",
  "ho",
  "nor",
  "dø",
  "sam",
  "bly",
  "qu",
  "ark",
];
const WORDS = (
  "the best option for small businesses is often simple cheap and easy to use with good support " +
  "regnskap faktura lønn bank integrasjon pris kunder som trenger mer funksjonalitet bør se på " +
  "pricing plans start at per month and include invoicing payroll reporting automation api access"
).split(" ");

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)] as T;
}

function brandName(r: () => number, i: number): string {
  const n = 2 + Math.floor(r() * 2);
  let name = "";
  for (let k = 0; k < n; k++) name += pick(r, SYLLABLES);
  return `${name[0]?.toUpperCase()}${name.slice(1)}${i}`;
}

/** `count` brands with four aliases each (name, product name, short form, case-sensitive form). */
export function generateBrands(count: number, seed: number): TrackedBrand[] {
  const r = rng(seed);
  return Array.from({ length: count }, (_, i) => {
    const name = brandName(r, i);
    return {
      name,
      role: i === 0 ? "own" : "competitor",
      aliases: [
        { text: name, caseSensitive: false },
        { text: `${name} Pro`, caseSensitive: false },
        { text: `${name} Regnskap`, caseSensitive: false },
        { text: name.toUpperCase(), caseSensitive: true },
      ],
      domains: [`${name.toLowerCase()}.no`],
    };
  });
}

function sentence(r: () => number, brands: readonly TrackedBrand[]): string {
  const words: string[] = [];
  const n = 8 + Math.floor(r() * 10);
  for (let k = 0; k < n; k++) {
    const x = r();
    if (x < 0.04) words.push(`**${pick(r, brands).name}**`);
    else if (x < 0.06) words.push(`${pick(r, brands).name}'s`);
    else if (x < 0.07) words.push(`${pick(r, brands).domains[0]}`);
    else words.push(pick(r, WORDS));
  }
  return `${words.join(" ")}.`;
}

/** A ~2 KB answer shaped like assistants write them: heading, numbered list, table, pills, bare URL. */
export function generateAnswer(r: () => number, brands: readonly TrackedBrand[]): string {
  const top = Array.from({ length: 5 }, () => pick(r, brands));
  const parts = [`## ${sentence(r, brands)}`, sentence(r, brands) + sentence(r, brands)];
  parts.push(
    top
      .map(
        (b, k) =>
          `${k + 1}. **${b.name}** – ${sentence(r, brands)} ([${b.domains[0]}](https://${b.domains[0]}/priser?utm_source=openai))`,
      )
      .join("\n"),
  );
  parts.push(
    `| Verktøy | Pris | Lønn |\n|---|---|---|\n${top
      .slice(0, 3)
      .map((b) => `| ${b.name} | ${Math.floor(r() * 500)} kr | ja |`)
      .join("\n")}`,
  );
  parts.push(`- ${sentence(r, brands)}\n- ${sentence(r, brands)}\n  - ${sentence(r, brands)}`);
  parts.push(`${sentence(r, brands)} Se https://www.${pick(r, brands).domains[0]}/priser for detaljer.`);
  let text = parts.join("\n\n");
  while (text.length < 2000) text += ` ${sentence(r, brands)}`;
  return text;
}

/** Throughput over at least `minMs`: per wall-clock second and per second of this process's CPU time. */
function throughput(compiled: CompiledBrands, answers: readonly string[], minMs: number): [number, number] {
  // Warm up for a second so V8 has optimised the hot paths before the clock starts (one pass of
  // 200 answers left the first suite measuring the JIT's start-up).
  for (const warm = performance.now(); performance.now() - warm < 1000; ) {
    for (const text of answers) analyzeAnswer({ text, citations: [] }, compiled);
  }
  let done = 0;
  const start = performance.now();
  const cpu = process.cpuUsage();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (const text of answers) analyzeAnswer({ text, citations: [] }, compiled);
    done += answers.length;
    elapsed = performance.now() - start;
  }
  const used = process.cpuUsage(cpu);
  return [Math.round((done / elapsed) * 1000), Math.round((done / (used.user + used.system)) * 1e6)];
}

/** Runs the analysis benchmark; keys are metric names, values answers/s, ms or MB. */
export async function benchAnalysis(): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const count of [50, 500]) {
    const brands = generateBrands(count, 42 + count);
    const compileStart = performance.now();
    const compiled = compileBrands(brands);
    result[`analysis.compile_ms.${count}_brands`] = Math.round((performance.now() - compileStart) * 10) / 10;
    const r = rng(7 + count);
    const answers = Array.from({ length: 200 }, () => generateAnswer(r, brands));
    result[`analysis.answer_chars.${count}_brands`] = Math.round(
      answers.reduce((n, a) => n + a.length, 0) / answers.length,
    );
    const [wall, cpu] = throughput(compiled, answers, 3000);
    result[`analysis.answers_per_s.${count}_brands`] = wall;
    result[`analysis.answers_per_cpu_s.${count}_brands`] = cpu;
  }
  result["analysis.peak_rss_mb"] = Math.round(process.resourceUsage().maxRSS / 1024);
  return result;
}
