import { domainToUnicode } from "node:url";
import { parse as parseDomain } from "tldts";
import type { DomainCategory, ThirdPartyCategory, TrackedBrand } from "../core/brands.ts";
import { normalizeHost } from "./domains.ts";
import { memoByString } from "./memo.ts";
import type { CategoryOverrides } from "./types.ts";

/**
 * Domain categories of spec §4: `owned` / `competitor` from the tracked brands, else a third-party
 * class from a built-in table the query file can extend. A key covers its host and every subdomain
 * (`wikipedia.org` covers `no.wikipedia.org`); `name.*` covers that name under any ICANN suffix
 * (`capterra.*` covers `capterra.no` and `capterra.co.uk`, not `capterra.myshopify.com`).
 * The most specific key wins; at the same key the user's entry replaces the built-in one.
 */

/** Space-separated keys per class: one line per group keeps a long table readable. */
const BUILTIN_SOURCE: Record<Exclude<ThirdPartyCategory, "other">, string> = {
  ugc: `
    reddit.com redd.it quora.com stackexchange.com stackoverflow.com superuser.com serverfault.com
    askubuntu.com mathoverflow.net medium.com dev.to hashnode.dev substack.com tumblr.com
    news.ycombinator.com lobste.rs slashdot.org discord.com producthunt.com indiehackers.com
    answers.microsoft.com techcommunity.microsoft.com
    linkedin.com facebook.com instagram.com x.com twitter.com threads.net bsky.app mastodon.social pinterest.com
    diskusjon.no vgd.no kvinneguiden.no freak.no flashback.org familjeliv.se sweclockers.com
    vauva.fi suomi24.fi
  `,
  review: `
    g2.com capterra.* getapp.* softwareadvice.* trustradius.com trustpilot.* sitejabber.com
    peerspot.com clutch.co goodfirms.co saasworthy.com softwaresuggest.com
    crozdesk.com featuredcustomers.com financesonline.com selecthub.com yelp.* tripadvisor.*
    consumerreports.org which.co.uk rtings.com reviews.io feefo.com reco.se
  `,
  reference: `
    wikipedia.org wikimedia.org wikidata.org wiktionary.org wikibooks.org wikivoyage.org
    britannica.com encyclopedia.com investopedia.com merriam-webster.com dictionary.cambridge.org
    oxfordreference.com snl.no naob.no ordbokene.no lovdata.no
    lex.dk ne.se saob.se uppslagsverk.fi
  `,
  news: `
    reuters.com apnews.com bbc.co.uk bbc.com nytimes.com theguardian.com washingtonpost.com wsj.com
    ft.com bloomberg.com cnn.com cnbc.com forbes.com economist.com businessinsider.com time.com
    fortune.com axios.com politico.com politico.eu npr.org aljazeera.com euronews.com usatoday.com
    latimes.com independent.co.uk telegraph.co.uk news.google.com news.yahoo.com finance.yahoo.com
    msn.com techcrunch.com theverge.com wired.com arstechnica.com venturebeat.com zdnet.com
    engadget.com techradar.com pcmag.com theregister.com sifted.eu
    nrk.no e24.no dn.no finansavisen.no hegnar.no vg.no aftenposten.no dagbladet.no tv2.no
    nettavisen.no bt.no aftenbladet.no adressa.no fvn.no ba.no abcnyheter.no digi.no tu.no
    kode24.no itavisen.no shifter.no tek.no computerworld.no kapital.no nationen.no klassekampen.no
    svt.se sverigesradio.se dn.se svd.se aftonbladet.se expressen.se di.se gp.se sydsvenskan.se
    breakit.se computersweden.se dr.dk politiken.dk berlingske.dk borsen.dk jyllands-posten.dk
    finans.dk eb.dk tv2.dk version2.dk computerworld.dk yle.fi hs.fi kauppalehti.fi is.fi
    iltalehti.fi ruv.is mbl.is
  `,
  video: `
    youtube.com youtu.be youtube-nocookie.com vimeo.com tiktok.com twitch.tv dailymotion.com
    loom.com ted.com
  `,
};

/** The built-in table, key → class. Keys are hosts (covering their subdomains) or `name.*`. */
export const BUILTIN_CATEGORIES: ReadonlyMap<string, ThirdPartyCategory> = new Map(
  Object.entries(BUILTIN_SOURCE).flatMap(([category, keys]) =>
    keys
      .trim()
      .split(/\s+/)
      .map((key) => [key, category as ThirdPartyCategory] as const),
  ),
);

/** First labels that mark a third-party host as a forum (`forum.example.com`, `community.x.io`). */
const FORUM_LABELS = new Set(["forum", "forums", "community", "communities", "discuss", "discourse"]);

/** Normalised overrides per overrides object: a query file's table is built once, never mutated. */
const overrideTables = new WeakMap<CategoryOverrides, ReadonlyMap<string, ThirdPartyCategory>>();
const NO_OVERRIDES: ReadonlyMap<string, ThirdPartyCategory> = new Map();

/**
 * A user key as a table key: `HTTPS://www.Example.com/`, `*.example.com` → `example.com`;
 * `name.*` stays. Returns "" for keys that name nothing.
 */
