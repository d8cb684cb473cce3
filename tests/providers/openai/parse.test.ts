import { describe, expect, it } from "vitest";
import { ProviderError } from "../../../src/core/errors.ts";
import { parse, parseResponsesBody } from "../../../src/providers/openai/parse.ts";
import { fixture, variant } from "./fixtures.ts";

interface Part {
  type: string;
  text: string;
  annotations: { start_index: number; end_index: number; url: string }[];
}
interface Item {
  type: string;
  phase?: string;
  status?: string;
  content?: Part[];
  action?: Record<string, unknown>;
}
type Body = Record<string, unknown> & { output: Item[] };

const ok = fixture("responses-web-search.json") as Body;
const message = ok.output.find((i) => i.type === "message") as Item;
const parts = message.content as Part[];

function failureOf(raw: unknown): ProviderError {
  try {
    parse(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(ProviderError);
    return e as ProviderError;
  }
  throw new Error("parse accepted a failure body");
}

describe("openai parse: Responses body with web search", () => {
  const answer = parse(ok);

  it("joins the output_text parts of the message as sent", () => {
    expect(answer.text).toBe(parts.map((p) => p.text).join(""));
    expect(answer.text.startsWith("Her er en oversikt over de mest brukte regnskapsprogrammene")).toBe(true);
    expect(answer.text).toContain("**5. Visma eAccounting**");
    expect(answer.preamble).toBeUndefined();
  });

  it("keeps every url_citation in order, duplicates included, with titles", () => {
    expect(answer.citations.map((c) => c.url)).toEqual([
      "https://fiken.no/priser?utm_source=openai",
      "https://www.tripletex.no/priser/?utm_source=openai",
      "https://conta.no/priser/?utm_source=openai",
      "https://poweroffice.no/go/?utm_source=openai",
      "https://www.visma.no/eregnskap/?utm_source=openai",
      "https://fiken.no/priser?utm_source=openai",
    ]);
    expect(answer.citations[0]?.title).toBe("Priser – Fiken regnskapsprogram");
    expect(answer.citations[3]?.title).toBe("PowerOffice Go – regnskapsprogram i skyen");
  });

  it("maps code-point offsets per part to UTF-16 indices in the joined text", () => {
    const spans = answer.citations.map((c) => answer.text.slice(c.startIndex, c.endIndex));
    expect(spans).toEqual([
      "([fiken.no](https://fiken.no/priser?utm_source=openai))",
      "([tripletex.no](https://www.tripletex.no/priser/?utm_source=openai))",
      "([conta.no](https://conta.no/priser/?utm_source=openai))",
      "([poweroffice.no](https://poweroffice.no/go/?utm_source=openai))",
      "([visma.no](https://www.visma.no/eregnskap/?utm_source=openai))",
      "([fiken.no](https://fiken.no/priser?utm_source=openai))",
    ]);
    // The fixture really exercises the conversion: the flag 🇳🇴 (2 code points, 4 UTF-16 units)
    // precedes the first citation, and the second part starts after the first.
    const firstRaw = parts[0]?.annotations[0];
    expect(answer.citations[0]?.startIndex).toBe((firstRaw?.start_index ?? 0) + 2);
    const secondPartRaw = parts[1]?.annotations[0];
    expect(answer.citations[2]?.startIndex).toBe(
      (parts[0]?.text.length ?? 0) + (secondPartRaw?.start_index ?? 0),
    );
    // The 👉 before the last citation shifts it by one more unit within part two.
    const lastRaw = parts[1]?.annotations[3];
    expect(answer.citations[5]?.startIndex).toBe(
      (parts[0]?.text.length ?? 0) + (lastRaw?.start_index ?? 0) + 1,
    );
  });

  it("lists retrieved sources that were never cited, once each, ignoring utm tags", () => {
    expect(answer.retrieved).toEqual([
      { url: "https://www.dinside.no/okonomi/test-av-regnskapsprogrammer-for-sma-bedrifter/78231005" },
      { url: "https://www.regnskapnorge.no/faget/artikler/2026/valg-av-regnskapssystem/" },
      { url: "https://www.g2.com/categories/accounting" },
      { url: "https://conta.no/blogg/gratis-regnskapsprogram/" },
    ]);
  });

  it("counts only search actions and collects queries[] and the deprecated query", () => {
    expect(answer.searchQueries).toEqual([
      "beste regnskapsprogram små bedrifter Norge 2026",
      "regnskapsprogram pris sammenligning Fiken Tripletex Conta",
      "PowerOffice Go pris små bedrifter",
      "Conta regnskap gratis pakke 2026",
    ]);
    expect(answer.usage.searches).toBe(3);
  });

  it("reads usage, served model, and reports no cost of its own", () => {
    expect(answer.usage).toEqual({
      inputTokens: 9412,
      cachedInputTokens: 2048,
      outputTokens: 1187,
      reasoningTokens: 448,
      searches: 3,
    });
    expect(answer.servedModel).toBe("gpt-6-luna-2026-10-14");
    expect(answer.reportedCostUsd).toBeNull();
    expect(answer.warnings).toEqual([]);
  });

  it("prefers the billed search count of tool_usage when the body has it", () => {
    const billed = variant(ok, (b) => {
      b.tool_usage = { web_search: { num_requests: 2 }, image_gen: { input_tokens: 0, output_tokens: 0 } };
    });
    expect(parse(billed).usage.searches).toBe(2);
  });

  it("warns about a failed web search call but still answers", () => {
    const failedSearch = variant(ok, (b) => {
      b.output.splice(1, 0, {
        type: "web_search_call",
        status: "failed",
        action: { type: "search", queries: ["x"] },
      });
    });
    const a = parse(failedSearch);
    expect(a.warnings).toEqual(["a web search call failed (search)"]);
    expect(a.usage.searches).toBe(4);
  });

  it("puts commentary messages in the preamble and separates answer messages", () => {
    const twoMessages = variant(ok, (b) => {
      const m = b.output.find((i) => i.type === "message") as Item;
      const second: Item = { ...structuredClone(m), phase: "final_answer" };
      b.output.splice(1, 0, {
        type: "message",
        phase: "commentary",
        content: [{ type: "output_text", text: "Jeg søker etter priser først.", annotations: [] }],
      });
      b.output.push(second);
    });
    const a = parse(twoMessages);
    expect(a.preamble).toBe("Jeg søker etter priser først.");
    const single = parts.map((p) => p.text).join("");
    expect(a.text).toBe(`${single}\n\n${single}`);
    expect(a.citations).toHaveLength(12);
    const last = a.citations[11];
    expect(a.text.slice(last?.startIndex, last?.endIndex)).toBe(
      "([fiken.no](https://fiken.no/priser?utm_source=openai))",
    );
  });
});

describe("openai parse: failures inside HTTP 200", () => {
  it("status incomplete (max_output_tokens) is bad-response", () => {
    const e = failureOf(fixture("responses-incomplete.json"));
    expect(e.kind).toBe("bad-response");
    expect(e.message).toContain("max_output_tokens");
  });

  it("status incomplete by content_filter is refused", () => {
    const body = variant(fixture("responses-incomplete.json"), (b) => {
      b.incomplete_details = { reason: "content_filter" };
    });
    expect(failureOf(body).kind).toBe("refused");
  });

  it("a refusal content part is refused, with the refusal text", () => {
    const e = failureOf(fixture("responses-refusal.json"));
    expect(e.kind).toBe("refused");
    expect(e.message).toContain("Beklager, jeg kan ikke hjelpe");
  });

  it("status failed is a server error carrying the code", () => {
    const e = failureOf(fixture("responses-failed.json"));
    expect(e.kind).toBe("server");
    expect(e.code).toBe("server_error");
  });

  it("status failed by a rate limit is rate-limit, by a policy is refused", () => {
    const failed = fixture("responses-failed.json");
    const limited = variant(failed, (b) => {
      b.error = { code: "rate_limit_exceeded", message: "slow down" };
    });
    const policy = variant(failed, (b) => {
      b.error = { code: "bio_policy", message: "no" };
    });
    expect(failureOf(limited).kind).toBe("rate-limit");
    expect(failureOf(policy).kind).toBe("refused");
  });

  it("cancelled is server; queued is bad-response", () => {
    expect(failureOf(variant(ok, (b) => Object.assign(b, { status: "cancelled" }))).kind).toBe("server");
    expect(failureOf(variant(ok, (b) => Object.assign(b, { status: "queued" }))).kind).toBe("bad-response");
  });

  it("a body without answer text is bad-response", () => {
    const noMessage = variant(ok, (b) => {
      b.output = b.output.filter((i) => i.type !== "message");
    });
    expect(failureOf(noMessage).kind).toBe("bad-response");
    expect(failureOf({ output: [] }).kind).toBe("bad-response");
  });

  it("junk is bad-response and names the provider passed in", () => {
    for (const junk of [null, "x", { output: "nope" }, { output: [{ type: "message", content: [{}] }] }]) {
      expect(failureOf(junk).kind).toBe("bad-response");
    }
    expect(() => parseResponsesBody("xai-via-compatible", {})).toThrow(/^xai-via-compatible: /);
  });
});

describe("openai parse: plain answer without web search", () => {
  it("has text, no sources, no searches", () => {
    const a = parse(fixture("responses-plain.json"));
    expect(a.text).toMatch(/^For a small business in Norway, the usual shortlist is:/);
    expect(a.text).toContain("**PowerOffice Go**");
    expect(a.citations).toEqual([]);
    expect(a.retrieved).toEqual([]);
    expect(a.searchQueries).toEqual([]);
    expect(a.usage).toEqual({
      inputTokens: 21,
      cachedInputTokens: 0,
      outputTokens: 164,
      reasoningTokens: 0,
      searches: 0,
    });
    expect(a.servedModel).toBe("gpt-4.1-2025-04-14");
  });
});
