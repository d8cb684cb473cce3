import { type GenerateContentConfig, ThinkingLevel } from "@google/genai";
import { z } from "zod";
import type { AskRequest } from "../types.ts";

/**
 * Engine options a query file may set for a Gemini engine (besides `id`, `model`, `webSearch`,
 * `samples`). Strict: a typo is a config error, never a silently ignored setting.
 */
export const geminiOptionsSchema = z
  .strictObject({
    /** Gemini 3 thinking depth; the model's default when absent. Changes answers: part of the engine's settings. */
    thinkingLevel: z.enum(["minimal", "low", "medium", "high", "xhigh"]).optional(),
    /** Gemini 2.5 thinking budget in tokens (0 off, -1 automatic); the model's default when absent. */
    thinkingBudget: z.number().int().min(-1).optional(),
    /** Environment variable holding this engine's key instead of `GEMINI_API_KEY` (read by the core). */
    keyEnv: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "an environment variable name")
      .optional(),
  })
  .refine((o) => o.thinkingLevel === undefined || o.thinkingBudget === undefined, {
    message: "set thinkingLevel (Gemini 3) or thinkingBudget (Gemini 2.5), not both",
  });

export type GeminiOptions = z.infer<typeof geminiOptionsSchema>;

const thinkingLevels: Record<NonNullable<GeminiOptions["thinkingLevel"]>, ThinkingLevel> = {
  minimal: ThinkingLevel.MINIMAL,
  low: ThinkingLevel.LOW,
  medium: ThinkingLevel.MEDIUM,
  high: ThinkingLevel.HIGH,
  xhigh: ThinkingLevel.XHIGH,
};

/**
 * The request config: Google Search grounding when the engine searches, the thinking setting when
 * one is chosen, and nothing that steers the answer (no system instruction, no temperature).
 * The locale is not sent: `toolConfig.retrievalConfig` (`languageCode`, `latLng`) is documented for
 * Maps grounding, its effect on Google Search grounding is unknown, and the question's own language
 * already steers the search.
 * `retryOptions` stays unset (the SDK then makes exactly one attempt per request); automatic
 * continuation stays on (its default), so a long answer arrives whole and every hop is recorded.
 */
export function requestConfig(
  request: AskRequest,
  options: GeminiOptions,
  abortSignal: AbortSignal,
): GenerateContentConfig {
  const config: GenerateContentConfig = { abortSignal };
  if (request.webSearch) config.tools = [{ googleSearch: {} }];
  if (options.thinkingLevel !== undefined) {
    config.thinkingConfig = { thinkingLevel: thinkingLevels[options.thinkingLevel] };
  } else if (options.thinkingBudget !== undefined) {
    config.thinkingConfig = { thinkingBudget: options.thinkingBudget };
  }
  return config;
}
