import { describe, expect, it } from "vitest";
import {
  hostOfUrl,
  isTrackingParam,
  normalizeUrl,
  resolveRedirect,
  titleDomain,
} from "../../src/analysis/urls.ts";

describe("normalizeUrl (spec §4 Normalization)", () => {
  it("applies every rule at once to the spec's example", () => {
    expect(normalizeUrl("https://WWW.Fiken.no/priser/?utm_source=chatgpt.com#:~:text=x")).toBe(
      "https://fiken.no/priser",
    );
  });

  it.each([
    ["lower-cases scheme and host, not the path", "HTTPS://Fiken.NO/Priser", "https://fiken.no/Priser"],
    ["drops www.", "https://www.tripletex.no/priser", "https://tripletex.no/priser"],
    ["drops www. in any case", "https://WWW.tripletex.no", "https://tripletex.no"],
    ["keeps other subdomains", "https://blog.hubspot.com/x", "https://blog.hubspot.com/x"],
    ["drops a plain fragment", "https://fiken.no/a#pricing", "https://fiken.no/a"],
    ["drops a text fragment", "https://fiken.no/a#:~:text=Fiken%20koster", "https://fiken.no/a"],
    ["drops an empty fragment", "https://fiken.no/a#", "https://fiken.no/a"],
    [
      "drops utm_* parameters",
      "https://fiken.no/a?utm_source=x&utm_medium=y&utm_campaign=z",
      "https://fiken.no/a",
    ],
    ["drops gclid", "https://fiken.no/a?gclid=abc", "https://fiken.no/a"],
    ["drops fbclid", "https://fiken.no/a?fbclid=abc", "https://fiken.no/a"],
    ["drops msclkid", "https://fiken.no/a?msclkid=abc", "https://fiken.no/a"],
    ["drops ref", "https://fiken.no/a?ref=producthunt", "https://fiken.no/a"],
    ["drops ref_src", "https://fiken.no/a?ref_src=twsrc", "https://fiken.no/a"],
    ["drops srsltid", "https://fiken.no/a?srsltid=AfmBOo", "https://fiken.no/a"],
    ["drops _gsid", "https://fiken.no/a?_gsid=1", "https://fiken.no/a"],
    [
      "matches tracking keys case-insensitively",
      "https://fiken.no/a?UTM_Source=x&GCLID=1",
      "https://fiken.no/a",
    ],
    ["matches percent-encoded tracking keys", "https://fiken.no/a?utm%5Fsource=x", "https://fiken.no/a"],
    ["drops a key-only tracking parameter", "https://fiken.no/a?ref&b=2", "https://fiken.no/a?b=2"],
    [
      "keeps other parameters in their order",
      "https://x.no/s?q=2&utm_source=a&a=1&ref=b&z=0",
      "https://x.no/s?q=2&a=1&z=0",
    ],
    [
      "keeps look-alike keys",
      "https://x.no/s?referrer=a&utm=b&refs=c",
      "https://x.no/s?referrer=a&utm=b&refs=c",
    ],
    ["keeps repeated parameters", "https://x.no/s?a=1&a=2", "https://x.no/s?a=1&a=2"],
    ["drops empty parameter segments", "https://x.no/s?&a=1&&b=2&", "https://x.no/s?a=1&b=2"],
    ["drops an empty query", "https://fiken.no/a?", "https://fiken.no/a"],
    ["drops a trailing slash", "https://fiken.no/priser/", "https://fiken.no/priser"],
    ["drops the root slash", "https://fiken.no/", "https://fiken.no"],
    ["drops repeated trailing slashes (idempotence)", "https://fiken.no/priser//", "https://fiken.no/priser"],
    [
      "drops the trailing slash before a query",
      "https://fiken.no/priser/?plan=a",
      "https://fiken.no/priser?plan=a",
    ],
    ["keeps inner double slashes", "https://x.no/a//b", "https://x.no/a//b"],
    ["keeps http apart from https", "http://fiken.no/a", "http://fiken.no/a"],
    ["drops default ports", "https://fiken.no:443/a", "https://fiken.no/a"],
    ["keeps other ports", "https://fiken.no:8443/a", "https://fiken.no:8443/a"],
    ["drops credentials", "https://user:secret@fiken.no/a", "https://fiken.no/a"],
    ["drops a trailing dot on the host", "https://fiken.no./a", "https://fiken.no/a"],
    ["reads www. without a scheme as https", "www.Fiken.no/priser/", "https://fiken.no/priser"],
    ["strips autolink brackets and whitespace", "  <https://fiken.no/a>\n", "https://fiken.no/a"],
    ["keeps encoded slashes and ampersands", "https://x.no/a%2Fb?q=a%26b", "https://x.no/a%2Fb?q=a%26b"],
    [
      "upper-cases percent-escape hex only",
      "https://x.no/bl%c3%a5?q=%c3%a5",
      "https://x.no/bl%C3%A5?q=%C3%A5",
    ],
    [
      "encodes raw non-ASCII paths the way engines percent-encode them",
      "https://x.no/blå",
      "https://x.no/bl%C3%A5",
    ],
    ["keeps plus signs in queries", "https://x.no/s?q=a+b", "https://x.no/s?q=a+b"],
    ["keeps IDN hosts in Unicode", "https://xn--blbr-roah.no/a", "https://blåbær.no/a"],
    ["lower-cases Unicode hosts", "https://BLÅBÆR.no", "https://blåbær.no"],
    ["keeps www. when nothing else would be left", "https://www.com/a", "https://www.com/a"],
    ["keeps IPv4 hosts", "http://10.0.0.1:8080/x/", "http://10.0.0.1:8080/x"],
  ])("%s", (_rule, raw, expected) => {
    expect(normalizeUrl(raw)).toBe(expected);
  });

  it.each([
    ["mailto", "mailto:post@fiken.no"],
    ["javascript", "javascript:alert(1)"],
    ["ftp", "ftp://fiken.no/file"],
    ["data", "data:text/plain,hi"],
    ["a domain without a scheme (a mention, not a citation)", "fiken.no/priser"],
    ["a relative path", "/priser"],
    ["a fragment only", "#section"],
    ["an empty string", ""],
    ["whitespace", "   "],
    ["a single-label host", "https://localhost:3000/x"],
    ["an empty host label", "https://fiken..no/"],
    ["a host with punctuation", "https://fik!en.no/"],
    ["a scheme without host", "https://"],
    ["prose", "see the pricing page"],
  ])("rejects %s", (_what, raw) => {
    expect(normalizeUrl(raw)).toBeNull();
  });

  it("merges the variants engines write for one page", () => {
    const variants = [
      "https://tripletex.no/priser",
      "https://www.tripletex.no/priser/",
      "HTTPS://Tripletex.no/priser?utm_source=chatgpt.com",
      "https://tripletex.no/priser#:~:text=Fra%20299",
      "www.tripletex.no/priser?utm_source=perplexity&ref=x",
    ];
    expect(new Set(variants.map(normalizeUrl))).toEqual(new Set(["https://tripletex.no/priser"]));
  });
});

