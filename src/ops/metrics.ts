import type { Kysely } from "kysely";
import type { DaemonEvent, ScheduleView } from "../scheduler/daemon-types.ts";
import type { RunEvents } from "../scheduler/runner.ts";
import {
  engineTotals,
  failuresByKind,
  lastSuccessfulRuns,
  latencyHistograms,
  missedBySchedule,
} from "../storage/metrics-repo.ts";
import { listSchedules } from "../storage/schedules-repo.ts";
import type { Database } from "../storage/tables.ts";
import { histogramSamples, type MetricFamily, type MetricSample, renderExposition } from "./exposition.ts";

/** Latency buckets in seconds: assistant answers take seconds, web-search ones tens of seconds. */
export const LATENCY_BUCKETS = [0.5, 1, 2, 5, 10, 20, 30, 60, 120] as const;

/** What the daemon shows of itself to /metrics and /readyz. */
export interface DaemonView {
  ready(): boolean;
  schedules(): ScheduleView[];
  busy(): string[];
  invalidFiles(): string[];
}

const seconds = (iso: string) => Date.parse(iso) / 1000;

/**
 * The daemon's metrics: totals read from the database at scrape time (they survive restarts and
 * include manual runs), plus what only this process sees (retries, rate limits, the daemon's own
 * outcomes), counted from run events since it started.
 */
export class OpsMetrics {
  private readonly counters = new Map<
    string,
    Map<string, { labels: Record<string, string>; value: number }>
  >();

  private add(family: string, labels: Record<string, string>, by = 1): void {
    const key = JSON.stringify(labels);
    const rows = this.counters.get(family) ?? new Map();
    this.counters.set(family, rows);
    const row = rows.get(key) ?? { labels, value: 0 };
    row.value += by;
    rows.set(key, row);
  }

  private samples(family: string): MetricSample[] {
    return [...(this.counters.get(family)?.values() ?? [])].map((r) => ({
      labels: r.labels,
      value: r.value,
    }));
  }

  /** Hooks to pass to every run. */
  readonly runEvents: RunEvents = {
    onItem: (engine, outcome, detail) => {
      this.add("items", { engine, outcome });
      if (outcome === "deferred" && detail.kind === "rate-limit") this.add("rate_limited", { engine });
    },
    onRetry: (engine, kind) => {
      this.add("retries", { engine, kind });
      if (kind === "rate-limit") this.add("rate_limited", { engine });
    },
  };

  readonly onEvent = (event: DaemonEvent): void => {
    if (event.type === "run-finished")
      this.add("daemon_runs", {
        schedule: event.schedule,
        outcome: event.interrupted ? "interrupted" : event.status,
      });
    else if (event.type === "run-refused")
      this.add("daemon_runs", { schedule: event.schedule, outcome: "refused" });
    else if (event.type === "run-error")
      this.add("daemon_runs", { schedule: event.schedule, outcome: "error" });
    else if (event.type === "report-sent")
      this.add("daemon_reports", { schedule: event.schedule, outcome: "sent" });
    else if (event.type === "report-error")
      this.add("daemon_reports", { schedule: event.schedule, outcome: "error" });
  };

