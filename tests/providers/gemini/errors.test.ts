import { delay, HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ProviderError } from "../../../src/core/errors.ts";
import { geminiProvider } from "../../../src/providers/gemini/index.ts";
import type { AskRequest } from "../../../src/providers/types.ts";
import { askRequest, context, fixtureText, generateUrl, testKey } from "./helpers.ts";

/** HTTP and network failures: the kind, the wait, one request only, and no key in the error. */

const server = setupServer();
let calls = 0;

function failWith(status: number, name: string, headers: Record<string, string> = {}) {
  server.use(
    http.post(generateUrl, () => {
      calls += 1;
      return new HttpResponse(fixtureText(name), {
        status,
        headers: { "content-type": "application/json; charset=UTF-8", ...headers },
      });
    }),
  );
}

async function askError(request: AskRequest = askRequest()): Promise<ProviderError> {
  const error = await geminiProvider.ask(request, context()).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  const pe = error as ProviderError;
  expect(pe.message).not.toContain(testKey);
  expect(JSON.stringify(pe)).not.toContain(testKey);
  return pe;
}

beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
afterEach(() => {
  server.resetHandlers();
  calls = 0;
});
afterAll(() => server.close());

describe("gemini errors over HTTP", () => {
  it.each([
    [401, "error-401-unauthenticated.json", "auth"],
    [403, "error-403-permission-denied.json", "auth"],
    [400, "error-400-invalid-argument.json", "bad-response"],
    [500, "error-500-internal.json", "server"],
    [503, "error-503-unavailable.json", "server"],
  ])("HTTP %i (%s) is %s, sent once", async (status, name, kind) => {
    failWith(status, name);
    const e = await askError();
    expect(e.kind).toBe(kind);
    expect(e.status).toBe(status);
    expect(calls).toBe(1);
  });

  it("429 RESOURCE_EXHAUSTED waits RetryInfo.retryDelay, sent once", async () => {
    failWith(429, "error-429-rate-limit.json");
    const e = await askError();
    expect(e.kind).toBe("rate-limit");
    expect(e.retryAfterMs).toBe(37_000);
    expect(e.code).toBe("RESOURCE_EXHAUSTED");
    expect(calls).toBe(1);
  });

  it("a retry-after header wins over the body's retryDelay", async () => {
    failWith(429, "error-429-rate-limit.json", { "retry-after": "5" });
    expect((await askError()).retryAfterMs).toBe(5_000);
  });

  it("429 for a per-day limit named in the message is quota", async () => {
    failWith(429, "error-429-quota-per-day.json");
    expect((await askError()).kind).toBe("quota");
  });

  // Today's bodies name the daily limit only in details[].violations[].quotaId
  // ("GenerateRequestsPerDayPerProjectPerModel-FreeTier"): waiting a minute does not help.
  it("429 for a per-day limit named only in QuotaFailure.quotaId is quota", async () => {
    failWith(429, "error-429-quota-per-day-quotaid.json");
    expect((await askError()).kind).toBe("quota");
  });

  // Google answers a wrong key with HTTP 400 INVALID_ARGUMENT and ErrorInfo reason API_KEY_INVALID:
  // it must stop the engine like a 401.
  it("400 API_KEY_INVALID is auth", async () => {
    failWith(400, "error-400-api-key-invalid.json");
    expect((await askError()).kind).toBe("auth");
  });

  it("an HTML gateway page (no JSON) is classified by status", async () => {
    server.use(
      http.post(generateUrl, () => {
        calls += 1;
        return new HttpResponse("<html><body>502 Bad Gateway</body></html>", {
          status: 502,
          headers: { "content-type": "text/html" },
        });
      }),
    );
    const e = await askError();
    expect(e.kind).toBe("server");
    expect(calls).toBe(1);
  });

  it("an error body that echoes the key is redacted", async () => {
    server.use(
      http.post(generateUrl, () =>
        HttpResponse.json(
          { error: { code: 400, message: `API key not valid: ${testKey}`, status: "INVALID_ARGUMENT" } },
          { status: 400 },
        ),
      ),
    );
    const e = await askError();
    expect(e.message).toContain("[redacted]");
  });
});

describe("gemini network failures", () => {
  it("a connection failure is server (retryable)", async () => {
    server.use(http.post(generateUrl, () => HttpResponse.error()));
    const e = await askError();
    expect(e.kind).toBe("server");
    expect(e.message).toMatch(/^gemini: network:/);
  });

  it("a caller's timeout signal aborts the call as timeout", async () => {
    server.use(
      http.post(generateUrl, async () => {
        await delay(5_000);
        return HttpResponse.json({});
      }),
    );
    const started = Date.now();
    const e = await askError(askRequest({ signal: AbortSignal.timeout(100) }));
    expect(e.kind).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("a timeout during the second hop of a continued answer is timeout, not the first hop's state", async () => {
    let n = 0;
    server.use(
      http.post(generateUrl, async () => {
        n += 1;
        if (n === 1) return new HttpResponse(fixtureText("continuation-hop-1.json"), { status: 200 });
        await delay(5_000);
        return HttpResponse.json({});
      }),
    );
    const e = await askError(askRequest({ signal: AbortSignal.timeout(300) }));
    expect(e.kind).toBe("timeout");
    expect(n).toBe(2);
  });
});
