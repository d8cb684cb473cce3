import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadQueryFile, parseQueryFile } from "../../src/config/load.ts";
import { ConfigError, formatConfigIssue } from "../../src/core/errors.ts";
import { fakeLoadOptions } from "../helpers/fake-providers.ts";

const parse = (yaml: string) => parseQueryFile("q.yaml", new TextEncoder().encode(yaml), fakeLoadOptions);
const lines = (yaml: string) => parse(yaml).issues.map(formatConfigIssue);

const minimal = `brand: { name: Fiken, domains: [fiken.no] }
competitors:
  - { name: Tripletex, domains: [https://www.tripletex.no/] }
  - { name: Make, aliases: [{ text: Make, caseSensitive: true }, Make.com], domains: [make.com] }
engines: [openai, { id: anthropic, model: claude-x }, { id: openai, webSearch: false }, google-ai-overview]
questions:
  - id: best-accounting-smb
    text: Hva er det beste regnskapsprogrammet for små bedrifter i Norge?
    stage: awareness
    tags: [regnskap, smb]
  - text: Fiken vs Tripletex?
    stage: consideration
`;

describe("query file loading", () => {
  it("resolves brands, engines, questions and defaults", () => {
    const { file, issues } = parse(minimal);
    expect(issues).toEqual([]);
    expect(file?.brands.map((b) => [b.name, b.role, b.domains])).toEqual([
      ["Fiken", "own", ["fiken.no"]],
      ["Tripletex", "competitor", ["tripletex.no"]],
      ["Make", "competitor", ["make.com"]],
    ]);
    // The name counts as an alias; an alias entry with the same text overrides its options (spec §2.2).
    expect(file?.brands[2]?.aliases).toEqual([
      { text: "Make", caseSensitive: true },
      { text: "Make.com", caseSensitive: false },
    ]);
    expect(file?.engines.map((e) => e.id)).toEqual([
      "openai:openai-default+web",
      "anthropic:claude-x+web",
      "openai:openai-default",
      "google-ai-overview",
    ]);
    expect(file?.samples).toBe(3);
    expect(file?.locale).toBe("en-US");
    const [q1, q2] = file?.questions ?? [];
    expect(q1).toMatchObject({
      id: "best-accounting-smb",
      derivedId: false,
      stage: "awareness",
      tags: ["regnskap", "smb"],
    });
    expect(q2).toMatchObject({ id: "fiken-vs-tripletex", derivedId: true });
    expect(q1?.version).toMatch(/^[0-9a-f]{12}$/);
  });

  it("derives the same id from the same text every time", () => {
    const a = parse(minimal).file?.questions[1]?.id;
    const b = parse(minimal).file?.questions[1]?.id;
    expect(a).toBe(b);
  });

  it("reports every problem with file:line:col and the dotted path, in file order", () => {
    const yaml = `brand: { name: Fiken }
competitors:
  - { name: FIKEN }
engines: [openai, chatgpt]
samples: 0
schedule: { run: "61 * * * *", report: "0 8 * * 1", timezone: Europe/Olso }
report: { to: [marketing] }
questions:
  - { id: a, text: Hva er best?, stage: awareness, colour: blue }
  - { id: a, text: Hva koster det?, stage: buying }
`;
    expect(lines(yaml)).toEqual([
      "q.yaml:3:13  competitors.0.name: brand 'FIKEN' is listed twice (also brand)",
      "q.yaml:4:19  engines.1: unknown engine 'chatgpt' (known: openai, anthropic, perplexity, gemini, google-ai-overview, replay)",
      "q.yaml:5:10  samples: Too small: expected number to be >=1",
      "q.yaml:6:18  schedule.run: not a valid cron expression (61 is a invalid expression for minute)",
      "q.yaml:6:63  schedule.timezone: unknown time zone (use an IANA name such as Europe/Oslo)",
      "q.yaml:7:16  report.to.0: not a valid e-mail address",
      "q.yaml:9:52  questions.0.colour: unknown key",
      "q.yaml:10:11  questions.1.id: duplicate question id 'a' (also questions.0)",
      'q.yaml:10:44  questions.1.stage: Invalid option: expected one of "awareness"|"consideration"|"purchase"|"loyalty"|"advocacy"',
    ]);
  });

  it("rejects duplicate keys and tab indentation", () => {
    expect(
      lines("brand: { name: A }\nbrand: { name: B }\nquestions: [{ text: abc, stage: awareness }]\n"),
    ).toContain("q.yaml:2:1  duplicate key 'brand' (each key may appear once per mapping)");
    const tab = lines("brand: { name: A }\nquestions:\n\t- { text: abc, stage: awareness }\n");
    expect(tab[0]).toMatch(/^q\.yaml:3:1 {2}tabs are not allowed/);
  });

  it("refuses API keys pasted into the file, once per mistake", () => {
    const out = lines(`brand: { name: A, aliases: [sk-ant-api03-abcdefghijklmnopqrstuvwxyz] }
apiKey: sk-proj-abcdefghijklmnopqrstuvwxyz0123
questions: [{ text: abc, stage: awareness }]
`);
    expect(out).toEqual([
      "q.yaml:1:29  looks like an Anthropic API key: secrets come from the environment (e.g. OPENAI_API_KEY), never from a query file",
      "q.yaml:2:1  apiKey: looks like an OpenAI API key: secrets come from the environment (e.g. OPENAI_API_KEY), never from a query file",
    ]);
  });

  it("validates provider options strictly, pointing at the key", () => {
    const out = lines(`brand: { name: A }
engines:
  - { id: openai, reasoningEffort: extreme }
  - { id: openai, model: m2, temprature: 0.2 }
questions: [{ text: abc, stage: awareness }]
`);
    expect(out).toHaveLength(2);
    expect(out[0]).toMatch(/^q\.yaml:3:36 {2}engines\.0\.reasoningEffort: /);
    expect(out[1]).toBe("q.yaml:4:30  engines.1.temprature: unknown option 'temprature' for engine openai");
  });

  it("rejects an engine listed twice with the same settings", () => {
    expect(
      lines(
        `brand: { name: A }\nengines: [openai, { id: openai }]\nquestions: [{ text: abc, stage: awareness }]\n`,
      ),
    ).toEqual([
      "q.yaml:2:25  engines.1.id: engine openai:openai-default+web is listed twice (also engines.0)",
    ]);
  });

  it("rejects non-UTF-8 with the position of the first bad byte, and files over 1 MB", () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode("brand: { name: Fik"),
      0xe6,
      ...new TextEncoder().encode("n }\n"),
    ]);
    expect(parseQueryFile("q.yaml", bytes, fakeLoadOptions).issues.map(formatConfigIssue)).toEqual([
      "q.yaml:1:19  file is not valid UTF-8 (save it as UTF-8)",
    ]);
    const big = new Uint8Array(1024 * 1024 + 1).fill(0x20);
    expect(parseQueryFile("q.yaml", big, fakeLoadOptions).issues[0]?.message).toMatch(/at most 1 MB/);
  });

  it("loadQueryFile throws ConfigError with the issues, and reads real files", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sightline-config-"));
    const good = join(dir, "good.yaml");
    writeFileSync(good, minimal);
    await expect(loadQueryFile(good, fakeLoadOptions)).resolves.toMatchObject({ path: good });
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, "brand: {}\n");
    const error = await loadQueryFile(bad, fakeLoadOptions).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((i) => i.path).sort()).toEqual(["brand.name", "questions"]);
    const missing = await loadQueryFile(join(dir, "nope.yaml"), fakeLoadOptions).catch((e: unknown) => e);
    expect((missing as ConfigError).issues[0]?.message).toBe("cannot read: no such file");
  });

  it("the bundled example is valid against the fake registry", () => {
    const text = readFileSync(new URL("../../queries/example.yaml", import.meta.url));
    expect(parseQueryFile("example.yaml", text, fakeLoadOptions).issues).toEqual([]);
  });
});
