import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertAnalysis } from "../../src/storage/answers-repo.ts";
import { locateDatabase, type OpenDatabase, openDatabase } from "../../src/storage/db.ts";
import { loadExcerpts } from "../../src/storage/excerpt-repo.ts";
import { loadFacts } from "../../src/storage/report-repo.ts";
import { analysisOf, item, type SeedAnswer, seedAnswer, seedFailure, seedRun } from "./seed.ts";

const W47 = { startMs: Date.parse("2026-11-16T00:00:00Z"), endMs: Date.parse("2026-11-23T00:00:00Z") };
const FIKEN = {
  url: "https://fiken.no/priser",
  domain: "fiken.no",
  owner: "Fiken",
  category: "owned" as const,
};
const G2 = { url: "https://g2.com/fiken", domain: "g2.com", owner: null, category: "review" as const };

const answers: SeedAnswer[] = [
  {
    run: "r1",
    question: "q1",
    stage: "awareness",
    engine: "openai:x",
    sample: 1,
    at: "2026-11-16T06:00:00.000Z",
    text: "Try Fiken first. Tripletex is bigger.",
    mentions: [
      ["Fiken", 1, 0.7],
      ["Tripletex", 2, 0.3],
    ],
    citations: [FIKEN, G2],
    retrieved: ["https://example.com/only-retrieved"],
  },
  {
    run: "r1",
    question: "q1",
    stage: "awareness",
    engine: "openai:x",
    sample: 2,
    at: "2026-11-16T06:01:00.000Z",
    text: "Nothing tracked.",
  },
  {
    run: "r1",
    question: "q1",
    stage: "awareness",
    engine: "openai:x",
    sample: 3,
    at: "2026-11-16T06:02:00.000Z",
    text: "Lost analysis.",
    noAnalysis: true,
  },
  // Outside the window (the week before) and of another query file.
  {
    run: "r0",
    question: "q1",
    stage: "awareness",
    engine: "openai:x",
    sample: 1,
    at: "2026-11-09T06:00:00.000Z",
    text: "Fiken.",
    mentions: [["Fiken", 1, 1]],
  },
  {
    run: "rX",
    question: "q1",
    stage: "awareness",
    engine: "openai:x",
    sample: 1,
    at: "2026-11-16T07:00:00.000Z",
    text: "Other file: Fiken.",
    mentions: [["Fiken", 1, 1]],
  },
];

const dir = mkdtempSync(join(tmpdir(), "sightline-report-"));
let open: OpenDatabase;
const ids: number[] = [];

beforeAll(async () => {
  open = await openDatabase(locateDatabase({ dbPath: join(dir, "s.db") }));
  const { db } = open;
  await seedRun(db, "r0", "/q.yaml", "2026-11-09T06:00:00.000Z", [item(answers[3]!)]);
  await seedRun(db, "r1", "/q.yaml", "2026-11-16T06:00:00.000Z", [
    ...answers.slice(0, 3).map(item),
    item({
      run: "r1",
      question: "q2",
      stage: "consideration",
      engine: "openai:x",
      sample: 1,
      at: "2026-11-16T06:00:00.000Z",
    }),
  ]);
  await seedRun(db, "rX", "/other.yaml", "2026-11-16T07:00:00.000Z", [item(answers[4]!)]);
  for (const a of answers) ids.push(await seedAnswer(db, a));
  await seedFailure(db, {
    run: "r1",
    question: "q2",
    engine: "openai:x",
    sample: 1,
    at: "2026-11-16T06:05:00.000Z",
  });
  // Re-analysis of the second answer finds Conta: the latest analysis wins.
  const second = answers[1]!;
  await insertAnalysis(
    db,
    ids[1]!,
    {
      version: 2,
      brandsHash: "b",
      result: analysisOf({ ...second, text: "Nothing tracked.", mentions: [] }),
      wordShares: {},
    },
    "2026-11-20T00:00:00.000Z",
  );
});

