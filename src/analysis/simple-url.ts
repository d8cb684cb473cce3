/**
 * The URL parser's answer for the plain URLs answers nearly always hold, without building a `URL`
 * object (which costs more than the rest of a citation's normalisation together). "Plain" is
 * narrow on purpose: an http(s) URL with an ASCII host of letters, digits and hyphens whose last
 * label starts with a letter (so it cannot be an IPv4 address), no `xn--` label, no credentials
 * or port, and a path and query of characters the WHATWG URL parser keeps exactly as written, with
 * no dot segments. Everything else goes to `URL.parse`.
 */

/** The parts of a parsed URL that normalisation reads, as `URL` spells them. */
export interface UrlFields {
  protocol: string;
  hostname: string;
  port: string;
  pathname: string;
  search: string;
}

/**
 * Scheme, host, path (characters outside the path percent-encode set), query (outside the special
 * query percent-encode set, `'` excluded), then any fragment: the parser ignores what a fragment
 * holds when it reports the other parts.
 */
const PLAIN_URL =
  /^(https?):\/\/((?:[a-z0-9-]+\.)+[a-z][a-z0-9-]*)((?:\/[a-z0-9\-._~!$&'()*+,;=:@%]*)*)(\?[a-z0-9\-._~!$&()*+,;=:@%/?]*)?(?:#[\s\S]*)?$/i;

/** A `.` or `%2e` segment, which the parser would resolve; conservative (`/.well-known` too). */
const DOT_SEGMENT = /\/(?:\.|%2e)/i;
const PUNYCODE = /xn--/i;

/** `URL.parse(text)`'s fields when `text` is a plain URL (see above), else null. */
export function plainUrlFields(text: string): UrlFields | null {
  const m = PLAIN_URL.exec(text);
  if (m === null) return null;
  const host = m[2] as string;
  const path = m[3] as string;
  if (PUNYCODE.test(host) || DOT_SEGMENT.test(path)) return null;
  const query = m[4];
  return {
    protocol: `${(m[1] as string).toLowerCase()}:`,
    hostname: host.toLowerCase(),
    port: "",
    pathname: path === "" ? "/" : path,
    search: query === undefined || query.length <= 1 ? "" : query,
  };
}
