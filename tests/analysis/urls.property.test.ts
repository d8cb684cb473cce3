import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isTrackingParam, normalizeUrl } from "../../src/analysis/urls.ts";

const TRACKING_KEYS = [
  "utm_source",
  "utm_medium",
  "UTM_Campaign",
  "utm_x",
  "gclid",
  "fbclid",
  "msclkid",
  "ref",
];
const MORE_TRACKING = ["ref_src", "srsltid", "_gsid", "Ref", "GCLID"];
const PLAIN_KEYS = ["q", "id", "page", "plan", "lang", "referrer", "utm", "s"];

const randomCase = (text: string) =>
  fc
    .array(fc.boolean(), { minLength: text.length, maxLength: text.length })
    .map((upper) => [...text].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join(""));

const token = fc.stringMatching(/^[a-z0-9-]{1,8}$/);
const param = fc.tuple(fc.constantFrom(...TRACKING_KEYS, ...MORE_TRACKING, ...PLAIN_KEYS), token);
const fragment = fc.constantFrom("", "#", "#top", "#:~:text=Fiken%20koster", "#!/route?a=1");

/** The URLs engines write: case noise, `www.`, trailing slashes, tracking parameters, fragments. */
const engineUrl = fc
  .record({
    scheme: fc.constantFrom("http://", "https://", "HTTPS://", "Https://", ""),
    www: fc.boolean(),
    host: fc.domain().chain(randomCase),
    path: fc.array(fc.stringMatching(/^[A-Za-z0-9._~%-]{1,6}$/), { maxLength: 4 }),
    slashes: fc.integer({ min: 0, max: 3 }),
    params: fc.array(param, { maxLength: 6 }),
    fragment,
  })
  .map((u) => {
    // Without a scheme only `www.` URLs are URLs (spec §4 bare URLs).
    const prefix = u.scheme === "" ? "www." : `${u.scheme}${u.www ? "www." : ""}`;
    const path = (u.path.length > 0 ? `/${u.path.join("/")}` : "") + "/".repeat(u.slashes);
    const query = u.params.length > 0 ? `?${u.params.map(([k, v]) => `${k}=${v}`).join("&")}` : "";
    return { raw: `${prefix}${u.host}${path}${query}${u.fragment}`, params: u.params };
  });

const anyWebUrl = fc.webUrl({
  withFragments: true,
  withQueryParameters: true,
  validSchemes: ["http", "https"],
});

function assertClean(normalized: string) {
  expect(normalized).not.toContain("#");
  const query = normalized.includes("?") ? normalized.slice(normalized.indexOf("?") + 1) : "";
  for (const segment of query.split("&").filter(Boolean)) {
    expect(isTrackingParam(segment.split("=")[0] ?? "")).toBe(false);
  }
}

describe("normalizeUrl properties", () => {
  it("is idempotent on fast-check web URLs", () => {
    fc.assert(
      fc.property(anyWebUrl, (raw) => {
        const once = normalizeUrl(raw);
        if (once !== null) expect(normalizeUrl(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it("accepts almost every fast-check web URL", () => {
    const samples = fc.sample(anyWebUrl, { numRuns: 2000, seed: 42 });
    const accepted = samples.filter((raw) => normalizeUrl(raw) !== null).length;
    expect(accepted / samples.length).toBeGreaterThan(0.95);
  });

  it("never leaves a tracking parameter or a fragment (fast-check web URLs)", () => {
    fc.assert(
      fc.property(anyWebUrl, (raw) => {
        const once = normalizeUrl(raw);
        if (once !== null) assertClean(once);
      }),
      { numRuns: 2000 },
    );
  });

  it("normalises engine-style URLs, idempotently and cleanly", () => {
    fc.assert(
      fc.property(engineUrl, ({ raw }) => {
        const once = normalizeUrl(raw);
        expect(once).not.toBeNull();
        expect(normalizeUrl(once ?? "")).toBe(once);
        assertClean(once ?? "");
        const afterScheme = (once ?? "").replace(/^https?:\/\//, "");
        expect(afterScheme).not.toMatch(/^www\.[^/]*\./);
        expect(once).not.toMatch(/\/(\?|$)/);
      }),
      { numRuns: 2000 },
    );
  });

  it("keeps every non-tracking parameter, in order", () => {
    fc.assert(
      fc.property(engineUrl, ({ raw, params }) => {
        const once = normalizeUrl(raw) ?? "";
        const kept = params.filter(([k]) => !isTrackingParam(k)).map(([k, v]) => `${k}=${v}`);
        const query = once.includes("?") ? once.slice(once.indexOf("?") + 1).split("&") : [];
        expect(query).toEqual(kept);
      }),
      { numRuns: 1000 },
    );
  });

  it("gives variants that differ only in dropped parts the same result", () => {
    fc.assert(
      fc.property(
        engineUrl,
        fragment,
        fc.constantFrom(...TRACKING_KEYS),
        token,
        ({ raw }, frag, key, value) => {
          const base = raw.replace(/#.*$/, "");
          const extra = `${base}${base.includes("?") ? "&" : "?"}${key}=${value}${frag}`;
          expect(normalizeUrl(extra)).toBe(normalizeUrl(raw));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
