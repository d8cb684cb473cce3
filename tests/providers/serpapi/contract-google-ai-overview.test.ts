import { googleAiOverviewProvider } from "../../../src/providers/serpapi/index.ts";
import { runProviderContract } from "../contract.ts";
import { BASE_URL, SEARCH_URL, serve } from "./helpers.ts";

/**
 * The contract for Google AI Overview, served as the lazy-loaded two-step answer: the first
 * request (engine=google) gets a body with only `ai_overview.page_token`, the follow-up
 * (engine=google_ai_overview) gets the overview. So the contract also proves that `parse` re-reads
 * the stored `{ responses: [...] }` form exactly as `ask` produced it.
 */
runProviderContract({
  provider: googleAiOverviewProvider,
  baseUrl: BASE_URL,
  method: "get",
  url: SEARCH_URL,
  ok: (request) =>
    new URL(request.url).searchParams.get("engine") === "google_ai_overview"
      ? serve("google-ai-overview-followup.json")
      : serve("google-ai-overview-page-token.json"),
  expectOk: { textIncludes: "Tripletex", minCitations: 3, servedModel: null },
  keyIn: "query:api_key",
});
