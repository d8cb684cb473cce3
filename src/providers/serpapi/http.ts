import { classifyNetworkFailure } from "../http/classify.ts";
import { badResponse, httpFailure, redact, scrubbedError } from "./failures.ts";

/**
 * One GET to SerpApi's `/search.json` through `globalThis.fetch` (no SDK: SerpApi's JS client adds
 * nothing we need and would hide the raw body). Never retries. The key travels as the `api_key`
 * query parameter, as SerpApi requires, and is scrubbed from everything that comes back.
 */

export const DEFAULT_BASE_URL = "https://serpapi.com";

export interface SerpApiCall {
  provider: string;
  baseUrl: string | undefined;
  apiKey: string;
  params: Record<string, string>;
  /** Aborts on the caller's signal or our deadline. */
  signal: AbortSignal;
}

/** `{base}/search.json`, whether or not the base ends in `/` or already names the endpoint. */
export function searchUrl(baseUrl: string | undefined): URL {
  const base = (baseUrl?.trim() || DEFAULT_BASE_URL).replace(/\/+$/, "");
  return new URL(base.endsWith("/search.json") ? base : `${base}/search.json`);
}

/** Returns the parsed JSON body of a 2xx answer; rejects with a `ProviderError` otherwise. */
export async function serpApiGet(call: SerpApiCall): Promise<unknown> {
  const url = searchUrl(call.baseUrl);
  for (const [k, v] of Object.entries(call.params)) url.searchParams.set(k, v);
  url.searchParams.set("api_key", call.apiKey);

  let response: Response;
  let text: string;
  try {
    response = await globalThis.fetch(url, {
      method: "GET",
      headers: { accept: "application/json" },
      signal: call.signal,
    });
    text = redact(await response.text(), call.apiKey);
  } catch (error) {
    // Any abort is a deadline: ours, or the runner's own timeout passed in as `request.signal`.
    throw classifyNetworkFailure(call.provider, scrubbedError(error, call.apiKey), call.signal.aborted);
  }
  const body = parseJson(text);
  if (!response.ok) {
    throw httpFailure(call.provider, {
      status: response.status,
      headers: response.headers,
      body: body.value,
    });
  }
  if (!body.ok)
    throw badResponse(call.provider, `HTTP ${response.status} body is not JSON: ${text.slice(0, 80)}`);
  return body.value;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; value: undefined } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, value: undefined };
  }
}
