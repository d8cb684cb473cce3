import pino, { type Logger } from "pino";

/**
 * Structured logs (JSON lines) on stderr, for cron and containers. Values of secret environment
 * variables are replaced wherever they appear in a message, so a key echoed by an error body never
 * reaches the log.
 */
export function createLogger(options: {
  level?: string;
  secrets?: readonly string[];
  write?: (line: string) => void;
}): Logger {
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 8);
  const scrub = (line: string) =>
    secrets.reduce((text, secret) => text.split(secret).join("[redacted]"), line);
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  return pino(
    { level: options.level ?? "info", base: undefined, timestamp: pino.stdTimeFunctions.isoTime },
    { write: (line: string) => write(scrub(line)) },
  );
}
