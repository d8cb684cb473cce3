import { z } from "zod";

/**
 * Everything Sightline reads from the environment, parsed once. Secrets (API keys, SMTP_URL,
 * DATABASE_URL) come only from here, never from query files.
 */
const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const envSchema = z.object({
  DATABASE_URL: optional,
  SMTP_URL: optional,
  SIGHTLINE_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  OPENAI_API_KEY: optional,
  ANTHROPIC_API_KEY: optional,
  PERPLEXITY_API_KEY: optional,
  GEMINI_API_KEY: optional,
  SERPAPI_API_KEY: optional,
  OPENAI_BASE_URL: optional,
  ANTHROPIC_BASE_URL: optional,
  PERPLEXITY_BASE_URL: optional,
  GEMINI_BASE_URL: optional,
  SERPAPI_BASE_URL: optional,
});

export type Env = z.output<typeof envSchema> & {
  /** Any variable by name, for engines whose key env is configured (`keyEnv`). */
  get(name: string): string | undefined;
};

/** Parses an environment (default `process.env`); unknown variables are kept reachable by `get`. */
export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = envSchema.parse(source);
  return {
    ...parsed,
    get: (name: string) => {
      const v = source[name];
      return v === undefined || v.trim() === "" ? undefined : v.trim();
    },
  };
}

/** Values never to be printed: every set variable whose name looks like a secret. */
export function secretValues(source: Record<string, string | undefined> = process.env): string[] {
  return Object.entries(source)
    .filter(([k, v]) => v && v.length >= 8 && /(KEY|TOKEN|SECRET|PASSWORD|SMTP_URL|DATABASE_URL)/.test(k))
    .map(([, v]) => v as string);
}
