import { describe, expect, it } from "vitest";
import { openaiProvider } from "../../../src/providers/openai/index.ts";
import { openaiModels } from "../../../src/providers/openai/models.ts";
import { computeCostUsd, findModel as findModelInfo } from "../../../src/providers/pricing.ts";

describe("openai models table", () => {
  it("has the default model, with the README's price", () => {
    const luna = findModelInfo(openaiModels, openaiProvider.defaultModel);
    expect(luna).toMatchObject({ model: "gpt-6-luna", inputPerM: 0.1, outputPerM: 0.5, reasoning: true });
  });

  it("dates the retirements and names the replacement", () => {
    const retiring = Object.fromEntries(
      openaiModels.filter((m) => m.shutdown).map((m) => [m.model, m.shutdown]),
    );
    expect(retiring).toEqual({
      "gpt-5-mini": "2026-12-11",
      "gpt-4o": "2027-01-14",
      "gpt-4o-mini": "2027-01-14",
      "gpt-4.1": "2027-01-14",
      "gpt-4.1-mini": "2027-01-14",
    });
    for (const m of openaiModels.filter((r) => r.shutdown)) expect(m.replacement).toBe("gpt-6-luna");
  });

  it("says where every row comes from and when it was checked", () => {
    for (const m of openaiModels) {
      expect(m.source.length).toBeGreaterThan(20);
      expect(m.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(m.searchUsd).toBeGreaterThanOrEqual(0.01);
    }
  });

  it("finds served snapshots by their base model, never a shorter sibling", () => {
    expect(findModelInfo(openaiModels, "gpt-4.1-2025-04-14")?.model).toBe("gpt-4.1");
    expect(findModelInfo(openaiModels, "gpt-4.1-mini-2025-04-14")?.model).toBe("gpt-4.1-mini");
    expect(findModelInfo(openaiModels, "gpt-4o-mini-2024-07-18")?.model).toBe("gpt-4o-mini");
    expect(findModelInfo(openaiModels, "gpt-6-luna-2026-10-14")?.model).toBe("gpt-6-luna");
    expect(findModelInfo(openaiModels, "gpt-4o-search-preview")).toBeUndefined();
    expect(findModelInfo(openaiModels, "o3")).toBeUndefined();
  });

  it("makes searches dominate the cost of a typical answer", () => {
    const luna = findModelInfo(openaiModels, "gpt-6-luna");
    if (!luna) throw new Error("missing row");
    const usage = {
      inputTokens: 9412,
      cachedInputTokens: 2048,
      outputTokens: 1187,
      reasoningTokens: 448,
      searches: 3,
    };
    expect(computeCostUsd(usage, luna)).toBe(0.03135);
    expect(computeCostUsd({ ...usage, searches: 0 }, luna)).toBe(0.00135);
  });
});
