import { HttpResponse } from "msw";
import { openaiProvider } from "../../../src/providers/openai/index.ts";
import { runProviderContract } from "../contract.ts";
import { fixture } from "./fixtures.ts";

runProviderContract({
  provider: openaiProvider,
  baseUrl: "http://127.0.0.1:4011/v1",
  method: "post",
  url: "http://127.0.0.1:4011/v1/responses",
  ok: () => HttpResponse.json(fixture("responses-web-search.json")),
  expectOk: { textIncludes: "Fiken", minCitations: 6, servedModel: "gpt-6-luna-2026-10-14" },
  keyIn: "authorization",
});
