import { describe, expect, it } from "vitest";
import { buildCitations, buildRetrieved } from "../../src/analysis/citations.ts";
import type { LinkOccurrence } from "../../src/analysis/types.ts";
import type { TrackedBrand } from "../../src/core/brands.ts";
import type { SourceRef } from "../../src/providers/types.ts";

const brand = (name: string, role: TrackedBrand["role"], domains: string[]): TrackedBrand => ({
  name,
  role,
  aliases: [{ text: name, caseSensitive: false }],
  domains,
});

const brands: TrackedBrand[] = [
  brand("Fiken", "own", ["fiken.no"]),
  brand("Tripletex", "competitor", ["tripletex.no"]),
  brand("HubSpot", "competitor", ["hubspot.com"]),
];

const link = (url: string, offset: number, title?: string): LinkOccurrence =>
  title === undefined ? { url, offset, source: "link" } : { url, offset, title, source: "link" };
const bare = (url: string, offset: number): LinkOccurrence => ({ url, offset, title: url, source: "bare" });

describe("buildCitations", () => {
  it("produces the issue's output shape", () => {
    expect(buildCitations([], [link("https://tripletex.no/priser", 40, "her")], brands)).toEqual([
      {
        url: "https://tripletex.no/priser",
        domain: "tripletex.no",
        owner: "Tripletex",
        category: "competitor",
        source: "link",
        title: "her",
      },
    ]);
  });

  it("orders native sources, then links, then bare URLs, each in given order", () => {
    const native: SourceRef[] = [{ url: "https://nrk.no/a" }, { url: "https://e24.no/b" }];
    const links = [
      bare("https://vg.no/1", 5),
      link("https://fiken.no/x", 10),
      bare("https://dn.no/2", 20),
      link("https://reddit.com/r/norge", 30),
    ];
    expect(buildCitations(native, links, brands).map((c) => [c.url, c.source])).toEqual([
      ["https://nrk.no/a", "native"],
      ["https://e24.no/b", "native"],
      ["https://fiken.no/x", "link"],
      ["https://reddit.com/r/norge", "link"],
      ["https://vg.no/1", "bare"],
      ["https://dn.no/2", "bare"],
    ]);
  });

  it("de-duplicates utm variants across native, link and bare, keeping the first position and source", () => {
    const native: SourceRef[] = [
      { url: "https://nrk.no/a" },
      { url: "https://www.tripletex.no/priser/?utm_source=chatgpt.com", title: "Priser | Tripletex" },
    ];
    const links = [
      link("https://tripletex.no/priser?utm_source=perplexity", 3, "Tripletex"),
      link("https://fiken.no/priser#:~:text=Fra", 9),
      bare("https://fiken.no/priser/", 15),
      bare("www.tripletex.no/priser", 22),
      bare("https://nrk.no/a?utm_medium=x", 30),
    ];
    const citations = buildCitations(native, links, brands);
    expect(citations.map((c) => [c.url, c.source])).toEqual([
      ["https://nrk.no/a", "native"],
      ["https://tripletex.no/priser", "native"],
      ["https://fiken.no/priser", "link"],
    ]);
    expect(citations[1]?.title).toBe("Priser | Tripletex");
  });

  it("fills in a missing title from a later duplicate, never replaces one", () => {
    const native: SourceRef[] = [{ url: "https://e24.no/sak" }, { url: "https://dn.no/sak", title: "DN" }];
    const links = [link("https://e24.no/sak/", 4, "E24-saken"), link("https://dn.no/sak", 9, "annen tittel")];
    const citations = buildCitations(native, links, brands);
    expect(citations.map((c) => c.title)).toEqual(["E24-saken", "DN"]);
  });

  it("keeps no title for untitled links or text equal to the URL", () => {
    const citations = buildCitations(
      [],
      [link("https://vg.no/a", 0), link("https://vg.no/b", 5, "  ")],
      brands,
    );
    citations.push(...buildCitations([], [bare("https://vg.no/c", 9)], brands));
    for (const citation of citations) expect(citation).not.toHaveProperty("title");
  });

  it("skips empty targets and URLs that do not normalise", () => {
    const native: SourceRef[] = [{ url: "" }, { url: "not a url" }, { url: "https://nrk.no" }];
    const links = [
      link("", 0, "tom"),
      link("   ", 1),
      link("/relative", 2),
      link("#anchor", 3),
      link("mailto:post@fiken.no", 4),
      link("fiken.no", 5),
      bare("https://localhost/x", 6),
      link("https://fiken.no", 7),
    ];
    expect(buildCitations(native, links, brands).map((c) => c.url)).toEqual([
      "https://nrk.no",
      "https://fiken.no",
    ]);
  });

  it("carries registrable domain, owner and category", () => {
    const native: SourceRef[] = [
      { url: "https://blog.hubspot.com/sales/crm" },
      { url: "https://www.bbc.co.uk/news/x" },
      { url: "https://shop.myshopify.com/p" },
      { url: "https://no.wikipedia.org/wiki/Fiken" },
      { url: "https://www.youtube.com/watch?v=abc" },
      { url: "https://app.fiken.no/login" },
    ];
    expect(buildCitations(native, [], brands).map((c) => [c.domain, c.owner, c.category])).toEqual([
      ["hubspot.com", "HubSpot", "competitor"],
      ["bbc.co.uk", null, "news"],
      ["shop.myshopify.com", null, "other"],
      ["wikipedia.org", null, "reference"],
      ["youtube.com", null, "video"],
      ["fiken.no", "Fiken", "owned"],
    ]);
  });

  it("applies category overrides over the built-in table", () => {
    const native: SourceRef[] = [{ url: "https://reddit.com/r/x" }, { url: "https://regnskapsforum.no/t/1" }];
    const overrides = { "reddit.com": "review", "regnskapsforum.no": "ugc" } as const;
    expect(buildCitations(native, [], brands, overrides).map((c) => c.category)).toEqual(["review", "ugc"]);
    expect(buildCitations(native, [], brands).map((c) => c.category)).toEqual(["ugc", "other"]);
  });

  it("resolves Gemini grounding redirects to the title's domain and de-duplicates them", () => {
    const redirect = (id: string) => `https://vertexaisearch.cloud.google.com/grounding-api-redirect/${id}`;
    const native: SourceRef[] = [
      { url: redirect("AUZIYQF1"), title: "tripletex.no" },
      { url: redirect("AUZIYQF2"), title: "tripletex.no" },
      { url: redirect("AUZIYQF3"), title: "Regnskap for småbedrifter" },
    ];
    const links = [link("https://tripletex.no/", 0, "Tripletex")];
    const citations = buildCitations(native, links, brands);
    expect(citations.map((c) => [c.url, c.owner, c.source])).toEqual([
      ["https://tripletex.no", "Tripletex", "native"],
      [redirect("AUZIYQF3"), null, "native"],
    ]);
  });

  it("resolves query-parameter redirect wrappers before de-duplicating", () => {
    const links = [
      link("https://www.google.com/url?q=https%3A%2F%2Ffiken.no%2Fpriser%3Futm_source%3Dx", 0),
      bare("https://fiken.no/priser", 20),
    ];
    expect(buildCitations([], links, brands).map((c) => [c.url, c.source])).toEqual([
      ["https://fiken.no/priser", "link"],
    ]);
  });

  it("returns nothing for nothing", () => {
    expect(buildCitations([], [], brands)).toEqual([]);
  });
});

