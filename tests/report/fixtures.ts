import type { AnswerFact, CitationFact, FailureFact, MentionFact } from "../../src/report/facts.ts";

/** Small hand-built facts for the report tests. */

export const BRANDS = [
  { name: "Fiken", role: "own" as const },
  { name: "Tripletex", role: "competitor" as const },
  { name: "Conta", role: "competitor" as const },
];

const OWNERS: Record<string, { owner: string | null; category: CitationFact["category"] }> = {
  "fiken.no": { owner: "Fiken", category: "owned" },
  "tripletex.no": { owner: "Tripletex", category: "competitor" },
  "conta.no": { owner: "Conta", category: "competitor" },
  "g2.com": { owner: null, category: "review" },
  "reddit.com": { owner: null, category: "ugc" },
};

export interface FactSpec {
  id: number;
  engine: string;
  question: string;
  stage?: string;
  at?: string;
  /** [brand, rank, wordShare] */
  mentions?: [string, number, number][];
  /** `domain/path` without scheme */
  citations?: string[];
  servedModel?: string;
  version?: string;
  surface?: string;
  costUsd?: number;
}

export function fact(spec: FactSpec): AnswerFact {
  const mentions: MentionFact[] = (spec.mentions ?? []).map(([brand, rank, wordShare]) => ({
    brand,
    rank,
    positionWeight: 0.9 ** (rank - 1),
    listPosition: null,
    count: 1,
    wordShare,
  }));
  const citations: CitationFact[] = (spec.citations ?? []).map((path) => {
    const domain = path.split("/")[0] ?? path;
    const o = OWNERS[domain] ?? { owner: null, category: "other" as const };
    return { url: `https://${path}`, domain, owner: o.owner, category: o.category };
  });
  return {
    answerId: spec.id,
    runId: "r1",
    askedAt: Date.parse(spec.at ?? "2026-11-16T06:00:00Z"),
    engineId: spec.engine,
    servedModel: spec.servedModel ?? `${spec.engine}-model`,
    surface: spec.surface ?? "api+web-search",
    questionId: spec.question,
    questionVersion: spec.version ?? `${spec.question}-v1`,
    questionText: `Text of ${spec.question}?`,
    stage: spec.stage ?? (spec.question === "q1" ? "awareness" : "consideration"),
    mentions,
    citations,
    ...(spec.costUsd === undefined ? {} : { costUsd: spec.costUsd }),
  };
}

export function failure(
  engine: string,
  question: string,
  stage: string,
  at = "2026-11-16T06:00:00Z",
): FailureFact {
  return { runId: "r1", at: Date.parse(at), engineId: engine, questionId: question, stage, kind: "timeout" };
}

/**
 * The hand-computed table of tests/report/metrics.test.ts: 2 engines × 2 questions × 3 samples,
 * where engine B failed every attempt at q2 (a gap) and engine A failed one extra attempt at q1.
 */
export const TABLE: AnswerFact[] = [
  fact({
    id: 1,
    engine: "A",
    question: "q1",
    mentions: [
      ["Fiken", 1, 0.6],
      ["Tripletex", 2, 0.4],
    ],
    citations: ["fiken.no/a", "g2.com/x"],
  }),
  fact({
    id: 2,
    engine: "A",
    question: "q1",
    mentions: [
      ["Tripletex", 1, 0.5],
      ["Fiken", 2, 0.3],
      ["Conta", 3, 0.2],
    ],
    citations: ["tripletex.no/p"],
  }),
  fact({ id: 3, engine: "A", question: "q1", mentions: [["Fiken", 1, 1]] }),
  fact({
    id: 4,
    engine: "A",
    question: "q2",
    mentions: [["Tripletex", 1, 1]],
    citations: ["fiken.no/b", "fiken.no/c", "reddit.com/r"],
  }),
  fact({
    id: 5,
    engine: "A",
    question: "q2",
    mentions: [
      ["Tripletex", 1, 0.7],
      ["Conta", 2, 0.3],
    ],
  }),
  fact({ id: 6, engine: "A", question: "q2", citations: ["g2.com/x"] }),
  fact({ id: 7, engine: "B", question: "q1", mentions: [["Conta", 1, 1]], citations: ["fiken.no/a"] }),
  fact({
    id: 8,
    engine: "B",
    question: "q1",
    mentions: [
      ["Fiken", 1, 0.5],
      ["Conta", 2, 0.5],
    ],
  }),
  fact({
    id: 9,
    engine: "B",
    question: "q1",
    mentions: [
      ["Fiken", 1, 0.8],
      ["Conta", 2, 0.2],
    ],
    citations: ["conta.no/z"],
  }),
];

export const TABLE_FAILURES: FailureFact[] = [
  failure("A", "q1", "awareness"),
  failure("B", "q2", "consideration"),
  failure("B", "q2", "consideration"),
  failure("B", "q2", "consideration"),
];
