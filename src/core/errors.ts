/**
 * The few error classes of Sightline, named for the reaction they need (architecture rule 7).
 * Messages are prefixed with the component that raised them.
 */

/** Exit codes of the CLI: 0 ok, 1 user error, 2 partial failure, 70 internal error (EX_SOFTWARE). */
export const ExitCode = { ok: 0, user: 1, partial: 2, internal: 70 } as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** One problem in a user's file, located to the character. */
export interface ConfigIssue {
  file: string;
  /** 1-based line, 0 when unknown. */
  line: number;
  /** 1-based column, 0 when unknown. */
  col: number;
  /** Dotted path inside the document, e.g. `questions.2.stage`; empty for the whole file. */
  path: string;
  message: string;
}

/** Formats an issue as `file:LINE:COL  dotted.path: message`. */
export function formatConfigIssue(issue: ConfigIssue): string {
  const where = `${issue.file}:${issue.line}:${issue.col}`;
  return issue.path ? `${where}  ${issue.path}: ${issue.message}` : `${where}  ${issue.message}`;
}

/** The user's configuration is wrong; fix the file and try again. Exit 1. */
export class ConfigError extends Error {
  readonly issues: readonly ConfigIssue[];
  constructor(issues: readonly ConfigIssue[]) {
    super(
      `config: ${issues.length} problem${issues.length === 1 ? "" : "s"}\n${issues.map(formatConfigIssue).join("\n")}`,
    );
    this.name = "ConfigError";
    this.issues = issues;
  }
}

/**
 * How a provider call failed, which decides what the retry layer does:
 * retried (`rate-limit`, `timeout`, `server`), or final for the item (`bad-response`, `refused`),
 * or final for the engine for the whole run (`auth`, `quota`).
 */
export type ProviderErrorKind =
  | "auth"
  | "rate-limit"
  | "quota"
  | "timeout"
  | "server"
  | "bad-response"
  | "refused";

export const retryableKinds: ReadonlySet<ProviderErrorKind> = new Set(["rate-limit", "timeout", "server"]);
/** Kinds after which no further call to the same engine can succeed in this run. */
export const engineFatalKinds: ReadonlySet<ProviderErrorKind> = new Set(["auth", "quota"]);

export interface ProviderErrorOptions {
  /** HTTP status when there was a response. */
  status?: number;
  /** Server-requested wait before the next attempt, in milliseconds. */
  retryAfterMs?: number;
  /** Provider's own error code (`insufficient_quota`, `overloaded_error`, `RESOURCE_EXHAUSTED` ...). */
  code?: string;
  cause?: unknown;
}

/** A provider call failed; `kind` says how. Never carries request headers or keys. */
export class ProviderError extends Error {
  readonly kind: ProviderErrorKind;
  readonly provider: string;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly code: string | undefined;
  constructor(
    provider: string,
    kind: ProviderErrorKind,
    message: string,
    options: ProviderErrorOptions = {},
  ) {
    super(`${provider}: ${message}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ProviderError";
    this.provider = provider;
    this.kind = kind;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
    this.code = options.code;
  }
}

/** A command wants the process to end with this code and message (only `cli/main.ts` exits). */
export class ExitError extends Error {
  readonly code: ExitCodeValue;
  constructor(code: ExitCodeValue, message: string) {
    super(message);
    this.name = "ExitError";
    this.code = code;
  }
}

/** Wrong use of a command (bad flag value, missing file). Exit 1. */
export class UsageError extends ExitError {
  constructor(message: string) {
    super(ExitCode.user, message);
    this.name = "UsageError";
  }
}
