import type { Logger } from "pino";
import type { EngineTally } from "../scheduler/run-summary.ts";
import type { RunEvents } from "../scheduler/runner.ts";

/**
 * Progress of a run. On a terminal: one live line per engine on stderr (done/total, failures,
 * spend, ETA), redrawn at most every 200 ms. Otherwise (cron, --json): structured log lines.
 */
export function progressEvents(options: {
  interactive: boolean;
  logger: Logger;
  write: (text: string) => void;
  now: () => number;
}): RunEvents {
  const rows = new Map<string, EngineTally & { startedAt: number }>();
  let drawn = 0;
  let lastDraw = 0;
  const draw = (force = false) => {
    const now = options.now();
    if (!force && now - lastDraw < 200) return;
    lastDraw = now;
    const lines = [...rows.values()].map((r) => {
      const done = r.answered + r.failed;
      const rate = done / Math.max(1, (now - r.startedAt) / 1000);
      const left = r.total - done;
      const eta = left > 0 && rate > 0 ? `ETA ${Math.ceil(left / rate)}s` : left === 0 ? "done" : "";
      const fail = r.failed > 0 ? `, ${r.failed} failed` : "";
      return `${r.engine.padEnd(36)} ${String(done).padStart(5)}/${r.total}${fail}  $${r.spentUsd.toFixed(4)}  ${eta}`;
    });
    const up = drawn > 0 ? `\x1b[${drawn}F` : "";
    options.write(`${up}${lines.map((l) => `\x1b[2K${l}`).join("\n")}\n`);
    drawn = lines.length;
  };
  return {
    onPlanned: (tallies) => {
      const now = options.now();
      for (const t of tallies) rows.set(t.engine, { ...t, startedAt: now });
      if (options.interactive) draw(true);
      else
        options.logger.info(
          { engines: tallies.map((t) => ({ engine: t.engine, total: t.total, pending: t.pending })) },
          "run planned",
        );
    },
    onItem: (engine, outcome, detail) => {
      const row = rows.get(engine);
      if (row) {
        if (outcome === "answered") row.answered++;
        if (outcome === "failed") row.failed++;
        row.spentUsd += detail.costUsd;
      }
      if (options.interactive) draw(outcome !== "answered");
      else if (outcome !== "answered")
        options.logger.warn({ engine, outcome, kind: detail.kind }, `item ${outcome}`);
      else options.logger.debug({ engine, costUsd: detail.costUsd }, "item answered");
    },
    onRetry: (engine, kind, waitMs) => {
      if (!options.interactive) options.logger.info({ engine, kind, waitMs }, "retrying");
    },
    onLog: (level, message, data) => {
      if (options.interactive) {
        draw(true);
        options.write(`${message}\n`);
        drawn = 0;
      } else options.logger[level](data ?? {}, message);
    },
  };
}
