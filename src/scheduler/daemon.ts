import { ConfigError, UsageError } from "../core/errors.ts";
import type { Daemon, DaemonOptions, ScheduleView } from "./daemon-types.ts";
import { QueryFileBook } from "./query-file-book.ts";
import { type PassContext, passReport, passRun, type ScheduledFile } from "./schedule-pass.ts";
import { compileCron, nextSlot } from "./slots.ts";
import { type CronTrigger, nodeCronTrigger, watchQueryFiles } from "./wake-ups.ts";

/**
 * The daemon: every query file's `schedule.run` and `schedule.report`, each slot executed once.
 * Three things wake it: node-cron at a slot, a timer at the next slot or heartbeat (whichever is
 * first), and edits of the files. Every wake-up is the same pass, which decides from the database
 * alone what is due, so a missed or doubled wake-up is harmless and a restart catches up.
 */
export async function startDaemon(options: DaemonOptions): Promise<Daemon> {
  const { clock, logger } = options;
  const heartbeatMs = options.heartbeatMs ?? 60_000;
  const source = options.files ? { files: options.files } : { dir: options.dir ?? "queries" };
  const book = new QueryFileBook(source, options.load, logger);
  const stopper = new AbortController();
  const tasks = new Map<string, Promise<void>>();
  const busy = new Set<string>();
  const triggers = new Map<string, { key: string; stop(): void }>();
  const trigger: CronTrigger | null = options.cron === undefined ? nodeCronTrigger(logger) : options.cron;
  let scheduled: ScheduledFile[] = [];
  let views: ScheduleView[] = [];
  let nextWake: number | null = null;
  let passedOnce = false;
  let stopping = false;
  let passing = 0;
  let current: Promise<void> = Promise.resolve();
  let queued: Promise<void> | null = null;

  const ctx: PassContext = {
    options: {
      ...options,
      retryAfterErrorMs: options.retryAfterErrorMs ?? 5 * 60_000,
      reportClaimMs: options.reportClaimMs ?? 10 * 60_000,
    },
    busy,
    backoff: new Map(),
    logged: new Set(),
    stop: stopper.signal,
    launch: (id, work) => {
      if (stopping) return;
      const done = work().finally(() => {
        tasks.delete(id);
        busy.delete(id);
        if (!stopping) void requestPass();
      });
      tasks.set(id, done);
      busy.add(id);
    },
  };

  const compile = () => {
    scheduled = book.current().flatMap((entry) => {
      const s = entry.good?.schedule;
      if (!entry.good || !s) return [];
      return [
        {
          id: entry.id,
          file: entry.good,
          run: compileCron(s.run, s.timezone),
          report: compileCron(s.report, s.timezone),
          deadlineHours: options.deadlineHours ?? s.deadlineHours,
        },
      ];
    });
    if (!trigger) return;
    const wanted = new Map<string, string>();
    for (const f of scheduled) {
      wanted.set(`${f.id}:run`, `${f.run.expression}|${f.run.timezone}`);
      wanted.set(`${f.id}:report`, `${f.report.expression}|${f.report.timezone}`);
    }
    for (const [id, t] of triggers)
      if (wanted.get(id) !== t.key) {
        t.stop();
        triggers.delete(id);
      }
    for (const [id, key] of wanted) {
      if (triggers.has(id)) continue;
      const [expression = "", timezone = "UTC"] = key.split("|");
      triggers.set(id, { key, ...trigger(expression, timezone, () => void requestPass(), id) });
    }
  };

  const pass = async () => {
    if (stopping) return;
    if ((await book.refresh()) || !passedOnce) compile();
    const now = clock.now();
    for (const [key, until] of ctx.backoff) if (until <= now) ctx.backoff.delete(key);
    for (const f of scheduled) {
      for (const step of [passRun, passReport]) {
        if (stopping) return;
        try {
          await step(ctx, f, now);
        } catch (error) {
          logger.error(
            { file: f.file.path, error: String(error) },
            "schedule pass failed; retrying at the next pass",
          );
        }
      }
    }
    views = scheduled.flatMap((f) =>
      (["run", "report"] as const).map((kind) => {
        const cron = f[kind];
        const view: ScheduleView = {
          id: `${f.id}:${kind}`,
          kind,
          file: f.file.path,
          expression: cron.expression,
          timezone: cron.timezone,
          deadlineHours: f.deadlineHours,
          nextSlot: nextSlot(cron, now),
        };
        return view;
      }),
    );
    const upcoming = views.flatMap((v) => (v.nextSlot === null ? [] : [v.nextSlot]));
    nextWake = upcoming.length > 0 ? Math.min(...upcoming) : null;
    passedOnce = true;
  };

  function requestPass(): Promise<void> {
    if (queued) return queued;
    const next = current.then(async () => {
      queued = null;
      passing++;
      try {
        await pass();
      } catch (error) {
        logger.error({ error: String(error) }, "daemon pass failed; retrying at the next heartbeat");
      } finally {
        passing--;
      }
    });
    queued = next;
    current = next;
    return next;
  }

  await book.refresh();
  compile();
  if (scheduled.length === 0) {
    for (const t of triggers.values()) t.stop();
    if (book.issues().length > 0) throw new ConfigError(book.issues());
    throw new UsageError("daemon: no query file with a `schedule:` section to run");
  }
  const unwatch =
    options.watch === false
      ? () => undefined
      : watchQueryFiles(source, () => void requestPass(), {
          debounceMs: options.watchDebounceMs ?? 300,
          logger,
        });
  logger.info(
    {
      schedules: scheduled.flatMap((f) => [`${f.id}:run`, `${f.id}:report`]),
      heartbeatMs,
      owner: options.owner,
    },
    "daemon started",
  );

  const loop = (async () => {
    while (!stopping) {
      await requestPass();
      if (stopping) break;
      const untilSlot = nextWake === null ? heartbeatMs : nextWake - clock.now();
      await clock.sleep(Math.max(0, Math.min(heartbeatMs, untilSlot)), stopper.signal);
    }
  })();

  return {
    tick: () => requestPass(),
    async settled() {
      for (;;) {
        await new Promise((r) => setImmediate(r));
        if (tasks.size === 0 && passing === 0 && queued === null) return;
        await Promise.allSettled([current, ...tasks.values()]);
      }
    },
    ready: () => passedOnce && !stopping && scheduled.length > 0,
    schedules: () => views,
    busy: () => [...tasks.keys()],
    invalidFiles: () => [...new Set(book.issues().map((i) => i.file))],
    async stop(graceMs = 30_000) {
      stopping = true;
      stopper.abort(new Error("daemon stopping"));
      for (const t of triggers.values()) t.stop();
      triggers.clear();
      unwatch();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<"timeout">((r) => {
        timer = setTimeout(() => r("timeout"), graceMs);
      });
      const drained = Promise.allSettled([loop, current, ...tasks.values()]).then(() => "drained" as const);
      const outcome = await Promise.race([drained, timeout]);
      clearTimeout(timer);
      logger.info({ outcome, inFlight: [...tasks.keys()] }, "daemon stopped");
      return { drained: outcome === "drained", inFlight: [...tasks.keys()] };
    },
  };
}
