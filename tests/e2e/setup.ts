import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { MockAiServer } from "./mock-ai/server.ts";

/** A scratch folder with a query file asking `questions` × `samples` of the given engines. */
export function scratchQueryFile(
  engines: string[],
  questions: number,
  samples: number,
  extra = "",
): { dir: string; file: string; db: string } {
  const dir = mkdtempSync(join(tmpdir(), "sightline-e2e-"));
  const file = join(dir, "q.yaml");
  const qs = Array.from(
    { length: questions },
    (_, i) =>
      `  - { id: q${i}, text: "Hva er det beste regnskapsprogrammet for bedrift nummer ${i}?", stage: awareness }`,
  );
  writeFileSync(
    file,
    [
      "brand: { name: Fiken, domains: [fiken.no] }",
      "competitors:",
      "  - { name: Tripletex, domains: [tripletex.no] }",
      "  - { name: Conta, domains: [conta.no] }",
      "  - { name: Visma eAccounting, domains: [visma.no] }",
      "  - { name: PowerOffice Go, domains: [poweroffice.no] }",
      "  - { name: 24SevenOffice, domains: [24sevenoffice.com] }",
      `engines: [${engines.join(", ")}]`,
      `samples: ${samples}`,
      "locale: nb-NO",
      extra,
      "questions:",
      ...qs,
      "",
    ].join("\n"),
  );
  return { dir, file, db: join(dir, "sightline.db") };
}

/** Environment pointing every provider at the mock server, with keys set. */
export function mockEnv(server: MockAiServer, key = "test-key"): Record<string, string> {
  return {
    OPENAI_API_KEY: key,
    ANTHROPIC_API_KEY: key,
    PERPLEXITY_API_KEY: key,
    GEMINI_API_KEY: key,
    SERPAPI_API_KEY: key,
    OPENAI_BASE_URL: server.baseUrls.openai,
    ANTHROPIC_BASE_URL: server.baseUrls.anthropic,
    PERPLEXITY_BASE_URL: server.baseUrls.perplexity,
    GEMINI_BASE_URL: server.baseUrls.gemini,
    SERPAPI_BASE_URL: server.baseUrls.serpapi,
  };
}
