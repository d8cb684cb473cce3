import type { TrackedBrand } from "../../src/core/brands.ts";

/**
 * Seeded random markdown for the differential check: every block and inline construct the reader
 * handles (and some it must survive), mixed at random, with brand names, aliases and domains
 * written in the ways engines write them. Not realistic text, but dense in edge cases.
 */

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)] as T;
}

function nameOf(r: () => number, brands: readonly TrackedBrand[]): string {
  const brand = pick(r, brands);
  const x = r();
  if (x < 0.5) return brand.name;
  if (x < 0.8) return pick(r, brand.aliases).text;
  if (x < 0.9) return brand.domains[0] ?? brand.name;
  return brand.name.toUpperCase();
}

const WORDS =
  "the best choice for small firms is simple og billig med god støtte pris per month f.eks. e.g. api".split(
    " ",
  );

const INLINE: readonly ((n: string, d: string) => string)[] = [
  (n) => n,
  (n) => `**${n}**`,
  (n) => `*${n}*`,
  (n) => `_${n}_`,
  (n) => `~~${n}~~`,
  (n) => `\`${n}\``,
  (n) => `${n}'s`,
  (n) => `${n}’s`,
  (n) => `${n}s`,
  (n) => `${n}-brukere`,
  (n) => `${n}10`,
  (n) => `x${n}`,
  (n, d) => `[${n}](https://${d}/priser?utm_source=openai)`,
  (_n, d) => `([${d}](https://www.${d}/a))`,
  (n, d) => `([${n}][1], [${d}](https://${d}))`,
  (n, d) => `![${n}](https://${d}/logo.png)`,
  (n, d) => `[![${n}](https://${d}/i.png)](https://${d})`,
  (_n, d) => `<https://${d}/x>`,
  (_n, d) => `https://www.${d}/priser.`,
  (_n, d) => `(se www.${d}/a_(b))`,
  (n) => n.replace(/ /g, "\u00a0"),
  (n) => n.replace(/-/g, "\u2011"),
  (n) => `${n.slice(0, 2)}\u200b${n.slice(2)}`,
  (n) => `${n.slice(0, 2)}\u00ad${n.slice(2)}`,
  (n) => n.replace(/&/g, "&amp;"),
  (n) => `\\*${n}\\*`,
  (n) => `&quot;${n}&quot; &#x41; &#0; &bogus;`,
  (n) => `<b>${n}</b><br>`,
  (n) => `[${n}]`,
  (n) => `[${n}][missing]`,
  (n) => `**1. ${n}**`,
  (n) => `${n}.${n}`,
  (n) => `${n}! Ja? Nei… "${n}."`,
];

function sentence(r: () => number, brands: readonly TrackedBrand[]): string {
  const words: string[] = [];
  const n = 3 + Math.floor(r() * 12);
  for (let k = 0; k < n; k++) {
    if (r() < 0.25) {
      const brand = pick(r, brands);
      words.push(pick(r, INLINE)(nameOf(r, brands), brand.domains[0] ?? "example.com"));
    } else words.push(pick(r, WORDS));
  }
  return words.join(r() < 0.1 ? "\n" : " ");
}

type Block = (r: () => number, s: () => string) => string;

const BLOCKS: readonly Block[] = [
  (_r, s) => s(),
  (_r, s) => `${s()}. ${s()}.`,
  (r, s) => `${"#".repeat(1 + Math.floor(r() * 6))} ${s()}`,
  (r, s) => `## ${1 + Math.floor(r() * 4)}. ${s()}`,
  (r, s) => `### ${1 + Math.floor(r() * 4)}) ${s()} ##`,
  (_r, s) => `${s()}\n===`,
  (_r, s) => `${s()}\n---`,
  () => "***",
  (r, s) => Array.from({ length: 1 + Math.floor(r() * 4) }, (_, k) => `${k + 1}. ${s()}`).join("\n"),
  (r, s) => Array.from({ length: 1 + Math.floor(r() * 4) }, () => `1) ${s()}`).join("\n"),
  (r, s) =>
    Array.from({ length: 1 + Math.floor(r() * 4) }, () => `${pick(r, ["-", "*", "+"])} ${s()}`).join("\n"),
  (_r, s) => `- ${s()}\n  - ${s()}\n    - ${s()}\n- ${s()}`,
  (_r, s) => `1. ${s()}\n\n   ${s()}\n\n   - ${s()}\n2. ${s()}`,
  (_r, s) => `-\t${s()}\n\t- ${s()}`,
  (_r, s) => `**2. ${s()}** – ${s()}`,
  (_r, s) => `__3) ${s()}__\n- ${s()}`,
  (_r, s) => `> ${s()}\n> - ${s()}\n${s()}`,
  (_r, s) => `> **1. ${s()}**\n>\n> > ${s()}`,
  (_r, s) => `\`\`\`ts\n${s()}\n\`\`\``,
  (_r, s) => `~~~\n${s()}\n${s()}`,
  (_r, s) => `    ${s()}\n    ${s()}`,
  (_r, s) => `| A | B |\n|---|:-:|\n| ${s()} | ${s()} |\n| x \\| ${s()} | |`,
  (_r, s) => `${s()} | ${s()}\n--- | ---\n${s()} | 1`,
  (_r, s) => `[1]: https://example.com/ref "${s()}"\n[Fiken]: <https://fiken.no/x>`,
  (_r, s) => `<div>\n${s()}\n</div>`,
  (_r, s) => `<!-- ${s()} -->`,
  (_r, s) => `${s()}  \n${s()}\\\n${s()}`,
  () => "",
  () => "   ",
];

/** A random answer of 1–20 blocks using names from `brands`. */
export function randomMarkdown(r: () => number, brands: readonly TrackedBrand[]): string {
  const s = () => sentence(r, brands);
  const count = 1 + Math.floor(r() * 20);
  const blocks = Array.from({ length: count }, () => pick(r, BLOCKS)(r, s));
  const joined = blocks.join(r() < 0.7 ? "\n\n" : "\n");
  return r() < 0.1 ? joined.replace(/\n/g, "\r\n") : joined;
}
