import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.ts";

const repo = new URL("../../", import.meta.url).pathname;
const tmp = () => mkdtempSync(join(tmpdir(), "sightline-cli-"));

describe("sightline validate / init / --help / --version", () => {
  it("prints one file:line:col line per mistake and exits 1 (five mistakes)", async () => {
    const dir = tmp();
    const file = join(dir, "five.yaml");
    writeFileSync(
      file,
      `brand: { name: Fiken, domains: [fiken.no] }
competitors:
  - { name: Tripletex, domain: [tripletex.no] }
engines: [replay, chatgpt]
samples: -1
schedule: { run: "0 6 * * 1", report: "0 8 * * 1", timezone: Mars/Olympus }
questions:
  - { text: Hva er det beste regnskapsprogrammet?, stage: awarenes }
`,
    );
    const r = await cli(["validate", file]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split("\n");
    expect(lines.slice(0, -1)).toEqual([
      `${file}:3:24  competitors.0.domain: unknown key`,
      `${file}:4:19  engines.1: unknown engine 'chatgpt' (known: ${(await import("../../src/providers/registry.ts")).providerIds.join(", ")})`,
      `${file}:5:10  samples: Too small: expected number to be >=1`,
      `${file}:6:62  schedule.timezone: unknown time zone (use an IANA name such as Europe/Oslo)`,
      `${file}:8:59  questions.0.stage: Invalid option: expected one of "awareness"|"consideration"|"purchase"|"loyalty"|"advocacy"`,
    ]);
    expect(lines.at(-1)).toBe("5 problems in 1 file");
  });

  it("accepts the bundled example and describes it; --json gives data", async () => {
    const r = await cli(["validate", join(repo, "queries/example.yaml")]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ok {2}.*example\.yaml: 6 questions × 4 engines × 3 samples, 6 brands\n$/);
    const j = await cli(["validate", "--json", join(repo, "queries/example.yaml")]);
    expect(JSON.parse(j.stdout)).toMatchObject({
      valid: true,
      files: [{ valid: true, issues: [], summary: { questions: 6 } }],
    });
  });

  it("validates queries/*.yaml by default and fails clearly when there are none", async () => {
    const empty = await cli(["validate"], { cwd: tmp() });
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/no query files given and none in queries\//);
  });

  it("init writes a valid example once and refuses to overwrite without --force", async () => {
    const dir = tmp();
    const first = await cli(["init"], { cwd: dir });
    expect(first.code).toBe(0);
    const written = readFileSync(join(dir, "queries/sightline.yaml"), "utf8");
    expect(written).toContain("brand:");
    expect(written).toMatch(/\$schema=.*queries\/schema\.json/);
    expect((await cli(["validate"], { cwd: dir })).code).toBe(0);
    const second = await cli(["init"], { cwd: dir });
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/exists; pass --force/);
    expect((await cli(["init", "--force"], { cwd: dir })).code).toBe(0);
  });

  it("--help and --version exit 0; an unknown command or flag exits 1", async () => {
    const help = await cli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: sightline/);
    expect(help.stdout).toMatch(/validate/);
    const version = await cli(["--version"]);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect((await cli(["frobnicate"])).code).toBe(1);
    expect((await cli(["validate", "--nope"])).code).toBe(1);
  });

  it("the installed bin runs under this Node and sets the exit code", async () => {
    const run = promisify(execFile);
    const { stdout } = await run(process.execPath, [join(repo, "bin/sightline.js"), "--version"]);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const failed = await run(process.execPath, [
      join(repo, "bin/sightline.js"),
      "validate",
      "/nonexistent.yaml",
    ]).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toContain(
      "/nonexistent.yaml:0:0  cannot read: no such file",
    );
  });
});
