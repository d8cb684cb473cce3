/**
 * The sentences mock answers are assembled from, in Norwegian and English. Descriptions never
 * name a brand, so the only brand mentions are the list items, the table and the closing
 * sentence (which names brands already ranked): the rank a report measures is the list order.
 */

export type Language = "nb" | "en";

export interface Phrases {
  intros: readonly string[];
  introFollowUps: readonly string[];
  listHeadings: readonly string[];
  descriptions: readonly string[];
  /** A second sentence for a list item. */
  details: readonly string[];
  tableHeader: readonly [string, string, string];
  fitsFor: readonly string[];
  prices: readonly string[];
  tipsHeading: string;
  tips: readonly string[];
  /** `{a}` and `{b}` are the first two ranked brands. */
  closings: readonly string[];
  /** A last sentence after the closing. */
  outros: readonly string[];
  /** What a model says before it searches (Anthropic preamble). */
  preambles: readonly string[];
  /** Search queries; `{a}` and `{b}` are brands. The question itself is always the first query. */
  queries: readonly string[];
}

const nb: Phrases = {
  intros: [
    "Her er en oversikt over de mest brukte løsningene for små bedrifter i Norge, basert på oppdaterte sammenligninger og brukeromtaler.",
    "Det finnes flere gode alternativer, og hvilket som passer best avhenger av størrelsen på bedriften, om du har ansatte og hvor mye du vil gjøre selv.",
    "Kort fortalt velger de fleste små bedrifter i Norge mellom en håndfull skybaserte løsninger 📊 Her er de som oftest anbefales.",
    "Basert på tester, priser og erfaringer fra brukere er dette de mest aktuelle valgene akkurat nå (priser eks. mva., sjekket november 2026).",
  ],
  introFollowUps: [
    "Alle løsningene under er skybaserte og leverer MVA-melding direkte til Altinn.",
    "Prisene varierer mye etter antall bilag og hvilke moduler du trenger.",
    "Mange regnskapsførere har en klar favoritt, så spør gjerne ditt byrå først.",
  ],
  listHeadings: ["Populære alternativer", "Anbefalte løsninger", "De beste valgene", "Aktuelle programmer"],
  descriptions: [
    "enkelt å komme i gang med, og prisen er lav for enkeltpersonforetak og små aksjeselskap.",
    "mer omfattende, med lønn, timeføring og prosjekt; passer når bedriften vokser.",
    "gratis grunnpakke for de minste bedriftene, med betalte tillegg etter behov.",
    "skybasert og sterk på automatisering, med mange integrasjoner mot bank og nettbutikk.",
    "kjent leverandør med god kundestøtte og en app som gjør bilagsføring enkelt.",
    "populær blant regnskapsførere, så samarbeidet med byrået blir ofte smidig.",
    "får gode skussmål for brukervennlighet og rask oppstart.",
    "rimelig, med fast månedspris og ingen bindingstid.",
    "godt egnet hvis du vil samle faktura, regnskap og lønn i ett system.",
    "fleksibel løsning med gode rapporter og god oversikt over likviditeten.",
  ],
  details: [
    "Pris fra 199 kr i måneden, og du kan prøve gratis i 30 dager.",
    "Bankintegrasjon og MVA-melding er med i alle pakker.",
    "Lønn og A-melding kommer som tillegg når du får ansatte.",
    "Appen gjør det enkelt å ta bilde av kvitteringer på farten.",
    "Kundestøtten får gode tilbakemeldinger i brukeromtaler.",
    "Mange regnskapsførere kan jobbe direkte i samme system.",
    "Rapportene gir god oversikt over resultat og likviditet gjennom året.",
  ],
  tableHeader: ["Løsning", "Passer for", "Fra (per måned)"],
  fitsFor: [
    "Enkeltpersonforetak",
    "Små AS",
    "Voksende bedrifter",
    "Bedrifter med ansatte",
    "Regnskapsbyråer",
  ],
  prices: ["0 kr", "99 kr", "199 kr", "279 kr", "349 kr", "429 kr"],
  tipsHeading: "Hva bør du se etter?",
  tips: [
    "Bankintegrasjon med banken din (DNB, SpareBank 1, Nordea).",
    "Innsending av MVA-melding og skattemelding for næringsdrivende.",
    "Hva prisen blir når antall bilag og ansatte øker.",
    "Om regnskapsføreren din allerede bruker løsningen.",
  ],
  closings: [
    "Velg {a} hvis du vil ha det enkelt, og {b} hvis du trenger flere moduler.",
    "For de fleste små bedrifter er {a} et trygt førstevalg, men {b} er verdt å vurdere hvis du har ansatte eller prosjekter.",
    "Mitt råd: prøv {a} og {b} gratis i en periode, og se hvilken arbeidsflyt som passer deg best.",
    "Forskjellen ligger mest i pris og brukervennlighet, og her skiller {a} og {b} seg positivt ut.",
  ],
  outros: [
    "Prisene endres jevnlig, så sjekk leverandørenes egne sider før du bestemmer deg.",
    "Alle tilbyr gratis prøveperiode, så det koster lite å teste to av dem side om side.",
    "Si gjerne fra hvor mange bilag og ansatte du har, så kan jeg gi en mer presis anbefaling.",
  ],
  preambles: [
    "Jeg søker etter oppdaterte sammenligninger og priser.",
    "La meg sjekke hva som anbefales akkurat nå.",
    "Jeg ser etter ferske tester og brukeromtaler.",
  ],
  queries: [
    "{a} {b} pris sammenligning 2026",
    "beste regnskapsprogram små bedrifter Norge 2026",
    "{a} erfaringer",
  ],
};

