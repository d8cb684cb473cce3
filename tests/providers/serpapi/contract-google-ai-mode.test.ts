import { googleAiModeProvider } from "../../../src/providers/serpapi/index.ts";
import { runProviderContract } from "../contract.ts";
import { BASE_URL, SEARCH_URL, serve } from "./helpers.ts";

/** The contract for Google AI Mode over a realistic Norwegian answer. */
runProviderContract({
  provider: googleAiModeProvider,
  baseUrl: BASE_URL,
  method: "get",
  url: SEARCH_URL,
  ok: () => serve("google-ai-mode.json"),
  expectOk: { textIncludes: "Fiken", minCitations: 5, servedModel: null },
  keyIn: "query:api_key",
});