afterAll(async () => {
  await open.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("report facts from a real SQLite file", () => {
  it("loads the window's answers with their latest analysis, cited sources only, and the failed items", async () => {
    const facts = await loadFacts(open.db, { ...W47, queryFile: "/q.yaml" });
    expect(facts.unanalysed).toBe(1);
    expect(facts.answers.map((a) => a.answerId).sort()).toEqual([ids[0], ids[1]].sort());
    const first = facts.answers.find((a) => a.answerId === ids[0])!;
    expect(first).toMatchObject({
      runId: "r1",
      askedAt: Date.parse("2026-11-16T06:00:00.000Z"),
      engineId: "openai:x",
      servedModel: "model-1",
      surface: "api+web-search",
      questionId: "q1",
      questionVersion: "q1-v1",
      questionText: "What about q1?",
      stage: "awareness",
      costUsd: 0.01,
    });
    expect(first.mentions.sort((a, b) => a.rank - b.rank)).toEqual([
      { brand: "Fiken", rank: 1, positionWeight: 1, listPosition: null, count: 1, wordShare: 0.7 },
      { brand: "Tripletex", rank: 2, positionWeight: 0.9, listPosition: null, count: 1, wordShare: 0.3 },
    ]);
    expect(first.citations).toEqual([FIKEN, G2]);
    expect(facts.answers.find((a) => a.answerId === ids[1])!.mentions).toEqual([]);
    expect(facts.failures).toEqual([
      {
        runId: "r1",
        at: Date.parse("2026-11-16T06:05:00.000Z"),
        engineId: "openai:x",
        questionId: "q2",
        stage: "consideration",
        kind: "timeout",
      },
    ]);
  });

  it("keeps citations in answer order even when rows come back out of order", async () => {
    const { db } = open;
    const a: SeedAnswer = {
      run: "r1",
      question: "q3",
      stage: "purchase",
      engine: "openai:x",
      sample: 1,
      at: "2026-11-17T06:00:00.000Z",
      text: "Sources.",
    };
    await db.insertInto("work_items").values(item(a)).execute();
    const id = await seedAnswer(db, a);
    const analysisId = Number(
      (await db.selectFrom("analyses").select("id").where("answer_id", "=", id).executeTakeFirstOrThrow()).id,
    );
    for (const [position, c] of [
      [1, G2],
      [0, FIKEN],
    ] as const)
      await db
        .insertInto("citations")
        .values({ analysis_id: analysisId, position, ...c, source: "native", title: null, retrieved: 0 })
        .execute();
    const facts = await loadFacts(db, { ...W47, queryFile: "/q.yaml" });
    expect(facts.answers.find((f) => f.answerId === id)?.citations).toEqual([FIKEN, G2]);
    expect(facts.answers.find((f) => f.answerId === ids[0])?.citations).toEqual([FIKEN, G2]);
  });

  it("without a query file it reads every run's answers in the window", async () => {
    const facts = await loadFacts(open.db, W47);
    expect(facts.answers.map((a) => a.runId).sort()).toEqual(["r1", "r1", "r1", "rX"]);
  });

  it("excerpts come from answers.text and the mention's evidence span", async () => {
    const excerptsFor = await loadExcerpts(open.db, [{ answerId: ids[0]!, brand: "Tripletex" }]);
    const [e] = excerptsFor([ids[0]!], "Tripletex");
    expect(e).toMatchObject({
      answerId: ids[0],
      engine: "openai:x",
      questionId: "q1",
      askedAt: "2026-11-16T06:00:00.000Z",
      text: "Try Fiken first. Tripletex is bigger.",
      highlight: { start: 17, length: 9 },
      command: `sightline answers show ${ids[0]}`,
    });
    expect(excerptsFor([ids[0]!], null)[0]?.highlight).toBeNull();
    expect(excerptsFor([999_999], "Fiken")).toEqual([]);
  });
});
