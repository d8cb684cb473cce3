import { delay, HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ProviderError } from "../../../src/core/errors.ts";
import { anthropicProvider } from "../../../src/providers/anthropic/index.ts";
import {
  askRequest,
  context,
  errorResponse,
  fixture,
  fixtureText,
  messagesUrl,
  serveMessages,
  testKey,
} from "./helpers.ts";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

async function askError(ctx = context(), request = askRequest()): Promise<ProviderError> {
  const error = await anthropicProvider.ask(request, ctx).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  expect(JSON.stringify(error)).not.toContain(testKey);
  expect((error as ProviderError).message).not.toContain(testKey);
  return error as ProviderError;
}

describe("anthropic ask: HTTP failures go through classifyHttpFailure, never retried here", () => {
  const cases = [
    { file: "error-401.json", status: 401, kind: "auth", code: "authentication_error" },
    { file: "error-402-billing.json", status: 402, kind: "quota", code: "billing_error" },
    { file: "error-500.json", status: 500, kind: "server", code: "api_error" },
    { file: "error-529-overloaded.json", status: 529, kind: "server", code: "overloaded_error" },
  ] as const;
  for (const c of cases) {
    it(`${c.status} ${c.code} is ${c.kind}`, async () => {
      const sent = serveMessages(server, [errorResponse(c.file, c.status)]);
      const e = await askError();
      expect(e.kind).toBe(c.kind);
      expect(e.status).toBe(c.status);
      expect(e.code).toBe(c.code);
      expect(sent).toHaveLength(1);
    });
  }

  it("429 carries the retry-after wait", async () => {
    const headers = { "retry-after": "17", "anthropic-ratelimit-requests-remaining": "0" };
    const sent = serveMessages(server, [errorResponse("error-429.json", 429, headers)]);
    const e = await askError();
    expect(e.kind).toBe("rate-limit");
    expect(e.retryAfterMs).toBe(17_000);
    expect(e.code).toBe("rate_limit_error");
    expect(sent).toHaveLength(1);
  });
});

describe("anthropic ask: bodies that are not answers", () => {
  it("a truncated JSON body is bad-response", async () => {
    const body = fixtureText("malformed.txt");
    serveMessages(server, [
      () => new HttpResponse(body, { headers: { "content-type": "application/json" } }),
    ]);
    const e = await askError();
    expect(e.kind).toBe("bad-response");
    expect(e.message).toContain("not JSON");
  });

  it("an empty body is bad-response", async () => {
    serveMessages(server, [() => new HttpResponse("", { headers: { "content-type": "application/json" } })]);
    expect((await askError()).kind).toBe("bad-response");
  });

  it("a refusal is refused", async () => {
    serveMessages(server, [() => HttpResponse.json(fixture("refusal.json"))]);
    const e = await askError();
    expect(e.kind).toBe("refused");
    expect(e.code).toBe("refusal:general_harms");
  });
});

describe("anthropic ask: before and around the call", () => {
  it("a missing key is auth, before any request", async () => {
    const sent = serveMessages(server, [() => HttpResponse.json(fixture("answer-two-searches.json"))]);
    const e = await askError(context({ apiKey: undefined }));
    expect(e.kind).toBe("auth");
    expect(e.message).toContain("ANTHROPIC_API_KEY");
    expect(sent).toHaveLength(0);
  });

  it("a request signal that times out is a timeout", async () => {
    server.use(
      http.post(messagesUrl, async () => {
        await delay(5_000);
        return HttpResponse.json(fixture("answer-two-searches.json"));
      }),
    );
    const e = await askError(context(), askRequest({ signal: AbortSignal.timeout(50) }));
    expect(e.kind).toBe("timeout");
  });

  it("a connection failure is a retryable server error", async () => {
    server.use(http.post(messagesUrl, () => HttpResponse.error()));
    const e = await askError();
    expect(e.kind).toBe("server");
    expect(e.message).toContain("network");
  });
});
