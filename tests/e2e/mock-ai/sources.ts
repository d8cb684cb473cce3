import type { Language } from "./phrases.ts";
import type { Random } from "./random.ts";
import type { MockBrand } from "./types.ts";

/**
 * Plausible pages a mock answer cites or only retrieves: pages on the brands' own domains and a
 * few third parties (a forum, a review site, a news site, Reddit), the mix real answers show.
 */

export interface MockSource {
  /** Clean URL, without tracking parameters (wire formats add their own, e.g. `utm_source=openai`). */
  url: string;
  title: string;
  /** Host without `www.`, what Gemini puts in a chunk title and OpenAI in its link text. */
  domain: string;
  /** A sentence from the page (Anthropic `cited_text`, Perplexity and SerpApi `snippet`). */
  snippet: string;
  /** The brand the page is about, when it is one of the brands. */
  brand?: string;
}

export const defaultBrands: readonly MockBrand[] = [
  { name: "Fiken", domain: "fiken.no" },
  { name: "Tripletex", domain: "tripletex.no" },
  { name: "Conta", domain: "conta.no" },
  { name: "Visma eAccounting", domain: "visma.no" },
  { name: "PowerOffice Go", domain: "poweroffice.no" },
  { name: "24SevenOffice", domain: "24sevenoffice.com" },
];

const brandPages: readonly { path: string; nb: string; en: string }[] = [
  {
    path: "/",
    nb: "{name} – regnskapsprogram for små bedrifter",
    en: "{name} – accounting for small businesses",
  },
  { path: "/priser", nb: "Priser | {name}", en: "Pricing | {name}" },
  { path: "/regnskapsprogram/", nb: "Regnskapsprogram på nett – {name}", en: "Online accounting – {name}" },
  { path: "/funksjoner", nb: "Funksjoner | {name}", en: "Features | {name}" },
  { path: "/sma-bedrifter/", nb: "{name} for små bedrifter", en: "{name} for small businesses" },
];

const snippetsNb: readonly string[] = [
  "{name} har bankintegrasjon, faktura og MVA-melding rett til Altinn.",
  "Prøv {name} gratis i 30 dager. Ingen bindingstid.",
  "Over 100 000 bedrifter bruker {name} til regnskap og fakturering.",
];
const snippetsEn: readonly string[] = [
  "{name} includes bank integration, invoicing and VAT returns filed to Altinn.",
  "Try {name} free for 30 days. No lock-in.",
  "More than 100,000 businesses use {name} for accounting and invoicing.",
];

type ThirdParty = (random: Random, brand: MockBrand | undefined) => Omit<MockSource, "domain">;

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

const thirdParties: readonly ThirdParty[] = [
  (r) => ({
    url: `https://www.regnskapsforum.no/tema/regnskapsprogram/hvilket-regnskapsprogram-bruker-dere-${r.int(1000, 9999)}`,
    title: "Hvilket regnskapsprogram bruker dere? – Regnskapsforum",
    snippet: "Vi byttet i fjor og er godt fornøyd; det viktigste for oss var bankintegrasjon og lønn.",
  }),
  (_r, brand) =>
    brand
      ? {
          url: `https://www.g2.com/products/${slug(brand.name)}/reviews`,
          title: `${brand.name} Reviews 2026: Details, Pricing, & Features | G2`,
          snippet: `Reviewers say ${brand.name} is easy to use and well suited to small teams.`,
          brand: brand.name,
        }
      : {
          url: "https://www.g2.com/categories/accounting",
          title: "Best Accounting Software in 2026: Compare Reviews | G2",
          snippet: "Compare the best accounting software by real user reviews and ratings.",
        },
  (r) => ({
    url: `https://www.nrk.no/norge/slik-velger-du-regnskapsprogram-1.${r.int(16_000_000, 17_999_999)}`,
    title: "Slik velger du regnskapsprogram – NRK",
    snippet: "Eksperter anbefaler å sammenligne pris per bilag og hvilke moduler som følger med.",
  }),
  (r) => ({
    url: `https://www.reddit.com/r/norge/comments/${r.token(7, "abcdefghijklmnopqrstuvwxyz0123456789")}/beste_regnskapsprogram_for_enk/`,
    title: "Beste regnskapsprogram for ENK? : r/norge",
    snippet: "Har brukt flere; det enkleste for meg var det som hadde god app for kvitteringer.",
  }),
];

export function domainOf(url: string): string {
  return new URL(url).hostname.replace(/^www\./, "");
}

/** A page on the brand's own domain. */
export function brandSource(random: Random, brand: MockBrand, language: Language): MockSource {
  const page = random.pick(brandPages);
  const host = brand.domain.replace(/^www\./, "");
  const url = `https://${random.chance(0.4) ? "www." : ""}${host}${page.path}`;
  const snippet = random.pick(language === "nb" ? snippetsNb : snippetsEn);
  return {
    url,
    title: page[language].replaceAll("{name}", brand.name),
    domain: domainOf(url),
    snippet: snippet.replaceAll("{name}", brand.name),
    brand: brand.name,
  };
}

/** A third-party page, about `brand` when the site has per-product pages. */
export function thirdPartySource(random: Random, brand?: MockBrand): MockSource {
  const page = random.pick(thirdParties)(random, brand);
  return { ...page, domain: domainOf(page.url) };
}

/** Adds `utm_source` the way answer engines tag the links they cite. */
export function withUtm(url: string, source: string): string {
  const u = new URL(url);
  u.searchParams.set("utm_source", source);
  return u.toString();
}