describe("buildRetrieved", () => {
  it("normalises and de-duplicates, all native", () => {
    const retrieved: SourceRef[] = [
      { url: "https://www.e24.no/a?utm_source=x", title: "E24" },
      { url: "https://e24.no/a/" },
      { url: "junk" },
      { url: "https://capterra.no/p/1" },
    ];
    expect(buildRetrieved(retrieved, brands)).toEqual([
      {
        url: "https://e24.no/a",
        domain: "e24.no",
        owner: null,
        category: "news",
        source: "native",
        title: "E24",
      },
      {
        url: "https://capterra.no/p/1",
        domain: "capterra.no",
        owner: null,
        category: "review",
        source: "native",
      },
    ]);
  });

  it("leaves out sources that are also cited", () => {
    const cited = buildCitations([{ url: "https://tripletex.no/priser?utm_source=a" }], [], brands);
    const retrieved: SourceRef[] = [{ url: "https://www.tripletex.no/priser/" }, { url: "https://fiken.no" }];
    expect(buildRetrieved(retrieved, brands, undefined, cited).map((c) => [c.url, c.owner])).toEqual([
      ["https://fiken.no", "Fiken"],
    ]);
    expect(buildRetrieved(retrieved, brands).map((c) => c.url)).toEqual([
      "https://tripletex.no/priser",
      "https://fiken.no",
    ]);
  });
});
