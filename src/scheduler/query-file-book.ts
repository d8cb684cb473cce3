import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import type { Logger } from "pino";
import type { QueryFile } from "../config/query-file.ts";
import { ConfigError, type ConfigIssue, formatConfigIssue } from "../core/errors.ts";

/**
 * The query files a daemon schedules, re-read whenever asked: a file whose bytes changed is loaded
 * again; when the new version is invalid its problems are logged (file:line:col) once and the
 * last good version stays in force, so a half-saved edit never stops the schedule.
 */
export interface BookEntry {
  /** Query file id: the file name without `.yaml`/`.yml` (schedule ids derive from it). */
  id: string;
  path: string;
  /** Last version that loaded without problems. */
  good: QueryFile | null;
  /** Problems of the bytes last read, empty when they loaded. */
  issues: ConfigIssue[];
  hash: string;
}

export interface BookSource {
  /** Explicit files (`--config`); an unreadable one keeps its last good version. */
  files?: readonly string[];
  /** A folder whose `*.yaml`/`*.yml` files are scheduled; a file removed from it is dropped. */
  dir?: string;
}

export function queryFileId(path: string): string {
  return basename(path).replace(/\.ya?ml$/i, "");
}

export class QueryFileBook {
  private readonly entries = new Map<string, BookEntry>();
  private readonly source: BookSource;
  private readonly load: (path: string) => Promise<QueryFile>;
  private readonly logger: Logger;

  constructor(source: BookSource, load: (path: string) => Promise<QueryFile>, logger: Logger) {
    this.source = source;
    this.load = load;
    this.logger = logger;
  }

  /** Files with a last good version, in path order. */
  current(): BookEntry[] {
    return [...this.entries.values()]
      .filter((e) => e.good !== null)
      .sort((a, b) => a.path.localeCompare(b.path));
  }

  /** Every problem of the bytes currently on disk. */
  issues(): ConfigIssue[] {
    return [...this.entries.values()].flatMap((e) => e.issues);
  }

  /** Re-reads the files; true when any good version was added, replaced or dropped. */
  async refresh(): Promise<boolean> {
    const paths = await this.paths();
    let changed = false;
    if (this.source.dir) {
      for (const path of [...this.entries.keys()]) {
        if (paths.includes(path)) continue;
        this.entries.delete(path);
        this.logger.info({ file: path }, "query file removed: its schedules stop");
        changed = true;
      }
    }
    for (const path of paths) changed = (await this.refreshOne(path)) || changed;
    return changed;
  }

  private async paths(): Promise<string[]> {
    if (this.source.files) return [...this.source.files];
    const dir = this.source.dir ?? ".";
    try {
      return (await readdir(dir))
        .filter((f) => /\.ya?ml$/i.test(f))
        .sort()
        .map((f) => join(dir, f));
    } catch (error) {
      this.logger.error({ dir, error: String(error) }, "cannot list query files; keeping the last good ones");
      return [...this.entries.keys()];
    }
  }

  private async refreshOne(path: string): Promise<boolean> {
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      const entry = this.entries.get(path);
      const why = (error as NodeJS.ErrnoException).code ?? String(error);
      if (entry?.hash !== why)
        this.logger.error(
          { file: path, error: why },
          "cannot read query file; keeping its last good version",
        );
      if (entry) entry.hash = why;
      return false;
    }
    const hash = createHash("sha256").update(bytes).digest("hex");
    const entry = this.entries.get(path);
    if (entry?.hash === hash) return false;
    const id = queryFileId(path);
    const clash = [...this.entries.values()].find((e) => e.id === id && e.path !== path);
    const next: BookEntry = entry ?? { id, path, good: null, issues: [], hash };
    next.hash = hash;
    this.entries.set(path, next);
    if (clash) {
      next.issues = [
        { file: path, line: 0, col: 0, path: "", message: `query file id '${id}' is also ${clash.path}` },
      ];
      this.logIssues(path, next.issues, false);
      return false;
    }
    try {
      const file = await this.load(path);
      next.good = file;
      next.issues = [];
      this.logger.info(
        { file: path, schedule: file.schedule ?? null },
        file.schedule
          ? entry
            ? "query file reloaded"
            : "query file loaded"
          : "query file has no schedule: not scheduled",
      );
      return true;
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      next.issues = [...error.issues];
      this.logIssues(path, next.issues, next.good !== null);
      return false;
    }
  }

  private logIssues(path: string, issues: readonly ConfigIssue[], keeping: boolean): void {
    this.logger.error(
      { file: path, issues: issues.map(formatConfigIssue) },
      keeping
        ? "query file is invalid after an edit; its last good version keeps running"
        : "query file is invalid; it is not scheduled",
    );
  }
}
