import { afterEach, describe, expect, it } from "vitest";
import { ProviderError } from "../../src/core/errors.ts";
import { histogramSamples, renderExposition } from "../../src/ops/exposition.ts";
import { OpsMetrics } from "../../src/ops/metrics.ts";
import { type OpsServer, parseListen, startOpsServer } from "../../src/ops/server.ts";
import { databaseReachable } from "../../src/storage/metrics-repo.ts";
import { Harness } from "./harness.ts";

let h: Harness | undefined;
let ops: OpsServer | undefined;
afterEach(async () => {
  await ops?.close();
  await h?.close();
  ops = undefined;
  h = undefined;
});

const weekly = { run: "0 6 * * 1", report: "0 8 * * 1", timezone: "Europe/Oslo" };
/** Every line of the text format: a comment, or `name{labels} value`. */
const SAMPLE =
  /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\[\\"n])*",?)*\})? (NaN|[+-]Inf|-?[0-9.e+-]+)$/;

describe("ops endpoints over real HTTP on 127.0.0.1", () => {
  it("serve /healthz, /readyz and Prometheus /metrics gathered from the database and run events", async () => {
    // The first call is rate-limited for an hour: deferred past the run, counted as rate-limited.
    h = new Harness("2026-11-23T04:00:00Z", weekly, (_r, n) =>
      n === 1
        ? new ProviderError("a", "rate-limit", "HTTP 429", { status: 429, retryAfterMs: 3_600_000 })
        : "Fiken",
    );
    const metrics = new OpsMetrics();
    const d = await h.start({ runEvents: metrics.runEvents, onEvent: metrics.onEvent });
    const db = await h.sharedDb();
    ops = await startOpsServer(
      parseListen("127.0.0.1:0"),
      {
        ready: async () => {
          const database = await databaseReachable(db);
          return { ok: database && d.ready(), checks: { database, schedules: d.ready() } };
        },
        metrics: () => metrics.render(db, d),
      },
      h.logger,
    );
    expect(ops.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await d.settled();
    await h.at("2026-11-23T05:00:00Z");

    const health = await fetch(`${ops.url}/healthz`);
    expect([health.status, await health.text()]).toEqual([200, "ok\n"]);
    const ready = await fetch(`${ops.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, checks: { database: true, schedules: true } });

    const res = await fetch(`${ops.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    const text = await res.text();
    for (const line of text.trimEnd().split("\n")) if (!line.startsWith("#")) expect(line).toMatch(SAMPLE);
    const lines = new Set(text.split("\n"));
    for (const expected of [
      'sightline_answers_total{engine="a:m1",outcome="answered"} 5',
      'sightline_cost_usd_total{engine="a:m1"} 0.05',
      'sightline_answer_latency_seconds_bucket{engine="a:m1",le="+Inf"} 5',
      'sightline_answer_latency_seconds_bucket{engine="a:m1",le="0.5"} 5',
      'sightline_answer_latency_seconds_count{engine="a:m1"} 5',
      'sightline_rate_limited_total{engine="a:m1"} 1',
      'sightline_items_total{engine="a:m1",outcome="answered"} 5',
      'sightline_items_total{engine="a:m1",outcome="deferred"} 1',
      'sightline_daemon_runs_total{schedule="weekly:run",outcome="partial"} 1',
      'sightline_schedule_last_completed_slot_timestamp_seconds{schedule="weekly:run"} 1795410000',
      'sightline_schedule_next_slot_timestamp_seconds{schedule="weekly:run"} 1796014800',
      'sightline_schedule_busy{schedule="weekly:run"} 0',
      "sightline_ready 1",
      "sightline_invalid_query_files 0",
      "# TYPE sightline_answer_latency_seconds histogram",
      "# TYPE sightline_missed_slots_total counter",
    ])
      expect(lines).toContain(expected);
    expect(text).toMatch(
      /^sightline_last_successful_run_timestamp_seconds\{schedule="weekly:run"\} \d+(\.\d+)?$/m,
    );

    // Slots missed while the daemon was not looking show up per schedule.
    await d.stop();
    h.clock.set("2026-12-09T12:00:00Z");
    const later = await h.start({ owner: "host-b:2:bbb" });
    await later.settled();
    const after = await (await fetch(`${ops.url}/metrics`)).text();
    expect(after).toContain('sightline_missed_slots_total{schedule="weekly:run"} 2');

    expect((await fetch(`${ops.url}/nope`)).status).toBe(404);
    const post = await fetch(`${ops.url}/metrics`, { method: "POST" });
    expect([post.status, post.headers.get("allow")]).toEqual([405, "GET, HEAD"]);
  });

  it("/readyz is 503 until schedules are loaded", async () => {
    h = new Harness("2026-11-23T04:00:00Z", weekly);
    ops = await startOpsServer(
      { host: "127.0.0.1", port: 0 },
      {
        ready: async () => ({ ok: false, checks: { database: true, schedules: false } }),
        metrics: async () => "",
      },
      h.logger,
    );
    const res = await fetch(`${ops.url}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ready: false, checks: { database: true, schedules: false } });
  });
});

describe("exposition format and --listen", () => {
  it("escapes label values and help text, and writes histogram buckets cumulatively", () => {
    const text = renderExposition([
      {
        name: "x_total",
        help: 'a "help"\\ line\nsecond',
        type: "counter",
        samples: [{ labels: { q: 'a"b\\c\nd' }, value: 3 }],
      },
      {
        name: "lat_seconds",
        help: "h",
        type: "histogram",
        samples: histogramSamples({ e: "x" }, [1, 5], [2, 3], 7.5, 4),
      },
      {
        name: "g",
        help: "g",
        type: "gauge",
        samples: [{ value: Number.NaN }, { labels: { k: "v" }, value: Number.POSITIVE_INFINITY }],
      },
    ]);
    expect(text).toBe(
      [
        '# HELP x_total a "help"\\\\ line\\nsecond',
        "# TYPE x_total counter",
        'x_total{q="a\\"b\\\\c\\nd"} 3',
        "# HELP lat_seconds h",
        "# TYPE lat_seconds histogram",
        'lat_seconds_bucket{e="x",le="1"} 2',
        'lat_seconds_bucket{e="x",le="5"} 3',
        'lat_seconds_bucket{e="x",le="+Inf"} 4',
        'lat_seconds_sum{e="x"} 7.5',
        'lat_seconds_count{e="x"} 4',
        "# HELP g g",
        "# TYPE g gauge",
        "g NaN",
        'g{k="v"} +Inf',
        "",
      ].join("\n"),
    );
    expect(() => renderExposition([{ name: "bad-name", help: "", type: "gauge", samples: [] }])).toThrow(
      /bad metric name/,
    );
  });

  it("parses HOST:PORT, IPv6 in brackets, and rejects the rest", () => {
    expect(parseListen("127.0.0.1:9464")).toEqual({ host: "127.0.0.1", port: 9464 });
    expect(parseListen("[::1]:0")).toEqual({ host: "::1", port: 0 });
    expect(() => parseListen("9464")).toThrow(/HOST:PORT/);
    expect(() => parseListen("localhost:99999")).toThrow(/HOST:PORT/);
  });
});
