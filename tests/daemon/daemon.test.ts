import { afterEach, describe, expect, it } from "vitest";
import type { AskRequest } from "../../src/providers/types.ts";
import { Harness, until } from "./harness.ts";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const weekly = { run: "0 6 * * 1", report: "0 8 * * 1", timezone: "Europe/Oslo" };

async function rows(harness: Harness, sql: string): Promise<unknown[]> {
  const { sql: raw } = await import("kysely");
  const db = await harness.sharedDb();
  return (await raw.raw(sql).execute(db)).rows;
}

describe("the daemon fires schedules from an injected clock", () => {
  it("runs at the slot (06:00 Oslo), then reports at 08:00 once the run finished, and nothing twice", async () => {
    h = new Harness("2026-11-23T04:59:00Z", weekly);
    const d = await h.start();
    await d.settled();
    expect(h.registrations.map((r) => [r.id, r.expression, r.timezone])).toEqual([
      ["weekly:run", "0 6 * * 1", "Europe/Oslo"],
      ["weekly:report", "0 8 * * 1", "Europe/Oslo"],
    ]);
    expect(h.engine.calls).toHaveLength(0);
    expect(d.ready()).toBe(true);

    await h.at("2026-11-23T05:00:00Z");
    expect(h.engine.calls).toHaveLength(6);
    expect(await rows(h, "select id, status from runs")).toEqual([
      { id: "weekly:run@2026-11-23T05:00:00.000Z", status: "completed" },
    ]);
    expect(h.reports).toEqual([]);

    await h.at("2026-11-23T07:00:00Z");
    expect(h.reports).toEqual([{ file: h.file, periodEnd: "2026-11-23T07:00:00.000Z" }]);
    await h.at("2026-11-23T09:30:00Z");
    await h.at("2026-11-24T09:30:00Z");
    expect(h.engine.calls).toHaveLength(6);
    expect(h.reports).toHaveLength(1);
    expect(await rows(h, "select id, last_completed_slot from schedules order by id")).toEqual([
      { id: "weekly:report", last_completed_slot: "2026-11-23T07:00:00.000Z" },
      { id: "weekly:run", last_completed_slot: "2026-11-23T05:00:00.000Z" },
    ]);
  });

  it("a node-cron wake-up alone starts the run (the timers had not fired, e.g. after sleep)", async () => {
    h = new Harness("2026-11-23T04:59:00Z", weekly);
    const d = await h.start({ heartbeatMs: 7 * 24 * 3_600_000 });
    await d.settled();
    h.clock.jump("2026-11-23T05:00:01Z");
    h.registrations.find((r) => r.id === "weekly:run")?.fire();
    await d.settled();
    expect(h.engine.calls).toHaveLength(6);
  });

  it("catches up from the database after downtime: one run for several slots in the deadline, older ones missed", async () => {
    h = new Harness("2026-11-23T05:00:30Z", { ...weekly, run: "0 6 * * *", deadlineHours: 72 });
    const first = await h.start();
    await first.settled();
    expect(h.engine.calls).toHaveLength(6);
    await first.stop();

    // Down from Monday to Saturday: the daily slots of Tuesday … Saturday passed.
    h.clock.set("2026-11-28T10:00:00Z");
    const second = await h.start({ owner: "host-b:2:bbb" });
    await second.settled();
    expect(await rows(h, "select id, status from runs order by id")).toEqual([
      { id: "weekly:run@2026-11-23T05:00:00.000Z", status: "completed" },
      { id: "weekly:run@2026-11-28T05:00:00.000Z", status: "completed" },
    ]);
    expect(h.engine.calls).toHaveLength(12);
    expect(await rows(h, "select schedule, slot from missed_slots order by schedule, slot")).toEqual([
      { schedule: "weekly:report", slot: "2026-11-23T07:00:00.000Z" },
      { schedule: "weekly:run", slot: "2026-11-24T05:00:00.000Z" },
      { schedule: "weekly:run", slot: "2026-11-25T05:00:00.000Z" },
    ]);
    const coalesced = h.messages("several slots passed while down")[0];
    expect(coalesced?.coalesced).toEqual(["2026-11-26T05:00:00.000Z", "2026-11-27T05:00:00.000Z"]);
    // A further heartbeat changes nothing.
    await h.at("2026-11-28T10:01:00Z");
    expect(h.engine.calls).toHaveLength(12);
  });

  it("holds the report until the week's run has finished", async () => {
    h = new Harness("2026-11-23T04:59:00Z", weekly);
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => {
      release = r;
    });
    const base = h.provider;
    h.provider = {
      ...base,
      ask: async (request: AskRequest, ctx) => held.then(() => base.ask(request, ctx)),
    };
    const d = await h.start();
    await d.settled();
    h.clock.set("2026-11-23T05:00:00Z");
    await until(() => d.busy().includes("weekly:run"));
    h.clock.set("2026-11-23T07:00:00Z");
    await until(() => h?.messages("report waits for the week's run").length === 1);
    expect(h.reports).toEqual([]);
    release();
    await d.settled();
    expect(h.reports).toEqual([{ file: h.file, periodEnd: "2026-11-23T07:00:00.000Z" }]);
    const order = h.logs.map((l) => l.msg);
    expect(order.indexOf("run finished")).toBeLessThan(order.indexOf("report sent"));
  });
});
