/**
 * Secrets belong in the environment, never in a query file that is shared and committed.
 * Detects values that look like API keys and keys whose name says "secret".
 */
const keyPatterns: readonly { name: string; pattern: RegExp }[] = [
  { name: "an Anthropic API key", pattern: /\bsk-ant-[A-Za-z0-9_-]{16,}/ },
  { name: "an OpenAI API key", pattern: /\bsk-(proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/ },
  { name: "a Perplexity API key", pattern: /\bpplx-[A-Za-z0-9]{20,}/ },
  { name: "a Google API key", pattern: /\bAIza[0-9A-Za-z_-]{30,}/ },
  { name: "an OpenRouter API key", pattern: /\bsk-or-v1-[a-f0-9]{20,}/ },
  { name: "an xAI API key", pattern: /\bxai-[A-Za-z0-9]{20,}/ },
  { name: "a password in a URL", pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i },
];

const secretKeyNames = /^(api[_-]?key|apikey|secret|token|password|access[_-]?token|auth[_-]?token)$/i;

/** Describes the secret a string value looks like, or null. */
export function secretKind(value: string): string | null {
  for (const { name, pattern } of keyPatterns) if (pattern.test(value)) return name;
  return null;
}

/** True when a mapping key's name says it holds a secret (`apiKey`, `token` ...). */
export function isSecretKeyName(key: string): boolean {
  return secretKeyNames.test(key);
}

export const secretAdvice =
  "secrets come from the environment (e.g. OPENAI_API_KEY), never from a query file";
