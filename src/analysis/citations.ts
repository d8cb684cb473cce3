import type { TrackedBrand } from "../core/brands.ts";
import type { SourceRef } from "../providers/types.ts";
import { categoryFor } from "./categories.ts";
import { registrableDomain } from "./domains.ts";
import type { CategoryOverrides, Citation, CitationSource, LinkOccurrence } from "./types.ts";
import { joinWebUrl, normalizeUrl, parseWebUrl, resolveRedirect } from "./urls.ts";

/**
 * The citations of one answer (spec §4): engine-native sources, then markdown links, then bare
 * URLs, de-duplicated by normalised URL keeping the first position and that occurrence's
 * `source`. A later duplicate only fills in a title the first one lacked.
 */

/** A source before normalisation: where it came from and what it was called. */
interface RawSource {
  url: string;
  title?: string | undefined;
  source: CitationSource;
}

/** Accumulates citations in order, one per normalised URL. */
class CitationList {
  readonly #byUrl = new Map<string, Citation>();
  readonly #brands: readonly TrackedBrand[];
  readonly #overrides: CategoryOverrides | undefined;
  /** Normalised URLs never to add (retrieved sources that were also cited). */
  readonly #excluded: ReadonlySet<string>;

  constructor(
    brands: readonly TrackedBrand[],
    overrides: CategoryOverrides | undefined,
    excluded: ReadonlySet<string> = new Set(),
  ) {
    this.#brands = brands;
    this.#overrides = overrides;
    this.#excluded = excluded;
  }

  add(raw: RawSource): void {
    if (raw.url.trim() === "") return;
    const title = cleanTitle(raw.title, raw.url);
    const parts = parseWebUrl(resolveRedirect(raw.url, title));
    if (parts === null) return;
    const url = joinWebUrl(parts);
    if (this.#excluded.size > 0 && this.#excluded.has(url)) return;
    const seen = this.#byUrl.get(url);
    if (seen !== undefined) {
      if (seen.title === undefined && title !== undefined) seen.title = title;
      return;
    }
    const { owner, category } = categoryFor(parts.host, this.#brands, this.#overrides);
    const citation: Citation = {
      url,
      domain: registrableDomain(parts.host),
      owner,
      category,
      source: raw.source,
    };
    if (title !== undefined) citation.title = title;
    this.#byUrl.set(url, citation);
  }

  list(): Citation[] {
    return [...this.#byUrl.values()];
  }
}

/**
 * A title worth keeping: trimmed, non-empty, and not the URL itself (autolinks and bare URLs
 * repeat their target as their text).
 */
function cleanTitle(title: string | undefined, url: string): string | undefined {
  const t = title?.trim();
  return t === undefined || t === "" || t === url.trim() ? undefined : t;
}

/**
 * Merges engine-native sources (`native`, in the engine's order) with the answer's links
 * (`links`, in text order): first all native sources, then every `source: "link"` occurrence,
 * then every `source: "bare"` one. Empty targets and URLs that do not normalise (relative links,
 * `mailto:`, junk) are skipped. Redirect wrappers are resolved before de-duplication.
 */
export function buildCitations(
  native: readonly SourceRef[],
  links: readonly LinkOccurrence[],
  brands: readonly TrackedBrand[],
  overrides?: CategoryOverrides,
): Citation[] {
  const list = new CitationList(brands, overrides);
  for (const ref of native) list.add({ url: ref.url, title: ref.title, source: "native" });
  for (const source of ["link", "bare"] as const) {
    for (const link of links) {
      if (link.source === source) list.add({ url: link.url, title: link.title, source });
    }
  }
  return list.list();
}

/**
 * Engine sources retrieved but not cited (spec §4: stored apart, never counted), normalised and
 * de-duplicated like citations, all with `source: "native"`. When `cited` is given, any retrieved
 * URL that is also among those citations (compared after normalisation) is left out, so a source
 * is never both cited and retrieved-only.
 */
export function buildRetrieved(
  retrieved: readonly SourceRef[],
  brands: readonly TrackedBrand[],
  overrides?: CategoryOverrides,
  cited?: readonly Citation[],
): Citation[] {
  if (retrieved.length === 0) return [];
  // Citation URLs are normalised already; normalising again also accepts hand-built ones.
  const citedUrls = new Set((cited ?? []).map((c) => normalizeUrl(c.url) ?? c.url));
  const list = new CitationList(brands, overrides, citedUrls);
  for (const ref of retrieved) list.add({ url: ref.url, title: ref.title, source: "native" });
  return list.list();
}
