import { afterEach, describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.ts";
import { FakeClock } from "./fake-clock.ts";
import { Harness } from "./harness.ts";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

interface StatusJson {
  overdue: boolean;
  schedules: {
    schedule: string;
    health: string;
    overdue: boolean;
    lastCompletedSlot: string | null;
    nextSlot: string | null;
  }[];
}

describe("sightline status", () => {
  it("shows each schedule's last and next slot, and exits 2 when one is overdue", async () => {
    h = new Harness("2026-11-23T04:59:00Z", {
      run: "0 6 * * 1",
      report: "0 8 * * 1",
      timezone: "Europe/Oslo",
    });
    const d = await h.start();
    await h.at("2026-11-23T05:00:00Z");
    await d.stop();
    const status = (at: string, ...flags: string[]) =>
      cli(["status", "--config", h?.file ?? "", "--db", h?.dbPath ?? "", ...flags], {
        clock: new FakeClock(at),
      });

    const fine = await status("2026-11-23T05:30:00Z", "--json");
    expect(fine.code).toBe(0);
    const body = JSON.parse(fine.stdout) as StatusJson;
    expect(body.overdue).toBe(false);
    expect(body.schedules.map((s) => [s.schedule, s.health, s.lastCompletedSlot, s.nextSlot])).toEqual([
      ["weekly:run", "ok", "2026-11-23T05:00:00.000Z", "2026-11-30T05:00:00.000Z"],
      ["weekly:report", "ok", null, "2026-11-23T07:00:00.000Z"],
    ]);

    // The daemon is gone: the 08:00 report did not go out.
    const late = await status("2026-11-23T07:20:00Z");
    expect(late.code).toBe(2);
    expect(late.stdout).toContain("weekly:report                    OVERDUE");
    expect(late.stdout).toContain("last completed 2026-11-23 06:00, next 2026-11-30 06:00");
    expect(late.stdout).toContain("1 schedule(s) overdue");
  });

  it("is a usage error without a scheduled query file", async () => {
    h = new Harness("2026-11-23T04:59:00Z", { run: "0 6 * * 1", report: "0 8 * * 1" });
    h.write(
      "brand: { name: Fiken }\nengines: [openai]\nquestions:\n  - { text: Hva koster Fiken?, stage: awareness }\n",
    );
    const out = await cli(["status", "--config", h.file, "--db", h.dbPath]);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain("no query file has a `schedule:` section");
  });
});
