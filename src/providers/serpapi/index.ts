import type { Provider } from "../types.ts";
import { bingCopilotModels, googleAiModeModels, googleAiOverviewModels } from "./models.ts";
import {
  bingCopilotOptionsSchema,
  googleAiModeOptionsSchema,
  googleAiOverviewOptionsSchema,
} from "./params.ts";
import { serpApiProvider } from "./provider.ts";

/**
 * AI answers on search pages, fetched through SerpApi (`SERPAPI_API_KEY`, base URL
 * `SERPAPI_BASE_URL`, default https://serpapi.com). One folder, three surfaces, one parser.
 */

/** Google's AI Overview above the results (`engine=google`, plus `engine=google_ai_overview` when lazy-loaded). */
export const googleAiOverviewProvider: Provider = serpApiProvider({
  id: "google-ai-overview",
  displayName: "Google AI Overview (SerpApi)",
  engine: "google",
  optionsSchema: googleAiOverviewOptionsSchema,
  models: googleAiOverviewModels,
});

/** Google AI Mode (`engine=google_ai_mode`). */
export const googleAiModeProvider: Provider = serpApiProvider({
  id: "google-ai-mode",
  displayName: "Google AI Mode (SerpApi)",
  engine: "google_ai_mode",
  optionsSchema: googleAiModeOptionsSchema,
  models: googleAiModeModels,
});

/** Microsoft Bing Copilot Search (`engine=bing_copilot`). */
export const bingCopilotProvider: Provider = serpApiProvider({
  id: "bing-copilot",
  displayName: "Bing Copilot (SerpApi)",
  engine: "bing_copilot",
  optionsSchema: bingCopilotOptionsSchema,
  models: bingCopilotModels,
});

/** Parses a stored body of any of the three surfaces (`sightline analyze --format serpapi`). */
export { parseSerpApi } from "./parse.ts";
