import { HttpResponse } from "msw";
import { anthropicProvider } from "../../../src/providers/anthropic/index.ts";
import { runProviderContract } from "../contract.ts";
import { baseUrl, fixture, messagesUrl } from "./helpers.ts";

/**
 * The shared provider contract over the realistic two-search answer. The key travels as
 * `Authorization: Bearer <key>`: that is what @anthropic-ai/sdk 1.13 sends for `apiKey` (the API also
 * accepts `x-api-key`, which older SDKs sent); see headers.test in ask.test.ts.
 */
runProviderContract({
  provider: anthropicProvider,
  baseUrl,
  method: "post",
  url: messagesUrl,
  ok: () => HttpResponse.json(fixture("answer-two-searches.json")),
  expectOk: {
    textIncludes: "Fiken koster fra 99 kr per måned",
    minCitations: 4,
    servedModel: "claude-haiku-5-5",
  },
  keyIn: "authorization",
});
