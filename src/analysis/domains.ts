import { getDomain } from "tldts";
import type { TrackedBrand } from "../core/brands.ts";
import { memoByString } from "./memo.ts";

/**
 * Domain facts of spec §4: registrable domain (public-suffix list, private section included) and
 * ownership by host-or-subdomain match of a brand's configured domains.
 */

/** Lower-cases a host and drops a leading `www.` and a trailing dot. */
export function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.endsWith(".")) h = h.slice(0, -1);
  if (h.startsWith("www.")) h = h.slice(4);
  return h;
}

/** `www.bbc.co.uk` → `bbc.co.uk`; `shop.myshopify.com` stays itself; IPs and unknown suffixes give the host. */
export const registrableDomain: (host: string) => string = memoByString((host) => {
  const h = normalizeHost(host);
  return getDomain(h, { allowPrivateDomains: true }) ?? h;
});

/** True when `host` is `domain` or a subdomain of it (`blog.hubspot.com` is in `hubspot.com`). */
export function hostIsIn(host: string, domain: string): boolean {
  const h = normalizeHost(host);
  const d = normalizeHost(domain);
  return h === d || h.endsWith(`.${d}`);
}

/**
 * The tracked brand owning `host`, or null. When several brands' domains contain the host, the
 * most specific (longest) configured domain wins, so `powerautomate.microsoft.com` beats
 * `microsoft.com` for its own subdomains and loses for `learn.microsoft.com`.
 */
export function ownerOfHost(host: string, brands: readonly TrackedBrand[]): TrackedBrand | null {
  let best: TrackedBrand | null = null;
  let bestLength = -1;
  for (const brand of brands) {
    for (const domain of brand.domains) {
      if (domain.length > bestLength && hostIsIn(host, domain)) {
        best = brand;
        bestLength = domain.length;
      }
    }
  }
  return best;
}
