import { describe, expect, it } from "vitest";
import {
  bingCopilotProvider,
  googleAiModeProvider,
  parseSerpApi,
} from "../../../src/providers/serpapi/index.ts";
import { fixture, parseFailure } from "./helpers.ts";

describe("google-ai-mode parse", () => {
  const answer = googleAiModeProvider.parse(fixture("google-ai-mode.json"));

  it("assembles the top-level text_blocks (reconstructed_markdown is not read)", () => {
    expect(answer.text).toBe(
      [
        "For et enkeltpersonforetak (ENK) er Fiken og Conta de vanligste valgene, fordi de er rimelige og leverer MVA-melding og næringsoppgave direkte til Altinn.",
        "## Anbefalte programmer",
        [
          "- **Fiken**: Enkelt å bruke, fast månedspris og god hjelp i appen.",
          "- **Conta**: Gratis i starten; du betaler for tillegg som lønn og bankintegrasjon.",
          "  - Passer hvis du har få bilag.",
          "- **Tripletex**: Mest aktuelt hvis du skal ansette eller bruker regnskapsfører.",
        ].join("\n"),
        "## Hva bør du se etter?",
        [
          "- Bankintegrasjon med din bank (DNB, SpareBank 1, Nordea).",
          "- Innsending av MVA-melding og skattemelding for næringsdrivende.",
          "- Pris per måned når bedriften vokser.",
        ].join("\n"),
        "Kort oppsummert: velg Fiken for enkelhet, Conta for lavest pris og Tripletex hvis du skal vokse.",
      ].join("\n\n"),
    );
  });

  it("cites the top-level references in order of first use, then the unused Reddit thread", () => {
    expect(answer.citations.map((c) => c.url)).toEqual([
      "https://info.altinn.no/starte-og-drive/okonomi-og-regnskap/regnskap/",
      "https://fiken.no/enkeltpersonforetak#:~:text=MVA%2Dmelding",
      "https://conta.no/priser",
      "https://www.tripletex.no/sma-bedrifter/",
      "https://www.reddit.com/r/norge/comments/1m4t7xz/beste_regnskapsprogram_for_enk/",
    ]);
    const conta = answer.citations[2];
    expect(answer.text.slice(conta?.startIndex, conta?.endIndex)).toBe(
      "**Conta**: Gratis i starten; du betaler for tillegg som lønn og bankintegrasjon.",
    );
  });

  it("has no retrieved sources, one search, the question as query, no model", () => {
    expect(answer.retrieved).toEqual([]);
    expect(answer.usage.searches).toBe(1);
    expect(answer.searchQueries).toEqual(["Hvilket regnskapsprogram passer for et enkeltpersonforetak?"]);
    expect(answer.servedModel).toBeNull();
  });

  it("an AI Mode search with no answer is bad-response (AI Mode always answers when it works)", () => {
    const e = parseFailure(() => googleAiModeProvider.parse(fixture("ai-mode-empty.json")));
    expect(e.kind).toBe("bad-response");
    expect(e.message).toContain("google_ai_mode returned no answer");
  });
});

describe("bing-copilot parse", () => {
  const answer = bingCopilotProvider.parse(fixture("bing-copilot.json"));

  it("puts the header first and renders the table from headers + rows", () => {
    expect(answer.text).toBe(
      [
        "# Top accounting software for Norwegian small businesses",
        "Several cloud accounting tools are built for Norwegian rules such as SAF-T, VAT returns and A-melding.",
        "## Leading options",
        [
          "- Tripletex: full suite with payroll, projects and an accountant portal.",
          "- Fiken: simple and affordable, popular with sole proprietors.",
          "- Visma eAccounting: a good fit if you already use other Visma products.",
          "- PowerOffice Go: strong automation and many integrations.",
        ].join("\n"),
        [
          "| Software | Best for | Payroll |",
          "| --- | --- | --- |",
          "| Tripletex | Growing companies | Yes |",
          "| Fiken | Sole proprietors | Add-on |",
          "| Visma eAccounting | Visma users | Yes |",
        ].join("\n"),
        "If you work with an external accountant, ask which system they prefer before choosing.",
      ].join("\n\n"),
    );
  });

  it("cites all references in order of first use", () => {
    expect(answer.citations.map((c) => c.url)).toEqual([
      "https://www.nordicsmb.com/guides/norway-accounting-software",
      "https://www.tripletex.no/en/",
      "https://fiken.no/en",
      "https://www.visma.no/eaccounting/",
      "https://poweroffice.no/go/",
    ]);
    expect(answer.usage.searches).toBe(1);
    expect(answer.searchQueries).toEqual(["best accounting software for small businesses in Norway"]);
  });
});

describe("parseSerpApi (analyze --format serpapi)", () => {
  it("reads bodies of all three surfaces and the two-step chain", () => {
    expect(parseSerpApi(fixture("google-ai-overview.json")).text).toContain("## Populære alternativer");
    expect(parseSerpApi(fixture("google-ai-mode.json")).text).toContain("## Anbefalte programmer");
    expect(parseSerpApi(fixture("bing-copilot.json")).text).toContain("# Top accounting software");
    const chain = {
      responses: [fixture("google-ai-overview-page-token.json"), fixture("google-ai-overview-followup.json")],
    };
    expect(parseSerpApi(chain).usage.searches).toBe(2);
  });

  it("tells the family apart by shape when search_parameters is missing", () => {
    const topLevel = {
      search_metadata: { status: "Success" },
      text_blocks: [{ type: "paragraph", snippet: "Fiken er enklest.", reference_indexes: [0] }],
      references: [{ title: "Fiken", link: "https://fiken.no/", index: 0 }],
    };
    expect(parseSerpApi(topLevel).text).toBe("Fiken er enklest.");
    const overviewOnly = { search_metadata: { status: "Success" }, ai_overview: topLevel };
    expect(parseSerpApi(overviewOnly).citations.map((c) => c.url)).toEqual(["https://fiken.no/"]);
  });

  it("names the provider it parses for in its errors", () => {
    expect(parseFailure(() => parseSerpApi({})).provider).toBe("serpapi");
    expect(parseFailure(() => bingCopilotProvider.parse({})).provider).toBe("bing-copilot");
  });
});
