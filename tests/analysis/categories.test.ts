import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BUILTIN_CATEGORIES,
  categoryFor,
  normalizeCategoryKey,
  thirdPartyCategory,
} from "../../src/analysis/categories.ts";
import { ownerOfHost, registrableDomain } from "../../src/analysis/domains.ts";
import { domainCategories, type TrackedBrand } from "../../src/core/brands.ts";

const brand = (name: string, role: TrackedBrand["role"], domains: string[]): TrackedBrand => ({
  name,
  role,
  aliases: [{ text: name, caseSensitive: false }],
  domains,
});

const brands: TrackedBrand[] = [
  brand("HubSpot", "own", ["hubspot.com"]),
  brand("Tripletex", "competitor", ["tripletex.no"]),
  brand("Power Automate", "competitor", ["powerautomate.microsoft.com"]),
  brand("Blåbær", "competitor", ["blåbær.no"]),
  brand("Ørsted", "competitor", ["xn--rsted-uua.com"]),
];

describe("spec §4 domain examples", () => {
  it("registrable domains", () => {
    expect(registrableDomain("www.bbc.co.uk")).toBe("bbc.co.uk");
    expect(registrableDomain("blog.hubspot.com")).toBe("hubspot.com");
    expect(registrableDomain("shop.myshopify.com")).toBe("shop.myshopify.com");
  });

  it("owner by host or subdomain of a configured domain", () => {
    expect(categoryFor("blog.hubspot.com", brands)).toEqual({ owner: "HubSpot", category: "owned" });
    expect(categoryFor("hubspot.com", brands)).toEqual({ owner: "HubSpot", category: "owned" });
    expect(categoryFor("learn.microsoft.com", brands)).toEqual({ owner: null, category: "other" });
    expect(categoryFor("eu.powerautomate.microsoft.com", brands)).toEqual({
      owner: "Power Automate",
      category: "competitor",
    });
  });

  it("a look-alike domain is not a subdomain", () => {
    expect(categoryFor("nothubspot.com", brands).owner).toBeNull();
    expect(categoryFor("hubspot.com.evil.io", brands).owner).toBeNull();
  });
});

describe("categoryFor", () => {
  it("competitors are competitor, whatever the table says", () => {
    const onReddit = [brand("Reddit", "competitor", ["reddit.com"])];
    expect(categoryFor("www.reddit.com", onReddit)).toEqual({ owner: "Reddit", category: "competitor" });
    expect(categoryFor("www.reddit.com", brands)).toEqual({ owner: null, category: "ugc" });
  });

  it("an own brand wins over overrides", () => {
    expect(categoryFor("hubspot.com", brands, { "hubspot.com": "news" }).category).toBe("owned");
  });

  it("matches IDN hosts in either spelling against domains in either spelling", () => {
    expect(categoryFor("blåbær.no", brands).owner).toBe("Blåbær");
    expect(categoryFor("xn--blbr-roah.no", brands).owner).toBe("Blåbær");
    expect(categoryFor("ørsted.com", brands).owner).toBe("Ørsted");
    expect(categoryFor("www.XN--RSTED-UUA.com", brands).owner).toBe("Ørsted");
  });
});

