import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { generateAnswer } from "./answer.ts";
import { anthropicWire } from "./anthropic.ts";
import { emptyStates, type ProviderState } from "./behaviour.ts";
import { geminiWire } from "./gemini.ts";
import { readText, sendJson } from "./http-util.ts";
import { openaiWire } from "./openai.ts";
import { perplexityWire } from "./perplexity.ts";
import { serpapiWire } from "./serpapi.ts";
import { defaultBrands } from "./sources.ts";
import {
  type MockAiServer,
  type MockAiServerOptions,
  type MockBrand,
  type MockProvider,
  type MockReply,
  type MockRequest,
  mockProviders,
  type WireFormat,
} from "./types.ts";

/**
 * A local HTTP server speaking the real wire formats of the AI providers, so end-to-end tests and
 * benchmarks can run the whole system by overriding base URLs. Latency is a timer per request
 * (no busy waiting), so hundreds of slow requests in flight cost almost no CPU.
 *
 * An answer is a function of (seed, question, n), n being the provider's 1-based request number
 * counted on arrival over all its requests (401s and 429s included): a sequential run replays
 * exactly, a concurrent one gets the same answers in an arrival-dependent order.
 */

export type { MockAnswer } from "./answer.ts";
export { generateAnswer } from "./answer.ts";
export { defaultBrands } from "./sources.ts";
export type {
  MockAiServer,
  MockAiServerOptions,
  MockBehaviour,
  MockBrand,
  MockProvider,
  ProviderStats,
} from "./types.ts";

const wires: readonly WireFormat[] = [openaiWire, anthropicWire, perplexityWire, geminiWire, serpapiWire];

interface Context {
  seed: number;
  brands: readonly MockBrand[];
  states: Record<MockProvider, ProviderState>;
  /** Aborted by `close()`: cuts every pending latency timer short. */
  closing: AbortSignal;
}

/** The credential a request carried, wherever its provider puts it. */
function credentialOf(request: MockRequest): string {
  const h = request.headers;
  const header = (name: string) => {
    const v = h[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const bearer = header("authorization")?.replace(/^Bearer\s+/i, "");
  return (
    bearer ?? header("x-api-key") ?? header("x-goog-api-key") ?? request.url.searchParams.get("api_key") ?? ""
  );
}

/** Appends `suffix` to every error message string in a body (`message` fields, SerpApi's `error`). */
function withSuffix(body: unknown, suffix: string): unknown {
  if (Array.isArray(body)) return body.map((v) => withSuffix(v, suffix));
  if (!body || typeof body !== "object") return body;
  return Object.fromEntries(
    Object.entries(body).map(([k, v]) => [
      k,
      (k === "message" || k === "error") && typeof v === "string" ? v + suffix : withSuffix(v, suffix),
    ]),
  );
}

/** Decides the reply: credentials, then the request's shape, then the provider's behaviour. */
function replyTo(wire: WireFormat, request: MockRequest, counter: number, context: Context): MockReply {
  const state = context.states[wire.provider];
  const read = wire.read(request);
  const model = typeof read === "string" ? "unknown" : read.model;
  const retryAfterSec = state.behaviour.retryAfterSec ?? 1;
  if (!wire.hasCredential(request))
    return { status: 401, body: wire.errorBody(401, { retryAfterSec, model }) };
  if (typeof read === "string")
    return { status: 400, body: wire.errorBody(400, { retryAfterSec, model }, read) };
  const decision = state.decide();
  if (decision.kind === "fail") {
    const errorContext = { retryAfterSec: decision.retryAfterSec, model };
    const headers: Record<string, string> =
      decision.status === 429 ? { "retry-after": String(decision.retryAfterSec) } : {};
    // Real APIs echo (part of) a rejected key in the message; `echoKey` tests that it never leaks.
    const body = wire.errorBody(decision.status, errorContext);
    const echoed = state.behaviour.echoKey
      ? withSuffix(body, ` Incorrect API key provided: ${credentialOf(request)}.`)
      : body;
    return { status: decision.status, body: echoed, headers };
  }
  const answer = generateAnswer({
    question: read.question,
    counter,
    seed: context.seed,
    brands: context.brands,
  });
  return { status: 200, body: wire.answerBody(answer, read, request) };
}

async function handle(req: IncomingMessage, res: ServerResponse, context: Context): Promise<void> {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const method = req.method ?? "GET";
  const wire = wires.find((w) => w.handles(method, url.pathname));
  if (!wire) {
    req.resume();
    sendJson(res, 404, { error: { message: `mock-ai: no route for ${method} ${url.pathname}` } });
    return;
  }
  const state = context.states[wire.provider];
  const counter = state.arrive();
  res.once("close", () => state.leave());
  const text = await readText(req);
  let reply: MockReply;
  try {
    const body: unknown = text.trim() ? JSON.parse(text) : undefined;
    reply = replyTo(wire, { method, url, headers: req.headers, body }, counter, context);
  } catch {
    reply = {
      status: 400,
      body: wire.errorBody(400, { retryAfterSec: 1, model: "unknown" }, "Invalid JSON body."),
    };
  }
  const latency = state.latencyMs();
  if (latency > 0) await sleep(latency, undefined, { signal: context.closing });
  if (res.destroyed) return;
  state.record(reply.status);
  sendJson(res, reply.status, reply.body, reply.headers);
}

export async function startMockAiServer(options: MockAiServerOptions = {}): Promise<MockAiServer> {
  const closing = new AbortController();
  const context: Context = {
    seed: options.seed ?? 1,
    brands: options.brands?.length ? options.brands : defaultBrands,
    states: emptyStates(mockProviders, options.behaviours),
    closing: closing.signal,
  };
  const server = createServer((req, res) => {
    // A client that went away or a close() mid-latency ends here; the socket is simply dropped.
    handle(req, res, context).catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const baseUrls = Object.fromEntries(wires.map((w) => [w.provider, `${url}${w.basePath}`])) as Record<
    MockProvider,
    string
  >;

  let closed: Promise<void> | undefined;
  return {
    url,
    baseUrls,
    setBehaviour: (provider, behaviour) => context.states[provider].setBehaviour(behaviour),
    stats: () =>
      Object.fromEntries(mockProviders.map((p) => [p, context.states[p].snapshot()])) as ReturnType<
        MockAiServer["stats"]
      >,
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        // Keep-alive sockets would hold close() open until their idle timeout; end them now.
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