describe("isTrackingParam", () => {
  it("knows the spec's list and the utm_ prefix, nothing else", () => {
    for (const key of [
      "utm_source",
      "utm_anything",
      "gclid",
      "fbclid",
      "msclkid",
      "ref",
      "ref_src",
      "srsltid",
      "_gsid",
    ]) {
      expect(isTrackingParam(key), key).toBe(true);
    }
    for (const key of ["q", "id", "page", "utm", "reference", "gsid", "%E0%A4%A"]) {
      expect(isTrackingParam(key), key).toBe(false);
    }
  });
});

describe("hostOfUrl", () => {
  it("gives the normalised host, or null", () => {
    expect(hostOfUrl("https://WWW.Blog.HubSpot.com/x")).toBe("blog.hubspot.com");
    expect(hostOfUrl("https://xn--blbr-roah.no")).toBe("blåbær.no");
    expect(hostOfUrl("fiken.no")).toBeNull();
  });
});

describe("resolveRedirect", () => {
  const gemini = "https://vertexaisearch.cloud.google.com/grounding-api-redirect/AUZIYQGx9k3_Rz";

  it("resolves a Gemini grounding redirect to the domain its title names", () => {
    expect(resolveRedirect(gemini, "fiken.no")).toBe("https://fiken.no");
    expect(resolveRedirect(gemini, " Www.Tripletex.NO ")).toBe("https://tripletex.no");
    expect(resolveRedirect(gemini, "blog.hubspot.com")).toBe("https://blog.hubspot.com");
  });

  it("leaves a Gemini redirect alone when the title is not a domain", () => {
    for (const title of [
      undefined,
      "",
      "Fiken – regnskap for små bedrifter",
      "Fiken",
      "fiken.no/priser",
      "10.0.0.1",
      "a.notarealtld",
    ]) {
      expect(resolveRedirect(gemini, title), String(title)).toBe(gemini);
    }
  });

  it("uses the title only for Gemini redirects", () => {
    expect(resolveRedirect("https://example.com/grounding-api-redirect/x", "fiken.no")).toBe(
      "https://example.com/grounding-api-redirect/x",
    );
    expect(resolveRedirect("https://fiken.no/priser", "tripletex.no")).toBe("https://fiken.no/priser");
  });

  it.each([
    [
      "google /url?q=",
      "https://www.google.com/url?q=https%3A%2F%2Ffiken.no%2Fpriser&sa=D",
      "https://fiken.no/priser",
    ],
    [
      "google /url?url=",
      "https://www.google.no/url?sa=t&url=https://tripletex.no/&q=",
      "https://tripletex.no/",
    ],
    ["google country domain", "https://google.co.uk/url?q=https://bbc.co.uk/news", "https://bbc.co.uk/news"],
    ["facebook l.php", "https://l.facebook.com/l.php?u=https%3A%2F%2Ffiken.no&h=AT0", "https://fiken.no"],
    [
      "youtube redirect",
      "https://www.youtube.com/redirect?event=x&q=https%3A%2F%2Ffiken.no",
      "https://fiken.no",
    ],
    ["duckduckgo", "https://duckduckgo.com/l/?uddg=https%3A%2F%2Ffiken.no%2Fa&rut=1", "https://fiken.no/a"],
    [
      "outlook safelinks",
      "https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Ffiken.no&data=1",
      "https://fiken.no",
    ],
    ["linkedin", "https://www.linkedin.com/redir/redirect?url=https%3A%2F%2Ffiken.no", "https://fiken.no"],
    [
      "nested wrappers",
      "https://www.google.com/url?q=https://l.facebook.com/l.php?u%3Dhttps%253A%252F%252Ftripletex.no",
      "https://tripletex.no",
    ],
  ])("unwraps %s", (_what, wrapped, target) => {
    expect(resolveRedirect(wrapped)).toBe(target);
  });

  it.each([
    ["google search results", "https://www.google.com/search?q=fiken"],
    ["a google /url without a target", "https://www.google.com/url?sa=t"],
    ["a relative target", "https://www.google.com/url?q=/search"],
    ["a non-web target", "https://www.google.com/url?q=javascript:alert(1)"],
    ["a look-alike host", "https://google.evil.com/url?q=https://fiken.no"],
    ["bing (payload format undocumented)", "https://www.bing.com/ck/a?!&&p=abc&u=a1aHR0cHM6Ly9maWtlbi5ubw"],
    ["t.co (target needs a request)", "https://t.co/AbCdEf"],
    ["junk", "not a url"],
  ])("leaves %s alone", (_what, url) => {
    expect(resolveRedirect(url)).toBe(url);
  });
});

describe("titleDomain", () => {
  it("accepts domains with a known public suffix only", () => {
    expect(titleDomain("Fiken.no")).toBe("fiken.no");
    expect(titleDomain("shop.myshopify.com")).toBe("shop.myshopify.com");
    expect(titleDomain("bbc.co.uk")).toBe("bbc.co.uk");
    expect(titleDomain("Reuters")).toBeNull();
    expect(titleDomain("fiken.no:8080")).toBeNull();
    expect(titleDomain("https://fiken.no")).toBeNull();
  });
});
