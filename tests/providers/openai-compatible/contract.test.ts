import { HttpResponse } from "msw";
import { openaiCompatibleProvider } from "../../../src/providers/openai-compatible/index.ts";
import { runProviderContract } from "../contract.ts";
import { fixture } from "../openai/fixtures.ts";

const BASE = "http://127.0.0.1:4021/api/v1";
const dir = new URL("../../fixtures/providers/openai-compatible/", import.meta.url);

runProviderContract({
  provider: openaiCompatibleProvider,
  baseUrl: BASE,
  method: "post",
  url: `${BASE}/chat/completions`,
  ok: () => HttpResponse.json(fixture("openrouter-chat-web-search.json", dir)),
  expectOk: { textIncludes: "Tripletex", minCitations: 5, servedModel: "openai/gpt-6-luna" },
  keyIn: "authorization",
  options: { baseUrl: BASE, keyEnv: "X" },
});
