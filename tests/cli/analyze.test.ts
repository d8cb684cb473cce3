import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.ts";

const repo = new URL("../../", import.meta.url).pathname;
const example = join(repo, "queries/example.yaml");
const fixture = (provider: string, name: string) => join(repo, "tests/fixtures/providers", provider, name);

interface AnalyzeJson {
  mentions: {
    brand: string;
    count: number;
    firstOffset: number;
    rank: number;
    listPosition: number | null;
    positionWeight: number;
  }[];
  ranking: string[];
  citations: { url: string; domain: string; owner: string | null; category: string; source: string }[];
}

async function analyze(args: string[]): Promise<AnalyzeJson> {
  const r = await cli(["analyze", "--config", example, "--json", ...args]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as AnalyzeJson;
}

describe("sightline analyze", () => {
  it("prints exactly the documented JSON for a markdown answer", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sightline-analyze-"));
    const file = join(dir, "answer.md");
    writeFileSync(
      file,
      "1. **Fiken** – enkelt ([fiken.no](https://www.fiken.no/priser?utm_source=openai))\n2. Tripletex: se [her](https://tripletex.no/priser).\n",
    );
    const out = await analyze([file]);
    expect(Object.keys(out)).toEqual(["mentions", "ranking", "citations"]);
    expect(out.ranking).toEqual(["Fiken", "Tripletex"]);
    expect(
      out.mentions.map((m) => [m.brand, m.count, m.firstOffset, m.rank, m.listPosition, m.positionWeight]),
    ).toEqual([
      ["Fiken", 1, 5, 1, 1, 1],
      ["Tripletex", 1, 85, 2, 2, 0.9],
    ]);
    expect(out.citations).toEqual([
      {
        url: "https://fiken.no/priser",
        domain: "fiken.no",
        owner: "Fiken",
        category: "owned",
        source: "link",
      },
      {
        url: "https://tripletex.no/priser",
        domain: "tripletex.no",
        owner: "Tripletex",
        category: "competitor",
        source: "link",
      },
    ]);
  });

  it.each([
    ["openai", fixture("openai", "responses-web-search.json")],
    ["anthropic", fixture("anthropic", "answer-two-searches.json")],
    ["perplexity", fixture("perplexity", "agent-sonar-nb.json")],
    ["perplexity", fixture("perplexity", "legacy-citations-only.json")],
    ["perplexity", fixture("perplexity", "legacy-search-results-only.json")],
    ["gemini", fixture("gemini", "grounded-nb-two-parts.json")],
    ["serpapi", fixture("serpapi", "google-ai-overview.json")],
    ["serpapi", fixture("serpapi", "google-ai-mode.json")],
    ["serpapi", fixture("serpapi", "bing-copilot.json")],
  ])("--format %s reads a raw body (%s): engine sources become native citations", async (format, file) => {
    const out = await analyze(["--format", format, file]);
    expect(out.ranking.length).toBeGreaterThan(0);
    expect(out.citations.length).toBeGreaterThan(0);
    expect(out.citations.some((c) => c.source === "native")).toBe(true);
    for (const c of out.citations) expect(new URL(c.url).protocol).toBe("https:");
  });

  it("a body of the wrong shape, an unknown format and a missing file are user errors", async () => {
    const wrong = await cli([
      "analyze",
      "--config",
      example,
      "--format",
      "gemini",
      fixture("openai", "responses-web-search.json"),
    ]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/is not a usable gemini answer/);
    const unknown = await cli([
      "analyze",
      "--config",
      example,
      "--format",
      "chatgpt",
      fixture("openai", "responses-web-search.json"),
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/unknown --format 'chatgpt'/);
    const missing = await cli(["analyze", "--config", example, "/nope.md"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read \/nope\.md: ENOENT/);
  });

  it("prints a readable summary without --json", async () => {
    const r = await cli([
      "analyze",
      "--config",
      example,
      "--format",
      "perplexity",
      fixture("perplexity", "agent-sonar-nb.json"),
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ranking: Fiken > /m);
    expect(r.stdout).toMatch(/citations: \d+/);
  });
});

describe("sightline engines", () => {
  it("runs without keys and says which are missing, never printing a value", async () => {
    const r = await cli(["engines"], { env: { OPENAI_API_KEY: "sk-proj-secret-value-123456789" } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^openai +gpt-6-luna +OPENAI_API_KEY set/m);
    expect(r.stdout).toMatch(/ANTHROPIC_API_KEY MISSING/);
    expect(r.stdout).not.toContain("sk-proj-secret-value");
    const json = JSON.parse((await cli(["engines", "--json", "--config", example])).stdout) as {
      engines: { engine: string; keySet: boolean; lifecycle: { status: string } }[];
    };
    expect(json.engines.map((e) => e.engine)).toEqual([
      "openai:gpt-6-luna+web",
      "anthropic:claude-haiku-5-5+web",
      "perplexity:perplexity/sonar+web",
      "gemini:gemini-3.5-flash-lite+web",
    ]);
    expect(json.engines.every((e) => !e.keySet && e.lifecycle.status === "current")).toBe(true);
  });

  it("warns about a model near or past its shutdown date", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sightline-engines-"));
    const file = join(dir, "q.yaml");
    writeFileSync(
      file,
      "brand: { name: A }\nengines: [{ id: openai, model: gpt-5-mini }, { id: gemini, model: gemini-2.5-flash }]\nquestions: [{ text: Hva er best?, stage: awareness }]\n",
    );
    const now = Date.parse("2026-11-25T12:00:00Z");
    const r = await cli(["engines", "--config", file], {
      clock: { now: () => now, sleep: async () => undefined },
    });
    expect(r.stdout).toMatch(
      /warning: gpt-5-mini shuts down on 2026-12-11 \(in 15 days\); move to gpt-6-luna/,
    );
    expect(r.stdout).toMatch(/warning: gemini-2.5-flash shuts down on 2026-12-01 \(in 5 days\)/);
  });
});
