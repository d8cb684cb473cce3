import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { plainUrlFields } from "../../src/analysis/simple-url.ts";

/**
 * The plain-URL fast path must answer exactly what `URL.parse` answers whenever it answers at all;
 * the generators are dense in what the URL parser rewrites (case, dot segments, percent escapes,
 * punycode, numeric hosts, quotes, ports, credentials, odd characters).
 */

const PIECES = [
  "a",
  "Z",
  "0",
  "9",
  "-",
  ".",
  "..",
  "%2e",
  "%2E",
  "%",
  "%zz",
  "%41",
  "xn--",
  "XN--",
  "/",
  "//",
  "?",
  "#",
  "&",
  "=",
  "'",
  '"',
  "`",
  "^",
  "{",
  "}",
  "|",
  "\\",
  "[",
  "]",
  ":",
  "@",
  "!",
  "$",
  "(",
  ")",
  "*",
  "+",
  ",",
  ";",
  "~",
  "_",
  " ",
  "\t",
  "\n",
  "ø",
  "é",
  "\u00ad",
  "\u200b",
  "com",
  "no",
  "www",
  "0x1f",
  "1",
  "255",
  "localhost",
];

const piece = fc.constantFrom(...PIECES);
/** Mostly characters the fast path takes, with a trouble-maker now and then. */
const part = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[A-Za-z0-9\-._~!$&'()*+,;=:@%/]{1,6}$/) },
  { weight: 1, arbitrary: piece },
);
const junk = fc.array(part, { maxLength: 6 }).map((p) => p.join(""));
const label = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[A-Za-z0-9-]{1,10}$/) },
  { weight: 1, arbitrary: fc.array(piece, { minLength: 1, maxLength: 3 }).map((p) => p.join("")) },
);

const candidate = fc
  .record({
    scheme: fc.constantFrom("http://", "https://", "HTTPS://", "hTTp://", "https:/", "https:///", "ftp://"),
    labels: fc.array(label, { minLength: 1, maxLength: 4 }),
    tld: fc.oneof(fc.constantFrom("com", "no", "co.uk", "1", "0x10", "xn--p1ai", "Com", "a1"), label),
    path: junk.map((p) => (p === "" ? "" : `/${p}`)),
    query: fc.oneof(
      fc.constant(""),
      junk.map((q) => `?${q}`),
    ),
    fragment: fc.oneof(
      fc.constant(""),
      junk.map((f) => `#${f}`),
    ),
  })
  .map((u) => `${u.scheme}${[...u.labels, u.tld].join(".")}${u.path}${u.query}${u.fragment}`);

function urlFields(text: string) {
  const url = URL.parse(text);
  return url === null
    ? null
    : {
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port,
        pathname: url.pathname,
        search: url.search,
      };
}

describe("plainUrlFields", () => {
  it("agrees with URL.parse on every URL it accepts", () => {
    const accepted = fc
      .sample(candidate, { numRuns: 2000, seed: 7 })
      .filter((t) => plainUrlFields(t) !== null);
    expect(accepted.length).toBeGreaterThan(200);
    fc.assert(
      fc.property(candidate, (text) => {
        const fields = plainUrlFields(text);
        if (fields !== null) expect(fields).toEqual(urlFields(text));
      }),
      { numRuns: 20_000 },
    );
  });

  it("agrees with URL.parse on fast-check web URLs", () => {
    const webUrl = fc.webUrl({
      withFragments: true,
      withQueryParameters: true,
      validSchemes: ["http", "https"],
    });
    fc.assert(
      fc.property(webUrl, (text) => {
        const fields = plainUrlFields(text);
        if (fields !== null) expect(fields).toEqual(urlFields(text));
      }),
      { numRuns: 5000 },
    );
  });

  it("takes the URLs engines usually cite", () => {
    for (const text of [
      "https://fiken.no/priser?utm_source=openai",
      "https://www.Tripletex.no/",
      "http://blog.hubspot.com/sales/crm?ref=abc&x=1#top",
      "https://example.com",
    ]) {
      expect(plainUrlFields(text), text).toEqual(urlFields(text));
    }
  });

  it("leaves everything else to the URL parser", () => {
    for (const text of [
      "https://xn--bokfring-q8a.no/",
      "https://bokføring.no/",
      "https://a.com/./b",
      "https://a.com/x/%2e%2e/y",
      "https://user:pw@a.com/",
      "https://a.com:443/",
      "https://1.2.3.4/",
      "https://a.com/x y",
      "https://a.com/?q='x'",
      "https://localhost/",
    ]) {
      expect(plainUrlFields(text), text).toBeNull();
    }
  });
});