  async render(db: Kysely<Database>, daemon: DaemonView): Promise<string> {
    const [engines, failures, latency, missed, successes, schedules] = await Promise.all([
      engineTotals(db),
      failuresByKind(db),
      latencyHistograms(db, LATENCY_BUCKETS),
      missedBySchedule(db),
      lastSuccessfulRuns(db),
      listSchedules(db),
    ]);
    const busy = daemon.busy();
    const families: MetricFamily[] = [
      {
        name: "sightline_up",
        help: "1 while the daemon process runs.",
        type: "gauge",
        samples: [{ value: 1 }],
      },
      {
        name: "sightline_ready",
        help: "1 when the database answers and schedules are loaded.",
        type: "gauge",
        samples: [{ value: daemon.ready() ? 1 : 0 }],
      },
      {
        name: "sightline_answers_total",
        help: "Work items by engine and outcome (answered: stored answers; failed: items that failed for good).",
        type: "counter",
        samples: engines.flatMap((e) => [
          { labels: { engine: e.engine, outcome: "answered" }, value: e.answered },
          { labels: { engine: e.engine, outcome: "failed" }, value: e.failed },
        ]),
      },
      {
        name: "sightline_failures_total",
        help: "Failed attempts recorded, by engine and error kind.",
        type: "counter",
        samples: failures.map((f) => ({ labels: { engine: f.engine, kind: f.kind }, value: f.n })),
      },
      {
        name: "sightline_cost_usd_total",
        help: "Spend on stored answers in USD, by engine.",
        type: "counter",
        samples: engines.map((e) => ({
          labels: { engine: e.engine },
          value: Math.round(e.costUsd * 1e6) / 1e6,
        })),
      },
      {
        name: "sightline_answer_latency_seconds",
        help: "Latency of stored answers (request to response, retries excluded), by engine.",
        type: "histogram",
        samples: latency.flatMap((h) =>
          histogramSamples({ engine: h.engine }, LATENCY_BUCKETS, h.counts, h.sumSeconds, h.count),
        ),
      },
      {
        name: "sightline_rate_limited_total",
        help: "Rate-limited responses (retried or deferred) since the daemon started, by engine.",
        type: "counter",
        samples: this.samples("rate_limited"),
      },
      {
        name: "sightline_retries_total",
        help: "Retried provider calls since the daemon started, by engine and error kind.",
        type: "counter",
        samples: this.samples("retries"),
      },
      {
        name: "sightline_items_total",
        help: "Items processed by this daemon since it started, by engine and outcome.",
        type: "counter",
        samples: this.samples("items"),
      },
      {
        name: "sightline_daemon_runs_total",
        help: "Scheduled runs this daemon ended, by schedule and outcome.",
        type: "counter",
        samples: this.samples("daemon_runs"),
      },
      {
        name: "sightline_daemon_reports_total",
        help: "Scheduled reports this daemon handled, by schedule and outcome.",
        type: "counter",
        samples: this.samples("daemon_reports"),
      },
      {
        name: "sightline_missed_slots_total",
        help: "Slots that passed their deadline without running, by schedule.",
        type: "counter",
        samples: missed.map((m) => ({ labels: { schedule: m.schedule }, value: m.n })),
      },
      {
        name: "sightline_last_successful_run_timestamp_seconds",
        help: "When the schedule's latest completed or partial run finished (Unix time).",
        type: "gauge",
        samples: successes.map((s) => ({ labels: { schedule: s.schedule }, value: seconds(s.finishedAt) })),
      },
      {
        name: "sightline_schedule_last_completed_slot_timestamp_seconds",
        help: "The latest slot the schedule completed (Unix time).",
        type: "gauge",
        samples: schedules.flatMap((s) =>
          s.last_completed_slot
            ? [{ labels: { schedule: s.id }, value: seconds(s.last_completed_slot) }]
            : [],
        ),
      },
      {
        name: "sightline_schedule_next_slot_timestamp_seconds",
        help: "The schedule's next slot (Unix time).",
        type: "gauge",
        samples: daemon
          .schedules()
          .flatMap((v) =>
            v.nextSlot === null ? [] : [{ labels: { schedule: v.id }, value: v.nextSlot / 1000 }],
          ),
      },
      {
        name: "sightline_schedule_busy",
        help: "1 while the schedule's run or report is in flight in this daemon.",
        type: "gauge",
        samples: daemon
          .schedules()
          .map((v) => ({ labels: { schedule: v.id }, value: busy.includes(v.id) ? 1 : 0 })),
      },
      {
        name: "sightline_invalid_query_files",
        help: "Query files whose current bytes are invalid (the last good version keeps running).",
        type: "gauge",
        samples: [{ value: daemon.invalidFiles().length }],
      },
    ];
    return renderExposition(families);
  }
}
