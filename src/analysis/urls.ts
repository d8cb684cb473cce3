import { domainToUnicode } from "node:url";
import { parse as parseDomain } from "tldts";
import { memoByString } from "./memo.ts";
import { plainUrlFields, type UrlFields } from "./simple-url.ts";

/**
 * URL normalisation and redirect resolution of spec §4 "Normalization". Citations are
 * de-duplicated by the normalised URL, so this must be idempotent and must never merge two URLs
 * that name different resources: it drops only what the spec lists and decodes nothing.
 */

/** Parts of a normalised web URL; `normalizeUrl` joins them. */
export interface WebUrlParts {
  /** `http` or `https`. */
  scheme: "http" | "https";
  /** Lower-case host without `www.` or a trailing dot; IDN hosts in Unicode (`blåbær.no`). */
  host: string;
  /** Non-default port, or "" (the URL parser already drops `:443` on https and `:80` on http). */
  port: string;
  /** Path without trailing slashes ("" for the root), percent-escapes upper-cased. */
  path: string;
  /** Query without tracking parameters, with its leading `?`, or "". */
  query: string;
}

/** Exact tracking parameter names of spec §4, compared case-insensitively; `utm_*` is a prefix rule. */
const TRACKING_PARAMS = new Set(["gclid", "fbclid", "msclkid", "ref", "ref_src", "srsltid", "_gsid"]);

/** Two or more labels of letters, digits, marks, `_` and `-` (URL parsers accept worse hosts). */
const ASCII_HOST = /^[a-z0-9_-]+(?:\.[a-z0-9_-]+)+$/;
const UNICODE_HOST = /^[\p{L}\p{N}\p{M}_-]+(?:\.[\p{L}\p{N}\p{M}_-]+)+$/u;

const SCHEMELESS_WWW = /^www\./i;
const WEB_SCHEME = /^https?:/i;

/** True for a query key (as written, maybe percent-encoded) that spec §4 says to drop. */
export function isTrackingParam(key: string): boolean {
  let k = key;
  if (/[%+]/.test(key)) {
    try {
      k = decodeURIComponent(key.replace(/\+/g, " "));
    } catch {
      // A malformed escape is kept as written; it is then simply not a tracking key.
    }
  }
  k = k.toLowerCase();
  return k.startsWith("utm_") || TRACKING_PARAMS.has(k);
}

/**
 * Parses and normalises `raw`, or returns null when it is not an absolute http(s) URL with a
 * plausible host. `www.x.com/...` without a scheme is taken as https (spec §4 "bare URLs").
 * Answers to the same prompts cite the same pages run after run, so results are memoised (frozen:
 * callers share them).
 */
export const parseWebUrl: (raw: string) => Readonly<WebUrlParts> | null = memoByString((raw) => {
  const parts = parseWebUrlOnce(raw);
  return parts === null ? null : Object.freeze(parts);
});

function parseWebUrlOnce(raw: string): WebUrlParts | null {
  let text = raw.trim();
  if (text.startsWith("<") && text.endsWith(">")) text = text.slice(1, -1).trim();
  if (SCHEMELESS_WWW.test(text)) text = `https://${text}`;
  else if (!WEB_SCHEME.test(text)) return null;
  const url: UrlFields | null = plainUrlFields(text) ?? URL.parse(text);
  if (url === null) return null;
  const scheme = url.protocol === "https:" ? "https" : url.protocol === "http:" ? "http" : null;
  if (scheme === null) return null;
  const host = normalizeUrlHost(url.hostname);
  if (host === null) return null;
  return {
    scheme,
    host,
    port: url.port,
    path: upperEscapes(trimSlashes(url.pathname)),
    query: cleanQuery(url.search),
  };
}

/**
 * The normalised form of `raw` (spec §4), or null for non-http(s) URLs and junk.
 * `https://WWW.Fiken.no/priser/?utm_source=chatgpt.com#:~:text=x` → `https://fiken.no/priser`.
 * Credentials (`user:pw@`) are dropped: they do not name the resource and must not be stored.
 */
export function normalizeUrl(raw: string): string | null {
  const parts = parseWebUrl(raw);
  return parts === null ? null : joinWebUrl(parts);
}

/** Joins normalised parts back into a URL string. */
export function joinWebUrl(parts: WebUrlParts): string {
  const port = parts.port === "" ? "" : `:${parts.port}`;
  return `${parts.scheme}://${parts.host}${port}${parts.path}${parts.query}`;
}

/** Host of a URL after normalisation (Unicode IDN, no `www.`), or null when it does not normalise. */
export function hostOfUrl(raw: string): string | null {
  return parseWebUrl(raw)?.host ?? null;
}

/** Hosts repeat across answers far more than URLs do; the IDN conversion is the costly part. */
const normalizeUrlHost = memoByString(normalizeUrlHostOnce);

function normalizeUrlHostOnce(hostname: string): string | null {
  if (hostname.startsWith("[")) return hostname; // IPv6 literal, already canonical.
  let host = hostname.endsWith(".") ? hostname.slice(0, -1) : hostname;
  // The URL parser gives IDN hosts in punycode; brands configure and readers read them in Unicode.
  if (host.includes("xn--")) host = domainToUnicode(host) || host;
  host = host.toLowerCase();
  if (host.startsWith("www.") && host.indexOf(".", 4) > 0) host = host.slice(4);
  return ASCII_HOST.test(host) || UNICODE_HOST.test(host) ? host : null;
}

