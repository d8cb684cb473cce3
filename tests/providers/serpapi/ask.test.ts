import { HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import {
  bingCopilotProvider,
  googleAiModeProvider,
  googleAiOverviewProvider,
} from "../../../src/providers/serpapi/index.ts";
import type { AskRequest } from "../../../src/providers/types.ts";
import { BASE_URL, context, failure, fixture, KEY, mockSerpApi, serve } from "./helpers.ts";

const api = mockSerpApi();
const question = "Hva er det beste regnskapsprogrammet for små bedrifter i Norge?";
const request = (overrides: Partial<AskRequest> = {}): AskRequest => ({
  question,
  locale: "nb-NO",
  model: "google-ai-overview",
  webSearch: true,
  ...overrides,
});
const params = (i: number) => Object.fromEntries(api.requests[i] ?? []);

describe("google-ai-overview ask", () => {
  it("asks Google once with the question, Norwegian hl/gl, a fresh search and the key as api_key", async () => {
    api.respond(() => serve("google-ai-overview.json"));
    const result = await googleAiOverviewProvider.ask(request(), context());
    expect(api.requests).toHaveLength(1);
    expect(params(0)).toEqual({
      engine: "google",
      q: question,
      hl: "no",
      gl: "no",
      no_cache: "true",
      api_key: KEY,
    });
    expect(result.raw).toEqual(fixture("google-ai-overview.json"));
    expect(result.text).toContain("## Populære alternativer");
    expect(result.usage.searches).toBe(1);
    expect(result.costUsd).toBe(0.01);
    expect(result.latencyMs).toBe(250);
    expect(result.surface).toBe("serp");
    expect(result.requestedModel).toBe("google-ai-overview");
    expect(result.servedModel).toBeNull();
  });

  it("follows a lazy-loaded overview's page_token at once and stores both bodies", async () => {
    api.respond((p) =>
      p.get("engine") === "google_ai_overview"
        ? serve("google-ai-overview-followup.json")
        : serve("google-ai-overview-page-token.json"),
    );
    const first = fixture("google-ai-overview-page-token.json") as { ai_overview: { page_token: string } };
    const result = await googleAiOverviewProvider.ask(request({ locale: "en-NO" }), context());
    expect(api.requests).toHaveLength(2);
    expect(params(0)).toMatchObject({ engine: "google", hl: "en", gl: "no" });
    expect(params(1)).toEqual({
      engine: "google_ai_overview",
      page_token: first.ai_overview.page_token,
      api_key: KEY,
    });
    expect(result.raw).toEqual({ responses: [first, fixture("google-ai-overview-followup.json")] });
    expect(result.usage.searches).toBe(2);
    expect(result.costUsd).toBe(0.02);
    expect(result.citations).toHaveLength(3);
    expect(googleAiOverviewProvider.parse(result.raw).text).toBe(result.text);
  });

  it("answers with empty text when Google shows no overview (one search, still billed)", async () => {
    api.respond(() => serve("google-empty-results.json"));
    const result = await googleAiOverviewProvider.ask(request(), context());
    expect(result.text).toBe("");
    expect(result.citations).toEqual([]);
    expect(result.costUsd).toBe(0.01);
  });

  it("passes engine options: location, device, google_domain, hl/gl overrides, and no_cache off", async () => {
    api.respond(() => serve("google-no-overview.json"));
    const options = {
      location: "Oslo, Norway",
      device: "mobile",
      googleDomain: "google.no",
      hl: "en",
      noCache: false,
    };
    await googleAiOverviewProvider.ask(request(), context({ options }));
    expect(params(0)).toEqual({
      engine: "google",
      q: question,
      hl: "en",
      gl: "no",
      location: "Oslo, Norway",
      device: "mobile",
      google_domain: "google.no",
      api_key: KEY,
    });
  });

  it("prices any requested model by the surface's row, and notes that search cannot be turned off", async () => {
    api.respond(() => serve("google-ai-overview.json"));
    const result = await googleAiOverviewProvider.ask(
      request({ model: "whatever", webSearch: false }),
      context(),
    );
    expect(result.costUsd).toBe(0.01);
    expect(result.requestedModel).toBe("whatever");
    expect(result.warnings).toEqual(["webSearch: false ignored: this surface always searches"]);
  });

  it("honours a base URL with a path prefix and a trailing slash", async () => {
    api.respond(() => serve("google-ai-overview.json"), `${BASE_URL}/serpapi/search.json`);
    const result = await googleAiOverviewProvider.ask(
      request(),
      context({ baseUrl: `${BASE_URL}/serpapi/` }),
    );
    expect(result.text).not.toBe("");
  });
});

describe("google-ai-mode and bing-copilot ask", () => {
  it("AI Mode sends engine=google_ai_mode with hl/gl and location", async () => {
    api.respond(() => serve("google-ai-mode.json"));
    const options = { location: "Bergen, Norway" };
    const result = await googleAiModeProvider.ask(request({ model: "google-ai-mode" }), context({ options }));
    expect(params(0)).toEqual({
      engine: "google_ai_mode",
      q: question,
      hl: "no",
      gl: "no",
      location: "Bergen, Norway",
      no_cache: "true",
      api_key: KEY,
    });
    expect(result.citations).toHaveLength(5);
    expect(result.costUsd).toBe(0.01);
  });

  it("Copilot sends only engine, q and no_cache: Bing takes no language or country", async () => {
    api.respond(() => serve("bing-copilot.json"));
    const result = await bingCopilotProvider.ask(request({ model: "bing-copilot" }), context());
    expect(params(0)).toEqual({ engine: "bing_copilot", q: question, no_cache: "true", api_key: KEY });
    expect(result.text.startsWith("# Top accounting software")).toBe(true);
    expect(result.costUsd).toBe(0.01);
  });

  it("Copilot rejects Google-only options (strict options schema) without a request", async () => {
    const e = await failure(bingCopilotProvider.ask(request(), context({ options: { location: "Oslo" } })));
    expect(e.kind).toBe("bad-response");
    expect(api.requests).toHaveLength(0);
  });

  it("a missing key is auth, before any request", async () => {
    api.respond(() => HttpResponse.json({}));
    const e = await failure(googleAiModeProvider.ask(request(), context({ apiKey: undefined })));
    expect(e.kind).toBe("auth");
    expect(e.message).toContain("SERPAPI_API_KEY");
    expect(api.requests).toHaveLength(0);
  });
});