export function normalizeCategoryKey(key: string): string {
  let k = key.trim().toLowerCase();
  k = k.replace(/^[a-z][a-z0-9+.-]*:\/\//, "");
  k = k.replace(/[/?#].*$/, "");
  if (k.startsWith("*.")) k = k.slice(2);
  return k.endsWith(".*") ? `${unicodeHost(k.slice(0, -2))}.*` : unicodeHost(k);
}

function overridesFor(overrides: CategoryOverrides | undefined): ReadonlyMap<string, ThirdPartyCategory> {
  if (overrides === undefined) return NO_OVERRIDES;
  let table = overrideTables.get(overrides);
  if (table === undefined) {
    const normalized = new Map<string, ThirdPartyCategory>();
    for (const [key, category] of Object.entries(overrides)) {
      const k = normalizeCategoryKey(key);
      if (k !== "" && k !== ".*") normalized.set(k, category);
    }
    table = normalized;
    overrideTables.set(overrides, table);
  }
  return table;
}

/**
 * The third-party class of `host`: the most specific table key covering it (host, then each parent
 * domain, with `name.*` tried at the registrable ICANN domain), then the forum-subdomain rule,
 * else `other`. A user entry replaces a built-in one with the same key.
 */
export function thirdPartyCategory(host: string, overrides?: CategoryOverrides): ThirdPartyCategory {
  const h = unicodeHost(host);
  const user = overridesFor(overrides);
  const lookup = (key: string) => user.get(key) ?? BUILTIN_CATEGORIES.get(key);
  for (let suffix = h; ; ) {
    const exact = lookup(suffix);
    if (exact !== undefined) return exact;
    const dot = suffix.indexOf(".");
    if (dot < 0) break;
    const byName = lookup(`${suffix.slice(0, dot)}.*`);
    // The public-suffix parse runs only when a `name.*` key could apply, which is rare.
    if (byName !== undefined && parseDomain(suffix).domain === suffix) return byName;
    suffix = suffix.slice(dot + 1);
  }
  const first = h.slice(0, h.indexOf("."));
  if (FORUM_LABELS.has(first) && parseDomain(h).subdomain) return "ugc";
  return "other";
}

/** Owner and category of a cited host (spec §4 "Owner", "Domain category"). */
export interface HostCategory {
  /** The owning tracked brand's `name`, or null for a third party. */
  owner: string | null;
  category: DomainCategory;
}

/**
 * Own brand → `owned`, competitor → `competitor`, otherwise the third-party class. The owner is
 * what `ownerOfHost` gives (host or subdomain of a configured domain, the most specific domain
 * winning, the first brand on a tie), looked up in an index so the cost does not grow with the
 * number of brands. IDN hosts match brand domains configured in either Unicode or punycode.
 */
export function categoryFor(
  host: string,
  brands: readonly TrackedBrand[],
  overrides?: CategoryOverrides,
): HostCategory {
  return categoriesOf(brands, overrides)(host);
}

function categoryOnce(
  host: string,
  brands: readonly TrackedBrand[],
  overrides?: CategoryOverrides,
): HostCategory {
  const brand = ownerOf(host, brands);
  if (brand !== null) return { owner: brand.name, category: brand.role === "own" ? "owned" : "competitor" };
  return { owner: null, category: thirdPartyCategory(host, overrides) };
}

type CategoryLookup = (host: string) => HostCategory;

/**
 * `categoryFor` per brand list and overrides object, memoised by host: both are built once per
 * run and never mutated (the indexes below already rely on that), and hosts repeat across answers.
 */
const lookups = new WeakMap<
  readonly TrackedBrand[],
  { plain?: CategoryLookup; byOverrides: WeakMap<CategoryOverrides, CategoryLookup> }
>();

function categoriesOf(
  brands: readonly TrackedBrand[],
  overrides: CategoryOverrides | undefined,
): CategoryLookup {
  let perBrands = lookups.get(brands);
  if (perBrands === undefined) {
    perBrands = { byOverrides: new WeakMap() };
    lookups.set(brands, perBrands);
  }
  let lookup = overrides === undefined ? perBrands.plain : perBrands.byOverrides.get(overrides);
  if (lookup === undefined) {
    lookup = memoByString((host) => Object.freeze(categoryOnce(host, brands, overrides)));
    if (overrides === undefined) perBrands.plain = lookup;
    else perBrands.byOverrides.set(overrides, lookup);
  }
  return lookup;
}

/** Domain (Unicode spelling) → first brand configuring it, per brand list. */
const ownerIndexes = new WeakMap<readonly TrackedBrand[], ReadonlyMap<string, TrackedBrand>>();

function ownerIndex(brands: readonly TrackedBrand[]): ReadonlyMap<string, TrackedBrand> {
  let index = ownerIndexes.get(brands);
  if (index === undefined) {
    const built = new Map<string, TrackedBrand>();
    for (const brand of brands) {
      for (const domain of brand.domains) {
        const key = unicodeHost(domain);
        if (key !== "" && !built.has(key)) built.set(key, brand);
      }
    }
    index = built;
    ownerIndexes.set(brands, index);
  }
  return index;
}

/** Walking from the full host up, the first configured domain met is the most specific one. */
function ownerOf(host: string, brands: readonly TrackedBrand[]): TrackedBrand | null {
  const index = ownerIndex(brands);
  for (let suffix = unicodeHost(host); ; ) {
    const brand = index.get(suffix);
    if (brand !== undefined) return brand;
    const dot = suffix.indexOf(".");
    if (dot < 0) return null;
    suffix = suffix.slice(dot + 1);
  }
}

/** `normalizeHost`, with punycode labels in Unicode: the one spelling tables and indexes use. */
function unicodeHost(host: string): string {
  const h = normalizeHost(host);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: plain ASCII has no other spelling.
  if (/^[\x00-\x7f]*$/.test(h) && !h.includes("xn--")) return h;
  return normalizeHost(domainToUnicode(h) || h);
}
