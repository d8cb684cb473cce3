import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../src/core/clock.ts";
import { ProviderError } from "../../src/core/errors.ts";
import type { AskRequest, Provider, ProviderContext } from "../../src/providers/types.ts";

/**
 * The contract every provider passes (architecture rule 10, like unstorage's testDriver).
 * The mock server fails the test on any request no handler matches.
 */
export interface ContractSpec {
  provider: Provider;
  /** Base URL handed to the provider, e.g. `http://127.0.0.1:4010/v1` (msw intercepts; nothing listens; avoid fetch's blocked ports such as 9). */
  baseUrl: string;
  /** HTTP method and absolute URL pattern (msw syntax) of the provider's main request. */
  method: "get" | "post";
  url: string;
  /** Answers a successful call; may look at the request (e.g. a second page_token request). */
  ok: (request: Request) => Response | Promise<Response>;
  /** Expected facts of the successful answer. */
  expectOk: {
    textIncludes: string;
    minCitations: number;
    servedModel: string | null;
  };
  /** How the key travels, to check the provider sends it (header name, or `query:` + param). */
  keyIn: string;
  request?: Partial<AskRequest>;
  options?: Record<string, unknown>;
}

const CANARY_KEY = "sk-canary-0123456789abcdef-DO-NOT-LEAK";

export function runProviderContract(spec: ContractSpec): void {
  const server = setupServer();
  const calls: Request[] = [];
  const context = (): ProviderContext => ({
    apiKey: CANARY_KEY,
    baseUrl: spec.baseUrl,
    clock: systemClock,
    options: spec.options ?? {},
  });
  const request: AskRequest = {
    question: "Hva er det beste regnskapsprogrammet for små bedrifter i Norge?",
    locale: "nb-NO",
    model: spec.provider.defaultModel,
    webSearch: true,
    ...spec.request,
  };
  const route = (respond: (req: Request) => Response | Promise<Response>) =>
    http[spec.method](spec.url, async ({ request: req }) => {
      calls.push(req.clone());
      return respond(req);
    });
  const askError = async (): Promise<ProviderError> => {
    const error = await spec.provider.ask(request, context()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ProviderError);
    const pe = error as ProviderError;
    expect(pe.message).not.toContain(CANARY_KEY);
    expect(JSON.stringify(pe)).not.toContain(CANARY_KEY);
    return pe;
  };

  describe(`provider contract: ${spec.provider.id}`, () => {
    beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
    afterEach(() => {
      server.resetHandlers();
      calls.length = 0;
    });
    afterAll(() => server.close());

    it("declares capabilities and a default model", () => {
      const c = spec.provider.capabilities;
      expect(spec.provider.defaultModel).not.toBe("");
      expect(c.maxConcurrency).toBeGreaterThan(0);
      expect(c.requestsPerMinute).toBeGreaterThan(0);
      expect(c.timeoutMs).toBeGreaterThan(0);
    });

    it("answers with text, citations, served model, usage and raw body; parse(raw) gives the same answer", async () => {
      server.use(route(spec.ok));
      const result = await spec.provider.ask(request, context());
      expect(result.text).toContain(spec.expectOk.textIncludes);
      expect(result.citations.length).toBeGreaterThanOrEqual(spec.expectOk.minCitations);
      for (const c of [...result.citations, ...result.retrieved]) expect(() => new URL(c.url)).not.toThrow();
      expect(result.servedModel).toBe(spec.expectOk.servedModel);
      expect(result.requestedModel).toBe(request.model);
      expect(result.latencyMs).toBeGreaterThanOrEqual(0);
      expect(result.usage.inputTokens).toBeGreaterThanOrEqual(0);
      expect(result.surface).toBe(spec.provider.capabilities.surface);
      const reparsed = spec.provider.parse(JSON.parse(JSON.stringify(result.raw)));
      expect(reparsed.text).toBe(result.text);
      expect(reparsed.citations).toEqual(result.citations);
      expect(reparsed.retrieved).toEqual(result.retrieved);
      expect(reparsed.servedModel).toBe(result.servedModel);
      expect(reparsed.usage).toEqual(result.usage);
      const sent = calls[0];
      expect(sent).toBeDefined();
      if (spec.keyIn.startsWith("query:")) {
        expect(new URL(sent!.url).searchParams.get(spec.keyIn.slice(6))).toBe(CANARY_KEY);
      } else {
        expect(sent!.headers.get(spec.keyIn) ?? "").toContain(CANARY_KEY);
      }
    });

    it("401 is auth, not retried, and the key is not in the error", async () => {
      server.use(
        route(() =>
          HttpResponse.json(
            { error: { message: "Invalid API key", type: "authentication_error" } },
            { status: 401 },
          ),
        ),
      );
      const e = await askError();
      expect(e.kind).toBe("auth");
      expect(calls).toHaveLength(1);
    });

    it("429 with retry-after is rate-limit with the wait, not retried by the provider", async () => {
      server.use(
        route(() =>
          HttpResponse.json(
            { error: { message: "Rate limit reached", type: "rate_limit_error" } },
            { status: 429, headers: { "retry-after": "7" } },
          ),
        ),
      );
      const e = await askError();
      expect(e.kind).toBe("rate-limit");
      expect(e.retryAfterMs).toBe(7000);
      expect(calls).toHaveLength(1);
    });

    it("500 is a server error, not retried by the provider", async () => {
      server.use(
        route(() => HttpResponse.json({ error: { message: "boom", type: "server_error" } }, { status: 500 })),
      );
      const e = await askError();
      expect(e.kind).toBe("server");
      expect(calls).toHaveLength(1);
    });

    it("a malformed body is bad-response", async () => {
      server.use(
        route(
          () =>
            new HttpResponse("{not json", { status: 200, headers: { "content-type": "application/json" } }),
        ),
      );
      expect((await askError()).kind).toBe("bad-response");
    });

    it("an empty JSON object is bad-response", async () => {
      server.use(route(() => HttpResponse.json({})));
      expect((await askError()).kind).toBe("bad-response");
    });

    it("parse rejects junk with bad-response", () => {
      for (const junk of [null, 42, "text", [], { unexpected: true }]) {
        let caught: unknown;
        try {
          spec.provider.parse(junk);
        } catch (e) {
          caught = e;
        }
        expect(caught).toBeInstanceOf(ProviderError);
        expect((caught as ProviderError).kind).toBe("bad-response");
      }
    });
  });
}
