import { HttpResponse } from "msw";
import { perplexityProvider } from "../../../src/providers/perplexity/index.ts";
import { runProviderContract } from "../contract.ts";
import { fixture } from "./fixtures.ts";

// `/v1/agent` is the path the provider posts to (the fixtures README: same endpoint as `/v1/responses`).
runProviderContract({
  provider: perplexityProvider,
  baseUrl: "http://127.0.0.1:4010",
  method: "post",
  url: "http://127.0.0.1:4010/v1/agent",
  ok: () => HttpResponse.json(fixture("agent-sonar-nb.json")),
  expectOk: { textIncludes: "Fiken", minCitations: 3, servedModel: "perplexity/sonar" },
  keyIn: "authorization",
});
