import { type FSWatcher, watch } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { type Logger as CronLogger, createTask } from "node-cron";
import type { Logger } from "pino";
import type { BookSource } from "./query-file-book.ts";

/**
 * What wakes the daemon at a schedule's slots. A trigger only says "look now": which slot is due,
 * and whether it already ran, comes from the database, so a trigger firing twice, late or not at
 * all (a machine asleep) changes nothing but promptness.
 */
export type CronTrigger = (
  expression: string,
  timezone: string,
  fire: () => void,
  name: string,
) => { stop(): void };

/** node-cron in the schedule's time zone. Its own missed-run handling is off: catch-up is ours. */
export function nodeCronTrigger(logger: Logger): CronTrigger {
  const quiet: CronLogger = {
    info: (message) => logger.debug({ source: "node-cron" }, message),
    warn: (message) => logger.debug({ source: "node-cron" }, message),
    error: (message) => logger.warn({ source: "node-cron" }, String(message)),
    debug: (message) => logger.debug({ source: "node-cron" }, String(message)),
  };
  return (expression, timezone, fire, name) => {
    const task = createTask(expression, () => fire(), {
      timezone,
      name,
      suppressMissedWarning: true,
      logger: quiet,
    });
    void task.start();
    return {
      stop: () => {
        void task.destroy();
      },
    };
  };
}

/**
 * Calls `onChange` (debounced) when a scheduled query file may have changed. Folders are watched
 * rather than files because editors save by writing a new file and renaming it over the old one,
 * which ends a watch on the old file. fs.watch can miss events (network file systems, some
 * containers); the daemon's heartbeat re-reads the files anyway, so this only makes edits prompt.
 */
export function watchQueryFiles(
  source: BookSource,
  onChange: () => void,
  options: { debounceMs: number; logger: Logger },
): () => void {
  const names = source.files ? new Set(source.files.map((f) => basename(f))) : null;
  const dirs = source.dir ? [source.dir] : [...new Set((source.files ?? []).map((f) => dirname(resolve(f))))];
  let timer: NodeJS.Timeout | undefined;
  const poke = (filename: string | null) => {
    if (filename && names && !names.has(basename(filename))) return;
    if (filename && !names && !/\.ya?ml$/i.test(filename)) return;
    clearTimeout(timer);
    timer = setTimeout(onChange, options.debounceMs);
  };
  const watchers: FSWatcher[] = [];
  for (const dir of dirs) {
    try {
      const watcher = watch(dir, { persistent: false }, (_event, filename) => poke(filename));
      watcher.on("error", (error) =>
        options.logger.warn(
          { dir, error: String(error) },
          "watching query files failed; the heartbeat still re-reads them",
        ),
      );
      watchers.push(watcher);
    } catch (error) {
      options.logger.warn(
        { dir, error: String(error) },
        "cannot watch query files; the heartbeat still re-reads them",
      );
    }
  }
  return () => {
    clearTimeout(timer);
    for (const w of watchers) w.close();
  };
}
