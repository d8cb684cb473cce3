import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Harness, queryYaml, until } from "./harness.ts";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const weekly = { run: "0 6 * * 1", report: "0 8 * * 1", timezone: "Europe/Oslo" };
const active = (harness: Harness) =>
  harness.registrations.filter((r) => !r.stopped).map((r) => `${r.id} ${r.expression} ${r.timezone}`);

describe("query files are re-read while the daemon runs", () => {
  it("an invalid edit keeps the last good version running and logs file:line:col; a fix is picked up", async () => {
    h = new Harness("2026-11-23T04:00:00Z", weekly);
    const d = await h.start({ files: undefined, dir: h.queries, watch: true, watchDebounceMs: 20 });
    await d.settled();
    expect(active(h)).toEqual(["weekly:run 0 6 * * 1 Europe/Oslo", "weekly:report 0 8 * * 1 Europe/Oslo"]);

    h.write(queryYaml({ ...weekly, timezone: "Europe/Osloo" }));
    await until(() => (h as Harness).messages("invalid after an edit").length > 0);
    const logged = h.messages("invalid after an edit")[0];
    expect(logged?.issues).toEqual([
      expect.stringMatching(/weekly\.yaml:10:13 {2}schedule\.timezone: unknown time zone/),
    ]);
    expect(d.invalidFiles()).toEqual([h.file]);
    expect(active(h)).toEqual(["weekly:run 0 6 * * 1 Europe/Oslo", "weekly:report 0 8 * * 1 Europe/Oslo"]);
    // The last good version still runs at its slot.
    await h.at("2026-11-23T05:00:00Z");
    expect(h.engine.calls).toHaveLength(6);

    h.write(queryYaml({ ...weekly, run: "0 7 * * 1" }));
    await until(() => active(h as Harness).includes("weekly:run 0 7 * * 1 Europe/Oslo"));
    expect(active(h)).toEqual(["weekly:report 0 8 * * 1 Europe/Oslo", "weekly:run 0 7 * * 1 Europe/Oslo"]);
    expect(d.invalidFiles()).toEqual([]);
    expect(d.schedules().find((s) => s.id === "weekly:run")?.expression).toBe("0 7 * * 1");

    // A new file in the folder is scheduled; removing it stops its schedules.
    const extra = join(h.queries, "daily.yaml");
    writeFileSync(extra, queryYaml({ run: "0 9 * * *", report: "0 10 * * 1", timezone: "America/New_York" }));
    await until(() => active(h as Harness).includes("daily:run 0 9 * * * America/New_York"));
    rmSync(extra);
    await until(() => !active(h as Harness).some((r) => r.startsWith("daily:")));
  });

  it("without file events, the heartbeat re-reads the files", async () => {
    h = new Harness("2026-11-23T04:00:00Z", weekly);
    const d = await h.start({ heartbeatMs: 60_000 });
    await d.settled();
    h.write(queryYaml({ ...weekly, report: "30 8 * * 1" }));
    await h.at("2026-11-23T04:01:00Z");
    expect(active(h)).toContain("weekly:report 30 8 * * 1 Europe/Oslo");
  });

  it("refuses to start when no file can be scheduled, listing every problem", async () => {
    h = new Harness("2026-11-23T04:00:00Z", { ...weekly, run: "not cron" });
    await expect(h.start()).rejects.toThrow(
      /weekly\.yaml:8:\d+ {2}schedule\.run: not a valid cron expression/,
    );
  });
});
