import { ProviderError } from "../../core/errors.ts";
import { geminiId } from "./parse.ts";

/**
 * Keeps every HTTP response the SDK receives, exactly as sent.
 *
 * `@google/genai` has no raw-response API: `sdkHttpResponse` carries only headers, the returned
 * object is rebuilt from known fields (unknown fields are dropped), and `ApiError` keeps only the
 * status and the body, not the `retry-after` header. Its documented `httpOptions.fetch` hook is the
 * one place that sees the real responses, so the provider hands the SDK this recorder's `fetch`:
 * the SDK still builds the request, authenticates, follows continuations and raises its errors,
 * while we keep the bodies (the answer's `raw`) and the failure's status and headers.
 */

/** Statuses whose Response must be built without a body (the Fetch standard's null body statuses). */
const nullBodyStatuses: ReadonlySet<number> = new Set([101, 103, 204, 205, 304]);

/** One HTTP exchange the SDK made. */
export interface Hop {
  status: number;
  headers: Headers;
  /** The response body text as received (already decoded from gzip by fetch). */
  body: string;
}

export class HopRecorder {
  readonly hops: Hop[] = [];
  /** What fetch threw (connection refused, reset, abort), when a request got no complete response. */
  networkError: unknown;

  /** A fetch for `httpOptions.fetch`; looks up `globalThis.fetch` per call so test interceptors apply. */
  readonly fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    let response: Response;
    let body: string;
    try {
      response = await globalThis.fetch(input, init);
      body = await response.text();
    } catch (error) {
      this.networkError = error;
      throw error;
    }
    this.hops.push({ status: response.status, headers: response.headers, body });
    return new Response(nullBodyStatuses.has(response.status) ? null : body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };

  /** The last exchange, when the SDK got as far as a response. */
  last(): Hop | undefined {
    return this.hops.at(-1);
  }

  /**
   * The answer's raw form: the one body, or `{ responses: [...] }` for a continued answer.
   * Throws `bad-response` when a body is not JSON.
   */
  raw(): unknown {
    const bodies = this.hops.map((hop, i) => {
      try {
        return JSON.parse(hop.body) as unknown;
      } catch {
        throw new ProviderError(geminiId, "bad-response", `response ${i + 1} is not valid JSON`, {
          status: hop.status,
        });
      }
    });
    if (bodies.length === 0) throw new ProviderError(geminiId, "bad-response", "no response received");
    return bodies.length === 1 ? bodies[0] : { responses: bodies };
  }
}

/** The parsed JSON of an error body, or undefined when it is not JSON (an HTML gateway page ...). */
export function errorBodyOf(hop: Hop): unknown {
  try {
    return JSON.parse(hop.body) as unknown;
  } catch {
    return undefined;
  }
}
