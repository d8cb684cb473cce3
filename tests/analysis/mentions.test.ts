import { describe, expect, it } from "vitest";
import { analyzeAnswer } from "../../src/analysis/analyze.ts";
import { compileBrands } from "../../src/analysis/matcher.ts";
import type { Mention } from "../../src/analysis/types.ts";
import type { TrackedBrand } from "../../src/core/brands.ts";

/** Spec §2, one rule at a time, with the spec's own examples. */

type AliasSpec = string | { text: string; caseSensitive: boolean };

function brand(name: string, aliases: AliasSpec[] = [], domains: string[] = []): TrackedBrand {
  const list = aliases.map((a) => (typeof a === "string" ? { text: a, caseSensitive: false } : a));
  if (!list.some((a) => a.text === name)) list.unshift({ text: name, caseSensitive: false });
  return { name, role: "competitor", aliases: list, domains };
}

const BRANDS: TrackedBrand[] = [
  brand("Fiken", [], ["fiken.no"]),
  brand("Tripletex", [], ["tripletex.no"]),
  brand("Conta", [], ["conta.no"]),
  brand("SpareBank 1", [], ["sparebank1.no"]),
  brand("HubSpot", [], ["hubspot.com"]),
  brand("Visma", ["Visma Software"], ["visma.no"]),
  brand("Visma eAccounting", [], ["eaccounting.visma.no"]),
  brand("AT&T", [], ["att.com"]),
  brand("T-Mobile", [], ["t-mobile.com"]),
  brand("Make", [{ text: "Make", caseSensitive: true }], ["make.com"]),
  brand("Vulture"),
  brand("Finansavisen"),
  brand("Booking.com", [], ["booking.com"]),
  brand("Dønn"),
  brand("McDonald's"),
];
const compiled = compileBrands(BRANDS);

function mentions(text: string): Record<string, Mention> {
  const result = analyzeAnswer({ text, citations: [] }, compiled);
  return Object.fromEntries(result.mentions.map((m) => [m.brand, m]));
}

/** Brand → count, only for mentioned brands. */
function counts(text: string): Record<string, number> {
  return Object.fromEntries(Object.values(mentions(text)).map((m) => [m.brand, m.count]));
}

describe("§2.1 only visible text is searched", () => {
  it("reads link text, never link targets", () => {
    expect(counts("Bruk [Fiken](https://fiken.no).")).toEqual({ Fiken: 1 });
    expect(counts("Se prisene [her](https://tripletex.no/priser).")).toEqual({});
  });

  it("skips source pills: domain-like link texts and link-only parentheses", () => {
    expect(counts("Ifølge [www.fiken.no/priser](https://fiken.no/priser) koster det 99 kr.")).toEqual({});
    expect(counts("Serien fikk ros ([Vulture][1]).\n\n[1]: https://vulture.com/a")).toEqual({});
    expect(
      counts(
        "Mange bytter ([tripletex.no](https://tripletex.no), [Finansavisen](https://finansavisen.no/a)).",
      ),
    ).toEqual({});
  });

  it("reads a domain-like link text that is a tracked alias as a mention", () => {
    expect(counts("Bestill via [Booking.com](https://booking.com).")).toEqual({ "Booking.com": 1 });
  });

  it("skips reference definitions and images", () => {
    expect(counts('Se kildene.\n\n[1]: https://fiken.no "Fiken"\n')).toEqual({});
    expect(counts("![Fiken](https://fiken.no/logo.png) Logo.")).toEqual({});
  });

  it("decodes escapes and entities", () => {
    expect(counts("AT\\&T og AT&amp;T")).toEqual({ "AT&T": 2 });
  });

  it("ignores emphasis, heading, list markers and table pipes; reads code", () => {
    expect(counts("## **Fiken**\n\n- *Conta*\n\n| Navn |\n|---|\n|Tripletex|")).toEqual({
      Fiken: 1,
      Conta: 1,
      Tripletex: 1,
    });
    expect(counts("Kjør `fiken sync`.\n\n```\nimport { HubSpot } from 'x'\n```")).toEqual({
      Fiken: 1,
      HubSpot: 1,
    });
  });
});

describe("§2.2 case, Unicode and typographic variants", () => {
  it("matches case-insensitively by default, and Unicode-aware", () => {
    expect(counts("FIKEN, fiken og Fiken")).toEqual({ Fiken: 3 });
    expect(counts("DØNN og dønn")).toEqual({ Dønn: 2 });
    expect(counts("Donn er ikke Dønn-merket")).toEqual({ Dønn: 1 });
  });

  it("matches composed and decomposed accents alike", () => {
    const cafe = compileBrands([{ name: "Café Noir", role: "own", aliases: [], domains: [] }]);
    const text = `${"Café Noir".normalize("NFD")} og ${"CAFÉ NOIR".normalize("NFC")}`;
    expect(analyzeAnswer({ text, citations: [] }, cafe).mentions[0]?.count).toBe(2);
  });

  it("matches a case-sensitive alias only in its exact casing", () => {
    expect(counts("Make, make, MAKE og Make.com")).toEqual({ Make: 2 });
  });

  it("lets an alias entry with the name's text override the name's options", () => {
    const own = compileBrands([
      { name: "Make", role: "own", aliases: [{ text: "Make", caseSensitive: true }], domains: [] },
    ]);
    const found = analyzeAnswer({ text: "make it work with Make", citations: [] }, own).mentions;
    expect(found.map((m) => [m.brand, m.count])).toEqual([["Make", 1]]);
  });

  it("treats apostrophe, hyphen and space variants as the same character", () => {
    expect(counts("McDonald’s, McDonaldʼs og McDonald's")).toEqual({ "McDonald's": 3 });
    expect(counts("T\u2011Mobile, T\u2010Mobile og T-Mobile")).toEqual({ "T-Mobile": 3 });
    expect(counts("SpareBank\u00a01, SpareBank\u202f1, SpareBank  1 og SpareBank\n1")).toEqual({
      "SpareBank 1": 4,
    });
  });

  it("reads a zero-width space as a space and ignores other zero-width characters", () => {
    expect(counts("Fiken\u200bConta")).toEqual({ Fiken: 1, Conta: 1 });
    expect(counts("Fi\u200dken, Fi\u00adken, \ufeffFiken og Fi\u2060ken")).toEqual({ Fiken: 4 });
  });
});

