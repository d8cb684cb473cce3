import { delay, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import {
  bingCopilotProvider,
  googleAiModeProvider,
  googleAiOverviewProvider,
} from "../../../src/providers/serpapi/index.ts";
import type { AskRequest } from "../../../src/providers/types.ts";
import { context, failure, fixtureText, KEY, mockSerpApi, serve } from "./helpers.ts";

const api = mockSerpApi();
const request: AskRequest = {
  question: "Hvilket regnskapsprogram passer for et enkeltpersonforetak?",
  locale: "nb-NO",
  model: "google-ai-mode",
  webSearch: true,
};
const askAiMode = () => failure(googleAiModeProvider.ask(request, context()));

describe("SerpApi HTTP failures", () => {
  it("401 invalid key is auth, with SerpApi's message", async () => {
    api.respond(() => serve("error-401.json", 401));
    const e = await askAiMode();
    expect(e.kind).toBe("auth");
    expect(e.status).toBe(401);
    expect(e.message).toContain("Invalid API key");
    expect(api.requests).toHaveLength(1);
  });

  it("429 'run out of searches' is quota (waiting does not help), not rate-limit", async () => {
    api.respond(() => serve("error-429-out-of-searches.json", 429));
    const e = await askAiMode();
    expect(e.kind).toBe("quota");
    expect(e.status).toBe(429);
    expect(e.message).toContain("Your account has run out of searches.");
  });

  it("429 over the hourly throughput is rate-limit with the server's wait", async () => {
    api.respond(() => serve("error-429-throughput.json", 429, { "retry-after": "30" }));
    const e = await askAiMode();
    expect(e.kind).toBe("rate-limit");
    expect(e.retryAfterMs).toBe(30_000);
  });

  it("500 and 503 are server errors, each tried once", async () => {
    api.respond(() => serve("error-500.json", 500));
    expect((await askAiMode()).kind).toBe("server");
    api.respond(() => serve("error-503.json", 503));
    expect((await askAiMode()).kind).toBe("server");
    expect(api.requests).toHaveLength(2);
  });

  it("a truncated JSON body is bad-response", async () => {
    api.respond(
      () =>
        new HttpResponse(fixtureText("malformed.json"), { headers: { "content-type": "application/json" } }),
    );
    expect((await askAiMode()).kind).toBe("bad-response");
  });

  it("a network error is server and a deadline is timeout; neither carries the key", async () => {
    api.respond(() => HttpResponse.error());
    const network = await askAiMode();
    expect(network.kind).toBe("server");
    expect(network.message).toContain("network");
    api.respond(async () => {
      await delay(5_000);
      return serve("google-ai-mode.json");
    });
    const signal = AbortSignal.timeout(50);
    const timedOut = await failure(googleAiModeProvider.ask({ ...request, signal }, context()));
    expect(timedOut.kind).toBe("timeout");
  });

  it("a failed page_token follow-up fails the answer after both requests", async () => {
    api.respond((p) =>
      p.get("engine") === "google_ai_overview"
        ? serve("error-500.json", 500)
        : serve("google-ai-overview-page-token.json"),
    );
    const e = await failure(
      googleAiOverviewProvider.ask({ ...request, model: "google-ai-overview" }, context()),
    );
    expect(e.kind).toBe("server");
    expect(api.requests).toHaveLength(2);
  });
});

describe("SerpApi failures inside HTTP 200", () => {
  it("invalid key → auth, out of searches → quota, a failed search → server", async () => {
    api.respond(() => serve("error-200-invalid-key.json"));
    expect((await failure(googleAiOverviewProvider.ask(request, context()))).kind).toBe("auth");
    api.respond(() => serve("error-200-run-out.json"));
    expect((await askAiMode()).kind).toBe("quota");
    api.respond(() => serve("error-200-failed-search.json"));
    const e = await failure(bingCopilotProvider.ask(request, context()));
    expect(e.kind).toBe("server");
    expect(e.message).toContain("didn't return an answer in time");
  });

  it("AI Mode with no results is bad-response, while the same message for AI Overview is an empty answer", async () => {
    api.respond(() => serve("ai-mode-empty.json"));
    expect((await askAiMode()).kind).toBe("bad-response");
    api.respond(() => serve("google-empty-results.json"));
    const answer = await googleAiOverviewProvider.ask(request, context());
    expect(answer.text).toBe("");
  });

  it("scrubs the key if a body ever echoes it", async () => {
    api.respond(() => HttpResponse.json({ error: `Invalid API key ${KEY}` }, { status: 401 }));
    const e = await askAiMode();
    expect(e.message).toContain("[redacted]");
  });
});