/**
 * Drops tracking parameters and empty `&&` segments; keeps the rest exactly as written, in order.
 * Engines tag every link alike (`?utm_source=chatgpt.com`), so the few distinct queries are memoised.
 */
const cleanQuery = memoByString(cleanQueryOnce);

function cleanQueryOnce(search: string): string {
  if (search.length <= 1) return "";
  let kept = "";
  for (const param of search.slice(1).split("&")) {
    if (param === "") continue;
    const eq = param.indexOf("=");
    if (isTrackingParam(eq < 0 ? param : param.slice(0, eq))) continue;
    kept += kept === "" ? `?${param}` : `&${param}`;
  }
  return upperEscapes(kept);
}

function trimSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 47) end--; // 47 is "/".
  return end === path.length ? path : path.slice(0, end);
}

/** `%c3%a5` and `%C3%A5` are the same octets (RFC 3986 §6.2.2.1); only the hex case changes. */
function upperEscapes(text: string): string {
  if (!text.includes("%")) return text;
  return text.replace(/%[0-9a-f]{2}/gi, (hex) => hex.toUpperCase());
}

/**
 * Wrappers whose target sits in a query parameter, matched by host (after `www.` is dropped) and
 * path. Only wrappers whose parameter always holds the plain target URL are listed;
 * `bing.com/ck/a` (base64 payload, format undocumented) and `t.co` (target needs a request)
 * are left alone.
 */
const PARAM_WRAPPERS: readonly { hosts: RegExp; path: RegExp; params: readonly string[] }[] = [
  { hosts: /^google\.(?:[a-z]{2,3}|co\.[a-z]{2}|com\.[a-z]{2})$/, path: /^\/url$/, params: ["q", "url"] },
  { hosts: /^(l|lm|m)\.facebook\.com$/, path: /^\/l\.php$/, params: ["u"] },
  { hosts: /^(m\.)?youtube\.com$/, path: /^\/redirect$/, params: ["q"] },
  { hosts: /^duckduckgo\.com$/, path: /^\/l\/?$/, params: ["uddg"] },
  { hosts: /^out\.reddit\.com$/, path: /^\//, params: ["url"] },
  { hosts: /^[a-z0-9]+\.safelinks\.protection\.outlook\.com$/, path: /^\/?$/, params: ["url"] },
  { hosts: /^linkedin\.com$/, path: /^\/redir\/redirect$/, params: ["url"] },
];

/** Cheap test on the raw text, so ordinary URLs skip parsing here (this runs on every source). */
const MAYBE_WRAPPER =
  /vertexaisearch|google\.|facebook\.com|youtube\.com|duckduckgo|reddit\.com|safelinks|linkedin\.com/i;
const GEMINI_REDIRECT_HOST = "vertexaisearch.cloud.google.com";
const GEMINI_REDIRECT_PATH = "/grounding-api-redirect/";
/** Wrappers nest rarely (a Google redirect to a Facebook one); a bound keeps junk from looping. */
const MAX_UNWRAP = 3;

/**
 * The real target of a redirect wrapper, or `url` unchanged. Gemini's grounding redirects
 * (`https://vertexaisearch.cloud.google.com/grounding-api-redirect/…`) hide the target; their
 * `title` is the target's domain, so they resolve to `https://<title>` when the title is a
 * domain with a known public suffix, and stay as they are otherwise. The result is not normalised.
 */
export function resolveRedirect(url: string, title?: string): string {
  let current = url;
  for (let step = 0; step < MAX_UNWRAP; step++) {
    const next = unwrapOnce(current, title);
    if (next === null) return current;
    current = next;
  }
  return current;
}

function unwrapOnce(raw: string, title: string | undefined): string | null {
  if (!MAYBE_WRAPPER.test(raw)) return null;
  const parts = parseWebUrl(raw);
  if (parts === null) return null;
  if (parts.host === GEMINI_REDIRECT_HOST && parts.path.startsWith(GEMINI_REDIRECT_PATH)) {
    const domain = title === undefined ? null : titleDomain(title);
    return domain === null ? null : `https://${domain}`;
  }
  const wrapper = PARAM_WRAPPERS.find((w) => w.hosts.test(parts.host) && w.path.test(parts.path));
  if (wrapper === undefined) return null;
  const params = new URLSearchParams(parts.query);
  for (const name of wrapper.params) {
    const target = params.get(name)?.trim();
    // Only absolute http(s) targets: a relative `q` would resolve against the wrapper itself.
    if (target !== undefined && /^https?:/i.test(target) && parseWebUrl(target) !== null) return target;
  }
  return null;
}

/** The host a Gemini source title names (`Fiken.no`, `www.fiken.no`), or null for prose titles. */
export function titleDomain(title: string): string | null {
  const text = title.trim();
  if (text === "" || /[\s/:?#@]/.test(text)) return null;
  const parts = parseWebUrl(`https://${text}`);
  if (parts === null || parts.port !== "" || parts.path !== "" || parts.query !== "") return null;
  const info = parseDomain(parts.host, { allowPrivateDomains: true });
  if (info.isIp === true || !(info.isIcann === true || info.isPrivate === true)) return null;
  return parts.host;
}
