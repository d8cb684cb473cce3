import { HttpResponse } from "msw";
import { geminiProvider } from "../../../src/providers/gemini/index.ts";
import { runProviderContract } from "../contract.ts";
import { baseUrl, fixture, generateUrl } from "./helpers.ts";

/**
 * The shared provider contract over the grounded Norwegian answer (two answer parts, a thought part,
 * redirect chunks). `@google/genai` sends the key in `x-goog-api-key`, never in the URL.
 */
runProviderContract({
  provider: geminiProvider,
  baseUrl,
  method: "post",
  url: generateUrl,
  ok: () => HttpResponse.json(fixture("grounded-nb-two-parts.json")),
  expectOk: {
    textIncludes: "**Fiken** – enkelt og rimelig",
    minCitations: 7,
    servedModel: "gemini-3.5-flash-lite",
  },
  keyIn: "x-goog-api-key",
});