describe("categoryFor owner = ownerOfHost", () => {
  const label = fc.constantFrom("a", "b", "app", "blog", "no", "fiken", "hubspot", "microsoft");
  const domain = fc
    .array(label, { minLength: 1, maxLength: 3 })
    .map((labels) => [...labels, "com"].join("."));
  const brandList = fc.array(
    fc.record({ role: fc.constantFrom("own", "competitor"), domains: fc.array(domain, { maxLength: 3 }) }),
    { maxLength: 6 },
  );

  it("agrees with the reference scan for any brands and host (the index is only faster)", () => {
    fc.assert(
      fc.property(brandList, domain, (specs, host) => {
        const list = specs.map((b, i) => brand(`B${i}`, b.role as TrackedBrand["role"], b.domains));
        expect(categoryFor(host, list).owner).toBe(ownerOfHost(host, list)?.name ?? null);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("thirdPartyCategory: built-in table", () => {
  it.each([
    ["reddit.com", "ugc"],
    ["old.reddit.com", "ugc"],
    ["quora.com", "ugc"],
    ["no.quora.com", "ugc"],
    ["diskusjon.no", "ugc"],
    ["softwareengineering.stackexchange.com", "ugc"],
    ["g2.com", "review"],
    ["capterra.com", "review"],
    ["capterra.no", "review"],
    ["www.capterra.co.uk", "review"],
    ["no.trustpilot.com", "review"],
    ["trustpilot.dk", "review"],
    ["getapp.com", "review"],
    ["softwareadvice.com", "review"],
    ["trustradius.com", "review"],
    ["wikipedia.org", "reference"],
    ["no.wikipedia.org", "reference"],
    ["en.m.wikipedia.org", "reference"],
    ["wikidata.org", "reference"],
    ["britannica.com", "reference"],
    ["snl.no", "reference"],
    ["nrk.no", "news"],
    ["www.e24.no", "news"],
    ["dn.no", "news"],
    ["finansavisen.no", "news"],
    ["vg.no", "news"],
    ["aftenposten.no", "news"],
    ["reuters.com", "news"],
    ["www.bbc.co.uk", "news"],
    ["nytimes.com", "news"],
    ["youtube.com", "video"],
    ["m.youtube.com", "video"],
    ["youtu.be", "video"],
    ["vimeo.com", "video"],
    ["tiktok.com", "video"],
    ["example.com", "other"],
    ["fiken.no", "other"],
  ])("%s → %s", (host, category) => {
    expect(thirdPartyCategory(host)).toBe(category);
  });

  it("name.* rules cover ICANN suffixes only", () => {
    expect(thirdPartyCategory("capterra.myshopify.com")).toBe("other");
    expect(thirdPartyCategory("capterra.com.au")).toBe("review");
  });

  it("a table key does not cover look-alikes", () => {
    expect(thirdPartyCategory("notreddit.com")).toBe("other");
    expect(thirdPartyCategory("reddit.com.example.org")).toBe("other");
    expect(thirdPartyCategory("nrk.no.example.com")).toBe("other");
  });

  it("forum-like subdomains of third parties are ugc, the bare domain is not", () => {
    expect(thirdPartyCategory("forum.example.com")).toBe("ugc");
    expect(thirdPartyCategory("community.atlassian.com")).toBe("ugc");
    expect(thirdPartyCategory("forum.no")).toBe("other");
  });

  it("holds normalised keys and known classes only", () => {
    expect(BUILTIN_CATEGORIES.size).toBeGreaterThan(100);
    for (const [key, category] of BUILTIN_CATEGORIES) {
      expect(normalizeCategoryKey(key), key).toBe(key);
      expect(domainCategories, key).toContain(category);
      expect(category, key).not.toBe("other");
    }
  });
});

describe("thirdPartyCategory: user overrides", () => {
  it("win over the built-in table at the same key", () => {
    expect(thirdPartyCategory("reddit.com", { "reddit.com": "review" })).toBe("review");
    expect(thirdPartyCategory("no.wikipedia.org", { "wikipedia.org": "ugc" })).toBe("ugc");
    expect(thirdPartyCategory("capterra.no", { "capterra.*": "other" })).toBe("other");
  });

  it("extend the table with new domains and subdomains", () => {
    const overrides = {
      "regnskapsforum.no": "ugc",
      "kode24.no": "reference",
      "blogg.example.no": "news",
    } as const;
    expect(thirdPartyCategory("www.regnskapsforum.no", overrides)).toBe("ugc");
    expect(thirdPartyCategory("kode24.no", overrides)).toBe("reference");
    expect(thirdPartyCategory("blogg.example.no", overrides)).toBe("news");
    expect(thirdPartyCategory("example.no", overrides)).toBe("other");
  });

  it("a more specific key wins, whichever table it comes from", () => {
    expect(thirdPartyCategory("capterra.no", { "capterra.no": "news" })).toBe("news");
    expect(thirdPartyCategory("no.wikipedia.org", { "no.wikipedia.org": "news" })).toBe("news");
    expect(thirdPartyCategory("en.wikipedia.org", { "no.wikipedia.org": "news" })).toBe("reference");
    expect(thirdPartyCategory("news.google.com", { "google.com": "other" })).toBe("news");
  });

  it("accepts keys written loosely", () => {
    const overrides = { "HTTPS://WWW.Regnskap.no/": "news", "*.forum.example": "ugc" } as const;
    expect(thirdPartyCategory("regnskap.no", overrides)).toBe("news");
    expect(thirdPartyCategory("a.forum.example", overrides)).toBe("ugc");
    expect(normalizeCategoryKey(" Capterra.* ")).toBe("capterra.*");
  });

  it("do not leak between override tables", () => {
    expect(thirdPartyCategory("reddit.com", { "reddit.com": "news" })).toBe("news");
    expect(thirdPartyCategory("reddit.com", {})).toBe("ugc");
    expect(thirdPartyCategory("reddit.com")).toBe("ugc");
  });
});
