import { domainToASCII, domainToUnicode } from "node:url";
import type { TrackedBrand } from "../core/brands.ts";
import { type Automaton, buildAutomaton } from "./automaton.ts";
import { type DenseAutomaton, densify } from "./dense-automaton.ts";
import { normalizeHost } from "./domains.ts";
import { memoByString } from "./memo.ts";
import { foldKey, foldPattern } from "./normalize-text.ts";

const SPACE = 0x20;

/**
 * Name matching of spec §2.2–2.4 in one pass: every alias, name and domain of every brand goes into
 * one automaton, compiled once per brand set (`compileBrands`) and reused for every answer.
 */

/** One way a pattern belongs to a brand. */
export interface PatternEntry {
  brand: number;
  /** Folded but not lower-cased code units, checked for case-sensitive aliases only. */
  exact: readonly number[] | null;
}

/** A distinct folded, lower-cased text to find, and the brands it names. */
export interface Pattern {
  codes: readonly number[];
  entries: readonly PatternEntry[];
}

/** A brand set ready for matching. Build with `compileBrands`; immutable and reusable. */
export interface CompiledBrands {
  readonly brands: readonly TrackedBrand[];
  /** `brands[i].name` for each brand i, the way results name brands. */
  readonly names: readonly string[];
  readonly automaton: Automaton;
  /** The same automaton as a transition table, or null when that table would be too large. */
  readonly dense: DenseAutomaton | null;
  /** Pattern id → its folded, lower-cased code units and the brands it names. */
  readonly patterns: readonly Pattern[];
  /** True when `text` is one of the tracked names or aliases (link texts: mention or source pill). */
  readonly isAlias: (text: string) => boolean;
  /** Index of the brand owning `host` (host or subdomain of a configured domain, most specific wins), or -1. */
  readonly ownerOf: (host: string) => number;
}

/** A host lower-cased, without `www.`, in its Unicode spelling (IDNs compare equal either way). */
function unicodeHost(host: string): string {
  const h = normalizeHost(host);
  return /^\p{ASCII}*$/u.test(h) && !h.includes("xn--") ? h : domainToUnicode(h) || h;
}

/** Compiles the names, aliases and domains of `brands` (spec §2.2: an alias overrides the name's options). */
export function compileBrands(brands: readonly TrackedBrand[]): CompiledBrands {
  const byKey = new Map<string, { codes: number[]; entries: PatternEntry[] }>();
  const insensitive = new Set<string>();
  const sensitive = new Set<string>();
  const owners = new Map<string, number>();
  const add = (codes: number[], entry: PatternEntry): void => {
    if (codes.length === 0) return;
    const key = String.fromCharCode(...codes);
    const pattern = byKey.get(key) ?? { codes, entries: [] };
    byKey.set(key, pattern);
    pattern.entries.push(entry);
  };
  brands.forEach((brand, b) => {
    const options = new Map<string, { text: string; caseSensitive: boolean }>();
    options.set(foldKey(brand.name, true), { text: brand.name, caseSensitive: false });
    for (const alias of brand.aliases) options.set(foldKey(alias.text, true), alias);
    for (const alias of options.values()) {
      // é may arrive composed or as e + combining accent; both spellings are the alias
      for (const text of new Set([alias.text, alias.text.normalize("NFC"), alias.text.normalize("NFD")])) {
        add(foldPattern(text, true), {
          brand: b,
          exact: alias.caseSensitive ? foldPattern(text, false) : null,
        });
        (alias.caseSensitive ? sensitive : insensitive).add(foldKey(text, alias.caseSensitive));
      }
    }
    for (const domain of brand.domains) {
      const host = unicodeHost(domain);
      if (host === "") continue;
      // an internationalised domain is written either way: bokføring.no or xn--bokfring-q8a.no
      for (const spelling of new Set([host, domainToASCII(host) || host])) {
        add(foldPattern(spelling, true), { brand: b, exact: null });
      }
      if (!owners.has(host)) owners.set(host, b);
    }
  });
  const list = [...byKey.values()];
  const automaton = buildAutomaton(
    list.map((p) => p.codes),
    SPACE,
  );
  return {
    brands,
    names: brands.map((b) => b.name),
    automaton,
    dense: densify(automaton),
    patterns: list,
    isAlias: (text) => insensitive.has(foldKey(text, false)) || sensitive.has(foldKey(text, true)),
    // the same answer as `ownerOfHost`, by walking up the host's labels instead of over every brand
    ownerOf: memoByString((host) => {
      for (let h = unicodeHost(host); h !== ""; h = h.includes(".") ? h.slice(h.indexOf(".") + 1) : "") {
        const owner = owners.get(h);
        if (owner !== undefined) return owner;
      }
      return -1;
    }),
  };
}
