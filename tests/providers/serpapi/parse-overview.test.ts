import { describe, expect, it } from "vitest";
import { googleAiOverviewProvider, parseSerpApi } from "../../../src/providers/serpapi/index.ts";
import { fixture, parseFailure } from "./helpers.ts";

const parse = googleAiOverviewProvider.parse;

const EXPECTED_TEXT = [
  "De mest brukte regnskapsprogrammene for små bedrifter i Norge er Fiken, Tripletex, Conta og PowerOffice Go. Hvilket som passer best avhenger av om du trenger lønn, prosjektstyring eller bare enkel fakturering.",
  "## Populære alternativer",
  [
    "- **Fiken:** Enkelt og rimelig, laget for enkeltpersonforetak og små aksjeselskap. Bankintegrasjon og MVA-melding er med i alle pakker.",
    "- **Tripletex**: Mer omfattende, med lønn, timeføring og prosjekt. Passer når bedriften vokser.",
    "  - Lønn og A-melding følger med i de større pakkene.",
    "  - Mange regnskapsførere jobber i Tripletex.",
    "- **Conta:** Gratis grunnpakke for de minste bedriftene, med betalte tillegg.",
    "- PowerOffice Go: Skybasert, med sterke integrasjoner og automatisk bankavstemming.",
  ].join("\n"),
  "## Sammenligning av startpriser",
  [
    "| Program | Fra (per måned) | Lønn |",
    "| --- | --- | --- |",
    "| Fiken | 99 kr | Ja |",
    "| Tripletex | 279 kr | Ja |",
    "| Conta | 0 kr | Tillegg |",
  ].join("\n"),
  "Med 20 bilag i måneden og en pris på 99 kr blir kostnaden per bilag $99/20\\approx 4{,}95$ kr.",
  "Denne videoen viser hvordan du kommer i gang med regnskapet:",
  "Visma eAccounting er også et alternativ, særlig for bedrifter som allerede bruker andre Visma-produkter.",
].join("\n\n");

describe("google-ai-overview parse: inline overview", () => {
  const answer = parse(fixture("google-ai-overview.json"));

  it("assembles markdown: blank line between blocks, line break between items, headings as ## (also when sent as paragraph)", () => {
    expect(answer.text).toBe(EXPECTED_TEXT);
  });

  it("reads only the top-level ai_overview: the related question's own overview never reaches text or citations", () => {
    expect(answer.text).not.toContain("Uni Economy");
    expect(answer.citations.map((c) => c.url)).not.toContain("https://unimicro.no/uni-economy/gratis");
    expect(answer.citations.map((c) => c.url)).not.toContain("https://conta.no/gratis");
  });

  it("keeps video cards out of the text (media, like images) but keeps their caption", () => {
    expect(answer.text).not.toContain("youtube.com");
    expect(answer.text).toContain("Denne videoen viser hvordan du kommer i gang med regnskapet:");
  });

  it("cites every reference: first-used order through references[].index, then the unused one, links as given", () => {
    expect(answer.citations.map((c) => c.url)).toEqual([
      "https://www.regnskapsnytt.no/test/beste-regnskapsprogram-2026#:~:text=Fiken%2C%20Tripletex%20og%20Conta",
      "https://fiken.no/",
      "https://www.visma.no/eaccounting/",
      "https://www.tripletex.no/priser/#:~:text=L%C3%B8nn%20og%20A%2Dmelding,inkludert",
      "https://www.reddit.com/r/norge/comments/1k2x9qa/hvilket_regnskapsprogram_bruker_dere/",
      "https://conta.no/regnskapsprogram",
      "https://poweroffice.no/go/#:~:text=automatisk%20bankavstemming",
      "https://www.skatteetaten.no/bedrift-og-organisasjon/starte-og-drive/bokforing/",
      "https://www.finansavisen.no/naeringsliv/2026/10/12/regnskapsprogram-sammenligning",
    ]);
    expect(answer.citations[1]?.title).toBe("Regnskapsprogram for små bedrifter – Fiken");
  });

  it("gives each used citation the UTF-16 span of the block or list item that uses it first", () => {
    const span = (url: string) => {
      const c = answer.citations.find((x) => x.url.startsWith(url));
      return answer.text.slice(c?.startIndex, c?.endIndex);
    };
    expect(span("https://www.regnskapsnytt.no")).toMatch(/^De mest brukte .* enkel fakturering\.$/);
    expect(span("https://www.tripletex.no")).toBe(
      "**Tripletex**: Mer omfattende, med lønn, timeføring og prosjekt. Passer når bedriften vokser.",
    );
    expect(span("https://www.skatteetaten.no")).toContain("$99/20\\approx 4{,}95$");
    const unused = answer.citations.at(-1);
    expect(unused?.startIndex).toBeUndefined();
    expect(unused?.endIndex).toBeUndefined();
  });

  it("keeps organic results and related questions' links apart as retrieved", () => {
    expect(answer.retrieved).toEqual([
      { url: "https://fiken.no/", title: "Regnskapsprogram for små bedrifter – Fiken" },
      {
        url: "https://www.regnskapsnytt.no/test/beste-regnskapsprogram-2026",
        title: "Test: Dette er de beste regnskapsprogrammene i 2026",
      },
      {
        url: "https://www.tripletex.no/",
        title: "Tripletex – regnskapsprogram for bedrifter og regnskapsførere",
      },
      {
        url: "https://info.altinn.no/starte-og-drive/okonomi-og-regnskap/regnskap/#:~:text=regnskapsplikt",
        title: "Regnskapsplikt for enkeltpersonforetak - Altinn",
      },
    ]);
  });

  it("reports one search, the question as the search query, no model and no tokens", () => {
    expect(answer.searchQueries).toEqual(["Hva er det beste regnskapsprogrammet for små bedrifter i Norge?"]);
    expect(answer.usage).toEqual({
      inputTokens: 0,
      cachedInputTokens: 0,
      outputTokens: 0,
      reasoningTokens: 0,
      searches: 1,
    });
    expect(answer.servedModel).toBeNull();
    expect(answer.reportedCostUsd).toBeNull();
    expect(answer.warnings).toEqual([]);
  });
});

