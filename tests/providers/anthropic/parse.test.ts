import { describe, expect, it } from "vitest";
import { ProviderError } from "../../../src/core/errors.ts";
import { parse } from "../../../src/providers/anthropic/parse.ts";
import { fixture } from "./helpers.ts";

function parseError(raw: unknown): ProviderError {
  try {
    parse(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(ProviderError);
    return e as ProviderError;
  }
  throw new Error("parse did not throw");
}

describe("anthropic parse: two searches, narration, answer split over many blocks", () => {
  const answer = parse(fixture("answer-two-searches.json"));

  it("joins only the text blocks after the last search result, as sent, with no separator", () => {
    expect(answer.text.startsWith("Her er regnskapsprogrammene som oftest anbefales")).toBe(true);
    expect(answer.text).toContain("**1. Fiken** – Fiken koster fra 99 kr per måned");
    expect(answer.text).toContain("er inkludert. Programmet får gode skussmål");
    expect(answer.text.endsWith("for et AS med ansatte er Tripletex eller PowerOffice Go vanligst.")).toBe(
      true,
    );
    expect(answer.text).not.toContain("La meg også sjekke");
    expect(answer.text).not.toContain("Brukeren vil ha");
  });

  it("keeps the preamble and the narration between searches apart from the answer", () => {
    expect(answer.preamble).toBe(
      "Jeg søker etter oppdaterte sammenligninger av regnskapsprogrammer for små bedrifter i Norge." +
        "\n\nLa meg også sjekke prisene til Fiken og Tripletex for 2026.",
    );
  });

  it("gives each citation the UTF-16 span of its block in the joined text", () => {
    expect(answer.citations).toEqual([
      { url: "https://fiken.no/priser", title: "Priser | Fiken", startIndex: 94, endIndex: 198 },
      {
        url: "https://www.tripletex.no/priser/",
        title: "Priser og pakker – Tripletex",
        startIndex: 271,
        endIndex: 380,
      },
      {
        url: "https://www.dinside.no/okonomi/test-regnskapsprogram-for-sma-bedrifter/81234567",
        title: "Test: Ni regnskapsprogram for små bedrifter – DinSide",
        startIndex: 271,
        endIndex: 380,
      },
      {
        url: "https://conta.no/",
        title: "Conta – Gratis regnskapsprogram for enkeltpersonforetak",
        startIndex: 398,
        endIndex: 461,
      },
    ]);
    const [fiken, tripletex, , conta] = answer.citations;
    expect(answer.text.slice(fiken?.startIndex, fiken?.endIndex)).toBe(
      "Fiken koster fra 99 kr per måned for enkeltpersonforetak, og bankintegrasjon og MVA-melding er inkludert",
    );
    expect(answer.text.slice(tripletex?.startIndex, tripletex?.endIndex)).toMatch(
      /^Tripletex passer.*per måned$/,
    );
    expect(answer.text.slice(conta?.startIndex, conta?.endIndex)).toBe(
      "Conta har en gratisversjon for enkeltpersonforetak med få bilag",
    );
    // The emoji before the first citation is two UTF-16 units but one code point.
    expect([...answer.text.slice(0, 94)].length).toBe(93);
  });

  it("lists results no answer block cites as retrieved, once each, in order of appearance", () => {
    expect(answer.retrieved).toEqual([
      { url: "https://www.visma.no/eaccounting/", title: "Visma eAccounting – Regnskapsprogram på nett" },
      { url: "https://poweroffice.com/no/priser/", title: "Priser | PowerOffice Go" },
      {
        url: "https://www.regnskapsforer.no/blogg/fiken-eller-tripletex",
        title: "Fiken eller Tripletex – hva passer for deg?",
      },
    ]);
  });

  it("reads queries, usage (thinking as reasoning) and the served model", () => {
    expect(answer.searchQueries).toEqual([
      "beste regnskapsprogram små bedrifter Norge 2026",
      "Fiken Tripletex pris per måned 2026",
    ]);
    expect(answer.usage).toEqual({
      inputTokens: 18422,
      cachedInputTokens: 0,
      outputTokens: 912,
      reasoningTokens: 184,
      searches: 2,
    });
    expect(answer.servedModel).toBe("claude-haiku-5-5");
    expect(answer.reportedCostUsd).toBeNull();
    expect(answer.warnings).toEqual([]);
  });

  it("treats a missing and a null `citations` key the same", () => {
    const body = fixture("answer-two-searches.json");
    const blocks = body.content as Array<Record<string, unknown>>;
    for (const b of blocks) if (b.type === "text" && !("citations" in b)) b.citations = null;
    expect(parse(body)).toEqual(answer);
  });

  it("takes the whole text as the answer when the model did not search", () => {
    const body = fixture("answer-two-searches.json");
    body.content = [{ type: "text", text: "Fiken og Tripletex er populære." }];
    const plain = parse(body);
    expect(plain.text).toBe("Fiken og Tripletex er populære.");
    expect(plain.preamble).toBeUndefined();
    expect(plain.citations).toEqual([]);
    expect(plain.retrieved).toEqual([]);
  });
});

describe("anthropic parse: pause_turn chain", () => {
  const chain = { responses: [fixture("pause-turn-1.json"), fixture("pause-turn-2.json")] };
  const answer = parse(chain);

  it("answers with the continuation's text; its citations may point at the paused response's results", () => {
    expect(answer.text).toBe(
      "For et AS med fem ansatte er begge gode valg. Tripletex har lønn, timeføring og reiseregninger i " +
        "samme løsning, mens PowerOffice Go tar 45 kr per ansatt per måned for lønn.\n\nVelg Tripletex " +
        "hvis dere fører timer på prosjekter, og PowerOffice Go hvis regnskapsføreren allerede bruker det.",
    );
    expect(answer.citations).toEqual([
      {
        url: "https://www.tripletex.no/lonn/",
        title: "Lønnssystem – Tripletex",
        startIndex: 46,
        endIndex: 110,
      },
      {
        url: "https://poweroffice.com/no/lonn/",
        title: "Lønn i PowerOffice Go",
        startIndex: 117,
        endIndex: 171,
      },
    ]);
    expect(answer.retrieved.map((r) => r.url)).toEqual([
      "https://www.tripletex.no/priser/",
      "https://poweroffice.com/no/priser/",
    ]);
    expect(answer.preamble).toBe(
      "Jeg sjekker lønn og priser hos begge leverandørene.\n\nNå ser jeg på PowerOffice Go.",
    );
  });

  it("sums searches and tokens over both responses; cache reads count as input", () => {
    expect(answer.searchQueries).toEqual([
      "Tripletex lønn ansatte pris",
      "PowerOffice Go lønn pris per ansatt",
    ]);
    expect(answer.usage).toEqual({
      inputTokens: 9120 + 14880 + 8704,
      cachedInputTokens: 8704,
      outputTokens: 214 + 463,
      reasoningTokens: 61 + 92,
      searches: 2,
    });
  });

  it("rejects a paused response on its own, and a chain whose earlier response did not pause", () => {
    expect(parseError(fixture("pause-turn-1.json")).kind).toBe("bad-response");
    expect(parseError({ responses: [fixture("pause-turn-1.json")] }).message).toContain("pause_turn");
    const broken = { responses: [fixture("search-error.json"), fixture("pause-turn-2.json")] };
    expect(parseError(broken).kind).toBe("bad-response");
  });
});

describe("anthropic parse: failures inside a 200", () => {
  it("records a failed search as a warning, not a failure", () => {
    const answer = parse(fixture("search-error.json"));
    expect(answer.warnings).toEqual(["web_search_error:max_uses_exceeded"]);
    expect(answer.usage.searches).toBe(1);
    expect(answer.citations.map((c) => c.url)).toEqual(["https://www.visma.no/eaccounting/priser/"]);
    expect(answer.text).toBe(
      "Visma eAccounting er et skybasert regnskapsprogram for små bedrifter. Pakken Smart koster fra " +
        "299 kr per måned og inkluderer fakturering og bankavstemming.",
    );
  });

  it("is refused on stop_reason refusal, with the category as code", () => {
    const e = parseError(fixture("refusal.json"));
    expect(e.kind).toBe("refused");
    expect(e.code).toBe("refusal:general_harms");
    expect(e.message).toContain("concealing income");
  });

  it("is bad-response when cut off by max_tokens or when nothing follows the last search", () => {
    const cut = fixture("answer-two-searches.json");
    cut.stop_reason = "max_tokens";
    expect(parseError(cut).message).toContain("max_tokens");
    const empty = fixture("search-error.json");
    empty.content = (empty.content as unknown[]).slice(0, 5);
    expect(parseError(empty).message).toContain("no answer text");
  });

  it("rejects junk and malformed blocks with bad-response", () => {
    for (const junk of [null, 42, "text", [], {}, { responses: [] }, { responses: "x" }]) {
      expect(parseError(junk).kind).toBe("bad-response");
    }
    const noText = fixture("answer-two-searches.json");
    (noText.content as Array<Record<string, unknown>>).push({ type: "text", citations: [] });
    expect(parseError(noText).kind).toBe("bad-response");
    const badResult = fixture("search-error.json");
    (badResult.content as Array<Record<string, unknown>>)[2] = { type: "web_search_tool_result", content: 7 };
    expect(parseError(badResult).kind).toBe("bad-response");
  });
});
