import { z } from "zod";

/**
 * Query parameters of the SerpApi requests and the engine options that shape them.
 * Language and country come from the question's BCP-47 locale, converted to Google's codes:
 * Google's `hl` list has `no` for Norwegian (no `nb`/`nn`), `iw` for Hebrew, `tl` for Filipino,
 * `jw` for Javanese, `zh-cn`/`zh-tw` for Chinese; its `gl` list has `uk` for the United Kingdom.
 * So `nb-NO` → `hl=no&gl=no`, `en-GB` → `hl=en&gl=uk`. Bing Copilot takes no language or country
 * (SerpApi: "does not support explicit language parameter"): the question's own language decides.
 */

const noCache = z
  .boolean()
  .optional()
  .describe(
    "Ask SerpApi for a fresh search (default true). SerpApi serves identical searches from a 1-hour cache " +
      "for free, which would make repeated samples copies of one answer.",
  );
const device = z.enum(["desktop", "mobile", "tablet"]).optional();
const location = z.string().min(1).optional().describe('SerpApi location, e.g. "Oslo, Norway"');
const hl = z.string().min(2).optional().describe("Google language code, overrides the locale's");
const gl = z.string().length(2).optional().describe("Google country code, overrides the locale's");

export const googleAiOverviewOptionsSchema = z.strictObject({
  noCache,
  device,
  location,
  hl,
  gl,
  googleDomain: z.string().min(1).optional().describe('e.g. "google.no"'),
});
export const googleAiModeOptionsSchema = z.strictObject({ noCache, device, location, hl, gl });
export const bingCopilotOptionsSchema = z.strictObject({ noCache });

export type SerpApiOptions = z.infer<typeof googleAiOverviewOptionsSchema>;

/** BCP-47 language subtags whose Google `hl` code differs. */
const googleLanguage: Record<string, string> = { nb: "no", nn: "no", he: "iw", fil: "tl", jv: "jw" };
/** ISO 3166 regions whose Google `gl` code differs. */
const googleCountry: Record<string, string> = { gb: "uk" };

/** Google `hl` and `gl` for a BCP-47 locale such as `nb-NO`, `en`, `zh-Hant-TW`; empty when unknown. */
export function googleLocale(locale: string | undefined): { hl?: string; gl?: string } {
  if (!locale?.trim()) return {};
  const parts = locale.trim().replace(/_/g, "-").split("-");
  const language = parts[0]?.toLowerCase() ?? "";
  if (!/^[a-z]{2,3}$/.test(language)) return {};
  const region = parts
    .slice(1)
    .find((p) => /^([a-z]{2}|\d{3})$/i.test(p))
    ?.toLowerCase();
  const script = parts
    .slice(1)
    .find((p) => /^[a-z]{4}$/i.test(p))
    ?.toLowerCase();
  let hlCode = googleLanguage[language] ?? language;
  if (language === "zh") {
    hlCode = script === "hant" || region === "tw" || region === "hk" || region === "mo" ? "zh-tw" : "zh-cn";
  }
  const glCode = region && /^[a-z]{2}$/.test(region) ? (googleCountry[region] ?? region) : undefined;
  return { hl: hlCode, ...(glCode ? { gl: glCode } : {}) };
}

/** Engines of the three surfaces and of the AI Overview follow-up. */
export type SerpApiEngine = "google" | "google_ai_mode" | "bing_copilot" | "google_ai_overview";

export interface SearchInput {
  engine: Exclude<SerpApiEngine, "google_ai_overview">;
  question: string;
  locale: string | undefined;
  options: SerpApiOptions;
}

/** Parameters of the first request (without `api_key`, which the HTTP layer adds). */
export function searchParams(input: SearchInput): Record<string, string> {
  const { engine, options } = input;
  const params: Record<string, string> = { engine, q: input.question };
  if (engine !== "bing_copilot") {
    const derived = googleLocale(input.locale);
    const hlCode = options.hl ?? derived.hl;
    const glCode = options.gl ?? derived.gl;
    if (hlCode) params.hl = hlCode;
    if (glCode) params.gl = glCode;
    if (options.location) params.location = options.location;
    if (options.device) params.device = options.device;
    if (engine === "google" && options.googleDomain) params.google_domain = options.googleDomain;
  }
  if (options.noCache ?? true) params.no_cache = "true";
  return params;
}

/** The follow-up for a lazy-loaded AI Overview; the token expires within 4 minutes, so it is sent at once. */
export function followUpParams(pageToken: string): Record<string, string> {
  return { engine: "google_ai_overview", page_token: pageToken };
}
