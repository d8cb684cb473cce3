import type { MockAnswer } from "./answer.ts";

/**
 * Public types of the mock AI server, plus the contract every wire-format module fulfils. The
 * server owns behaviour (latency, failures, counting); a wire format only knows its own JSON.
 */

/** The wire formats the server speaks; `serpapi` covers its three engines. */
export type MockProvider = "openai" | "anthropic" | "perplexity" | "gemini" | "serpapi";

export const mockProviders: readonly MockProvider[] = [
  "openai",
  "anthropic",
  "perplexity",
  "gemini",
  "serpapi",
];

/** A product the answers recommend; citations point at pages on its domain. */
export interface MockBrand {
  name: string;
  /** Bare host, e.g. `fiken.no`. */
  domain: string;
}

/** How one provider misbehaves. Every field is optional; `{}` is a healthy, instant provider. */
export interface MockBehaviour {
  /** Delay before every response (answers and errors alike), in ms. Default 0. */
  latencyMs?: number;
  /** Answer every request with `failStatus ?? 503` and the provider's error body. */
  down?: boolean;
  /** The first n requests (counted from when the behaviour was set) get a 429. */
  rateLimitFirst?: number;
  /** Every k-th request (counted from when the behaviour was set) gets a 429. */
  rateLimitEvery?: number;
  /** Sent as `retry-after` (and Gemini's `RetryInfo.retryDelay`) on 429s. Default 1. */
  retryAfterSec?: number;
  /** Fail every request with this status (e.g. 500, 529, 402); with `down`, replaces its 503. */
  failStatus?: number;
  /** Error bodies quote the request's credential, as real APIs quote a rejected key. */
  echoKey?: boolean;
}

export interface MockAiServerOptions {
  /** Seed of the answer generator; same seed, question and request number give the same answer. */
  seed?: number;
  brands?: MockBrand[];
  behaviours?: Partial<Record<MockProvider, MockBehaviour>>;
}

export interface ProviderStats {
  /** Requests received, whatever their outcome (auth failures and 429s included). */
  requests: number;
  /** Most requests in flight at once. */
  peakInFlight: number;
  /** Responses sent, by HTTP status. */
  status: Record<number, number>;
}

export interface MockAiServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** What to pass as a provider's `baseUrl` (e.g. `${url}/openai/v1`). */
  baseUrls: Record<MockProvider, string>;
  /** Replaces the provider's behaviour and restarts its `rateLimitFirst`/`rateLimitEvery` count. */
  setBehaviour(provider: MockProvider, behaviour: MockBehaviour): void;
  stats(): Record<MockProvider, ProviderStats>;
  /** Stops listening and ends every socket, keep-alive ones and those waiting out a latency. */
  close(): Promise<void>;
}

/** One received request as a wire format sees it. */
export interface MockRequest {
  method: string;
  url: URL;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body; undefined for GET or an empty body. */
  body: unknown;
}

/** What the wire format read from a request it accepts. */
export interface ReadRequest {
  question: string;
  /** Model id to report as served (SerpApi has none). */
  model: string;
  /** The request asked for web search (SerpApi always searches). */
  search: boolean;
  /** SerpApi engine, when the format has several. */
  engine?: string;
}

/** A status and body to send, with extra headers. */
export interface MockReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface ErrorContext {
  /** Seconds of the 429's `retry-after`. */
  retryAfterSec: number;
  model: string;
}

/** One provider's wire format: routing, auth, request reading, and its bodies. */
export interface WireFormat {
  provider: MockProvider;
  /** Path prefix of this provider on the mock server, e.g. `/openai`. */
  prefix: string;
  /** The base URL a provider gets, relative to the server URL (e.g. `/openai/v1`). */
  basePath: string;
  handles(method: string, pathname: string): boolean;
  /** True when the request carries a (non-empty) credential where the real API expects it. */
  hasCredential(request: MockRequest): boolean;
  /** The question and settings, or a string saying what is wrong (answered with a 400). */
  read(request: MockRequest): ReadRequest | string;
  errorBody(status: number, context: ErrorContext, message?: string): unknown;
  answerBody(answer: MockAnswer, read: ReadRequest, request: MockRequest): unknown;
}