describe("google-ai-overview parse: lazy-loaded overview (page_token)", () => {
  const first = fixture("google-ai-overview-page-token.json");
  const followUp = fixture("google-ai-overview-followup.json");

  it("reads the overview from the follow-up and retrieved sources from the Google body; two searches", () => {
    const answer = parse({ responses: [first, followUp] });
    expect(answer.text).toBe(
      [
        "For small businesses in Norway, Fiken and Tripletex are the most common choices, with PowerOffice Go popular among companies that use an external accountant.",
        "- **Fiken**: best for sole proprietorships that want low cost and simple VAT returns.\n- **Tripletex**: best when you need payroll, time tracking and projects.",
      ].join("\n\n"),
    );
    expect(answer.citations.map((c) => c.url)).toEqual([
      "https://fiken.no/en",
      "https://www.nordicsmb.com/reviews/best-accounting-software-norway#:~:text=Fiken%2C%20Tripletex",
      "https://www.tripletex.no/en/payroll/",
    ]);
    expect(answer.retrieved.map((r) => r.url)).toEqual([
      "https://www.nordicsmb.com/reviews/best-accounting-software-norway",
      "https://fiken.no/en",
      "https://www.tripletex.no/en/",
    ]);
    expect(answer.searchQueries).toEqual(["best accounting software for small business in Norway"]);
    expect(answer.usage.searches).toBe(2);
  });

  it("rejects a page_token body whose follow-up is missing: the overview is unknown, not absent", () => {
    expect(parseFailure(() => parse(first)).kind).toBe("bad-response");
  });

  it("a follow-up that found nothing is an answer without overview, with a warning", () => {
    const empty = {
      search_metadata: { status: "Success" },
      error: "Google hasn't returned any results for this query.",
    };
    const answer = parse({ responses: [first, empty] });
    expect(answer.text).toBe("");
    expect(answer.citations).toEqual([]);
    expect(answer.usage.searches).toBe(2);
    expect(answer.warnings[0]).toContain("page_token follow-up returned no overview");
  });
});

describe("google-ai-overview parse: no overview", () => {
  it("a result without ai_overview is a valid answer with empty text and no citations", () => {
    const answer = parse(fixture("google-no-overview.json"));
    expect(answer.text).toBe("");
    expect(answer.citations).toEqual([]);
    expect(answer.retrieved.map((r) => r.url)).toEqual([
      "https://www.regnskapsnytt.no/guide/fiken-eller-conta",
      "https://www.reddit.com/r/norge/comments/1h8s2kd/conta_vs_fiken/",
      "https://conta.no/priser",
    ]);
    expect(answer.usage.searches).toBe(1);
    expect(answer.warnings).toEqual(["no AI Overview shown for this query"]);
  });

  it("a 200 whose error says Google returned no results is no overview, not a failure", () => {
    const answer = parse(fixture("google-empty-results.json"));
    expect(answer.text).toBe("");
    expect(answer.citations).toEqual([]);
    expect(answer.retrieved).toEqual([]);
    expect(answer.usage.searches).toBe(1);
    expect(answer.warnings[0]).toContain("Google hasn't returned any results for this query.");
  });
});

describe("google-ai-overview parse: failures", () => {
  it("200 bodies with a failed search map by message: invalid key → auth, out of searches → quota, other → server", () => {
    expect(parseFailure(() => parse(fixture("error-200-invalid-key.json"))).kind).toBe("auth");
    expect(parseFailure(() => parse(fixture("error-200-run-out.json"))).kind).toBe("quota");
    expect(parseFailure(() => parse(fixture("error-200-failed-search.json"))).kind).toBe("server");
  });

  it("junk and unfinished searches are bad-response", () => {
    for (const junk of [
      {},
      { responses: [] },
      { responses: [{ error: "x" }] },
      [],
      "text",
      { ai_overview: {} },
    ]) {
      expect(parseFailure(() => parse(junk)).kind).toBe("bad-response");
    }
    const processing = { search_metadata: { id: "a1", status: "Processing" } };
    expect(parseFailure(() => parse(processing)).kind).toBe("bad-response");
  });

  it("warns about a reference index that no reference has, and still cites the rest", () => {
    const body = {
      search_metadata: { status: "Success" },
      search_parameters: { engine: "google", q: "Fiken" },
      ai_overview: {
        text_blocks: [{ type: "paragraph", snippet: "Fiken passer for ENK.", reference_indexes: [4, 0] }],
        references: [{ title: "Fiken", link: "https://fiken.no/", index: 0 }],
      },
    };
    const answer = parseSerpApi(body);
    expect(answer.citations).toEqual([
      { url: "https://fiken.no/", title: "Fiken", startIndex: 0, endIndex: 21 },
    ]);
    expect(answer.warnings).toEqual(["reference_indexes names 4, which no reference has"]);
  });
});
