/**
 * The definitions and caveats a report prints with its numbers, in the report's language. Which
 * ones apply is decided from the data (`NoteFlags`); the wording lives here so every renderer
 * shows the same sentences.
 */

/** What the report's data calls for. */
export interface NoteFlags {
  /** Some cell shown has fewer than 10 answers. */
  directional: boolean;
  /** Failed attempts in the period (excluded from n). */
  failed: number;
  /** Some answers came from the offline replay engine. */
  replay: boolean;
  /** There is a baseline period but it has no answers: nothing can be compared. */
  emptyBaseline: boolean;
  /** Answers mention brands but no word share was computed for them. */
  wordShareMissing: boolean;
}

type Language = "en" | "nb";

const TEXT: Record<Language, Record<string, string>> = {
  en: {
    trackedOnly:
      "Rank, share of voice and word share count tracked brands only (your brand and the competitors in the query file); untracked names cannot be detected reliably.",
    mentionRate:
      "Mention rate: answers mentioning the brand ÷ answers (n). Every rate is shown with its Wilson 95% interval and its n; failed attempts are not in n.",
    shareOfVoice:
      "Share of voice: answers mentioning the brand ÷ the sum of answers mentioning each tracked brand. Average rank: over the answers that mention the brand. Top-1 rate: answers where the brand comes first ÷ n.",
    brandScore:
      "Brand score: mean of 0.9^(rank − 1) over all answers (0 when not mentioned). Word share: the brand's position-adjusted share of words of the sentences that mention it, averaged over all answers.",
    citations:
      "Citation rate: answers citing one of your domains ÷ answers with at least one citation. Citation share: citations of your domains ÷ all citations.",
    stability:
      "Stability: how alike the samples of one question on one engine are (mean pairwise Jaccard of the brands mentioned). Consideration set: the brands mentioned in at least half of a question's answers.",
    significance:
      "A change is reported only when a two-proportion z-test gives p < 0.05; otherwise there is no significant change.",
    directional: "Cells with fewer than 10 answers are directional: too few answers to rely on.",
    failed:
      "{n} attempt(s) failed and are excluded from n; a cell where every attempt failed is a gap, not 0%.",
    replay:
      "Some answers come from the offline replay engine (recorded examples), not from live AI assistants.",
    emptyBaseline: "The baseline period has no answers, so no change can be tested.",
    wordShareMissing: "Word share has not been computed for these answers yet and shows as 0.",
  },
  nb: {
    trackedOnly:
      "Rangering, stemmeandel og ordandel teller bare sporede merkevarer (din merkevare og konkurrentene i spørsmålsfilen); andre navn kan ikke oppdages pålitelig.",
    mentionRate:
      "Omtalerate: svar som nevner merkevaren ÷ svar (n). Hver rate vises med Wilson 95 %-intervall og n; mislykkede forsøk er ikke med i n.",
    shareOfVoice:
      "Stemmeandel: svar som nevner merkevaren ÷ summen av svar som nevner hver sporede merkevare. Gjennomsnittlig plassering: over svarene som nevner merkevaren. Topp 1-rate: svar der merkevaren kommer først ÷ n.",
    brandScore:
      "Merkevarepoeng: gjennomsnitt av 0,9^(plassering − 1) over alle svar (0 når den ikke nevnes). Ordandel: merkevarens posisjonsjusterte andel av ordene i setningene som nevner den, i snitt over alle svar.",
    citations:
      "Siteringsrate: svar som siterer et av domenene dine ÷ svar med minst én kilde. Siteringsandel: siteringer av domenene dine ÷ alle siteringer.",
    stability:
      "Stabilitet: hvor like svarene på ett spørsmål fra én motor er (gjennomsnittlig parvis Jaccard av nevnte merkevarer). Vurderingssett: merkevarene som nevnes i minst halvparten av svarene på et spørsmål.",
    significance:
      "En endring rapporteres bare når en z-test for to andeler gir p < 0,05; ellers er det ingen signifikant endring.",
    directional: "Celler med færre enn 10 svar er retningsgivende: for få svar til å stole på.",
    failed:
      "{n} forsøk mislyktes og er holdt utenfor n; en celle der alle forsøk mislyktes er et hull, ikke 0 %.",
    replay:
      "Noen svar kommer fra den frakoblede avspillingsmotoren (innspilte eksempler), ikke fra AI-assistenter i drift.",
    emptyBaseline: "Sammenligningsperioden har ingen svar, så ingen endring kan testes.",
    wordShareMissing: "Ordandel er ikke beregnet for disse svarene ennå og vises som 0.",
  },
};

/** The notes for a report: the replay warning, definitions, then the caveats its data calls for. */
export function reportNotes(language: Language, flags: NoteFlags): string[] {
  const t = TEXT[language];
  const pick = (key: string) => t[key] ?? TEXT.en[key] ?? key;
  const notes = [
    "trackedOnly",
    "mentionRate",
    "shareOfVoice",
    "brandScore",
    "citations",
    "stability",
    "significance",
  ].map(pick);
  if (flags.directional) notes.push(pick("directional"));
  if (flags.failed > 0) notes.push(pick("failed").replace("{n}", String(flags.failed)));
  if (flags.emptyBaseline) notes.push(pick("emptyBaseline"));
  if (flags.wordShareMissing) notes.push(pick("wordShareMissing"));
  // Replayed data changes what every number means: it goes first.
  return flags.replay ? [pick("replay"), ...notes] : notes;
}