describe("§2.3 word boundaries and their exceptions", () => {
  it("does not match inside longer words or numbers", () => {
    expect(counts("Contact, Kontakt og Contaer")).toEqual({});
    expect(counts("SpareBank 10 og SpareBank 1")).toEqual({ "SpareBank 1": 1 });
    expect(counts("Fiken2 og 2Fiken og Fikensen")).toEqual({});
  });

  it("matches the English possessive", () => {
    expect(counts("HubSpot's and HubSpot’s pricing")).toEqual({ HubSpot: 2 });
  });

  it("matches the Scandinavian genitive", () => {
    expect(counts("Fikens kunder, Tripletex' API og Tripletex’ pris")).toEqual({ Fiken: 1, Tripletex: 2 });
  });

  it("matches hyphenated compounds", () => {
    expect(counts("Tripletex-brukere og HubSpot-integrasjonen")).toEqual({ Tripletex: 1, HubSpot: 1 });
  });
});

describe("§2.4 domains and bare URLs", () => {
  it("counts a brand's domain written in the text", () => {
    expect(counts("Gå til fiken.no eller www.hubspot.com/pricing.")).toEqual({ Fiken: 1, HubSpot: 1 });
  });

  it("counts a bare URL once, for its host's owner, without searching the rest", () => {
    expect(counts("Les https://www.fiken.no/blogg/tripletex-vs-conta i dag")).toEqual({ Fiken: 1 });
    expect(counts("Les https://regnskap.no/fiken-vs-tripletex i dag")).toEqual({});
    expect(counts("Se https://blog.hubspot.com/sales/x.")).toEqual({ HubSpot: 1 });
  });
});

describe("§2.5 overlaps", () => {
  it("lets the longest match win across brands", () => {
    expect(counts("Visma eAccounting passer små firma")).toEqual({ "Visma eAccounting": 1 });
    expect(counts("Visma lager Visma eAccounting")).toEqual({ Visma: 1, "Visma eAccounting": 1 });
  });

  it("counts a longer alias of the same brand once", () => {
    expect(counts("Visma Software AS")).toEqual({ Visma: 1 });
  });
});

describe("§2.6 negations and warnings", () => {
  it("still counts a mention", () => {
    expect(counts("Vi anbefaler ikke Fiken, og unngå Conta.")).toEqual({ Fiken: 1, Conta: 1 });
  });
});

describe("what is recorded per mention", () => {
  it("gives firstOffset and evidence offsets as UTF-16 indexes into the stored text", () => {
    const text = "🚀 **Fiken** er best. Bruk Fiken.";
    const m = mentions(text).Fiken as Mention;
    expect(m.firstOffset).toBe(5);
    expect(m.evidence.map((e) => text.slice(e.offset, e.offset + e.length))).toEqual(["Fiken", "Fiken"]);
    expect(m.evidence.map((e) => e.offset)).toEqual([5, 27]);
  });

  it("spans the whole source of a decoded match", () => {
    const m = mentions("Velg AT&amp;T.")["AT&T"] as Mention;
    expect([m.evidence[0]?.offset, m.evidence[0]?.length]).toEqual([5, 8]);
  });

  it("quotes the sentence around each mention from the visible text", () => {
    const text =
      "Fiken er best. Conta er ny, se [conta.no](https://conta.no).\n\n1. **Tripletex** – dyrere.\n\n| Navn | Pris |\n|---|---|\n| Visma | 99 kr |";
    const found = mentions(text);
    expect(found.Conta?.evidence[0]?.sentence).toBe("Conta er ny, se .");
    expect(found.Tripletex?.evidence[0]?.sentence).toBe("Tripletex – dyrere.");
    expect(found.Visma?.evidence[0]?.sentence).toBe("Visma | 99 kr");
  });

  it("does not end a sentence at an abbreviation followed by a lower-case word", () => {
    const found = mentions("Mange velger f.eks. enkle verktøy som Fiken. Andre velger Conta!");
    expect(found.Fiken?.evidence[0]?.sentence).toBe("Mange velger f.eks. enkle verktøy som Fiken.");
    expect(found.Conta?.evidence[0]?.sentence).toBe("Andre velger Conta!");
  });

  it("leaves out brands that are not mentioned", () => {
    expect(Object.keys(mentions("Ingen merkenavn her."))).toEqual([]);
  });
});