const en: Phrases = {
  intros: [
    "Here is an overview of the most widely used options for small businesses in Norway, based on recent comparisons and user reviews.",
    "There are several good options, and the best fit depends on the size of the business, whether you have employees and how much you want to do yourself.",
    "In short, most small businesses in Norway choose between a handful of cloud tools 📊 These are the ones recommended most often.",
    "Based on tests, pricing and user experience, these are the most relevant choices right now (prices excl. VAT, checked November 2026).",
  ],
  introFollowUps: [
    "All of the tools below are cloud based and file VAT returns directly to Altinn.",
    "Prices vary a lot with the number of vouchers and the modules you need.",
    "Many accountants have a clear favourite, so ask yours first.",
  ],
  listHeadings: ["Popular options", "Recommended tools", "Top choices", "Options worth a look"],
  descriptions: [
    "easy to get started with, and priced low for sole proprietors and small limited companies.",
    "more comprehensive, with payroll, time tracking and projects; a good fit as the business grows.",
    "a free basic plan for the smallest businesses, with paid add-ons as needed.",
    "cloud based with strong automation and many integrations with banks and web shops.",
    "a well-known vendor with good support and an app that makes receipts easy.",
    "popular with accountants, so working with your accounting firm is usually smooth.",
    "gets good reviews for ease of use and a quick start.",
    "affordable, with a fixed monthly price and no lock-in.",
    "a good fit if you want invoicing, accounting and payroll in one system.",
    "a flexible tool with good reports and a clear view of cash flow.",
  ],
  details: [
    "Plans start at NOK 199 a month, with a 30-day free trial.",
    "Bank integration and VAT returns are included in every plan.",
    "Payroll and A-melding are add-ons once you hire staff.",
    "The app makes it easy to snap receipts on the go.",
    "Support gets good feedback in user reviews.",
    "Many accountants can work directly in the same system.",
    "Reports give a clear view of profit and cash flow through the year.",
  ],
  tableHeader: ["Tool", "Best for", "From (per month)"],
  fitsFor: [
    "Sole proprietors",
    "Small companies",
    "Growing businesses",
    "Businesses with staff",
    "Accounting firms",
  ],
  prices: ["NOK 0", "NOK 99", "NOK 199", "NOK 279", "NOK 349", "NOK 429"],
  tipsHeading: "What to look for",
  tips: [
    "Bank integration with your bank (DNB, SpareBank 1, Nordea).",
    "Filing of VAT returns and the tax return for self-employed people.",
    "What the price becomes as vouchers and employees grow.",
    "Whether your accountant already uses the tool.",
  ],
  closings: [
    "Pick {a} if you want something simple, and {b} if you need more modules.",
    "For most small businesses {a} is a safe first choice, but {b} is worth a look if you have employees or projects.",
    "My advice: try {a} and {b} free for a while and see which workflow suits you best.",
    "The differences are mostly price and ease of use, and {a} and {b} stand out there.",
  ],
  outros: [
    "Prices change often, so check the vendors' own pages before you decide.",
    "All of them offer a free trial, so testing two side by side costs little.",
    "Tell me how many vouchers and employees you have, and I can give a more precise recommendation.",
  ],
  preambles: [
    "I'll search for recent comparisons and prices.",
    "Let me check what is recommended right now.",
    "I'll look for recent reviews and tests.",
  ],
  queries: ["{a} vs {b} pricing 2026", "best accounting software small business Norway 2026", "{a} reviews"],
};

export const phrases: Record<Language, Phrases> = { nb, en };

const norwegian =
  /[æøå]|\b(hva|hvilke[nt]?|hvordan|beste|anbefal\w*|jeg|bedrift\w*|regnskap\w*|eller|og|til|er)\b/i;

/** Norwegian when the question looks Norwegian, English otherwise. */
export function languageOf(question: string): Language {
  return norwegian.test(question) ? "nb" : "en";
}

/** Fills `{a}` and `{b}`. */
export function fill(template: string, a: string, b: string): string {
  return template.replaceAll("{a}", a).replaceAll("{b}", b);
}
