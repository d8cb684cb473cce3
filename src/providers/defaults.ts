/**
 * The default model of every engine, in one table with the date it was checked. A query file
 * overrides it per engine (`{ id: openai, model: ... }`). Sources: each provider's models page and
 * deprecation notices as summarised in shared/fixtures/README.md (checked 2026-11-25):
 * OpenAI retires gpt-5-mini on 2026-12-11 and the gpt-4o/4.1 family on 2027-01-14 (successor
 * gpt-6-luna); Gemini 2.5 Flash shuts down 2026-12-01 (served by 3.5 Flash-Lite after);
 * Claude Haiku 4.5 is legacy, Haiku 5.5 current; Perplexity's Agent API serves perplexity/sonar.
 */
export const DEFAULTS_CHECKED = "2026-11-25";

export const defaultModels = {
  openai: "gpt-6-luna",
  anthropic: "claude-haiku-5-5",
  perplexity: "perplexity/sonar",
  gemini: "gemini-3.5-flash-lite",
  /** SerpApi surfaces have no model choice; the id names the surface. */
  "google-ai-overview": "google-ai-overview",
  "google-ai-mode": "google-ai-mode",
  "bing-copilot": "bing-copilot",
  /** No meaningful default: an OpenAI-compatible engine entry should name its model. */
  "openai-compatible": "default",
  replay: "recordings",
} as const;
