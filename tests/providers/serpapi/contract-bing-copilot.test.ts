import { bingCopilotProvider } from "../../../src/providers/serpapi/index.ts";
import { runProviderContract } from "../contract.ts";
import { BASE_URL, SEARCH_URL, serve } from "./helpers.ts";

/** The contract for Bing Copilot over a realistic English answer with a header and a table. */
runProviderContract({
  provider: bingCopilotProvider,
  baseUrl: BASE_URL,
  method: "get",
  url: SEARCH_URL,
  ok: () => serve("bing-copilot.json"),
  expectOk: { textIncludes: "PowerOffice Go", minCitations: 5, servedModel: null },
  keyIn: "query:api_key",
});
