import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ProviderError } from "../../core/errors.ts";
import { defaultModels } from "../defaults.ts";
import { emptyUsage, type ParsedAnswer, type Provider } from "../types.ts";
import {
  type RecordedAnswer,
  recordedAnswerSchema,
  replayFileSchema,
  replayOptionsSchema,
} from "./schema.ts";

/**
 * The offline engine: answers from recorded answer files, so Sightline can be tried without API
 * keys. Every answer is marked `surface: "replay"` and reports say so; it is never real data.
 */
export const bundledReplayDir = fileURLToPath(new URL("../../../examples/replay/", import.meta.url));

const cache = new Map<string, Promise<Map<string, RecordedAnswer[]>>>();
/** Per question, how many answers were handed out: samples rotate through the recordings. */
const served = new Map<string, number>();

const key = (question: string) => question.trim().toLocaleLowerCase().replace(/\s+/g, " ");

async function loadRecordings(dir: string): Promise<Map<string, RecordedAnswer[]>> {
  const info = await stat(dir);
  const files = info.isDirectory()
    ? (await readdir(dir))
        .filter((f) => f.endsWith(".json"))
        .sort()
        .map((f) => join(dir, f))
    : [dir];
  const byQuestion = new Map<string, RecordedAnswer[]>();
  for (const file of files) {
    const parsed = replayFileSchema.safeParse(JSON.parse(await readFile(file, "utf8")));
    if (!parsed.success)
      throw new ProviderError("replay", "bad-response", `${file}: ${parsed.error.issues[0]?.message}`);
    for (const answer of parsed.data.answers) {
      const list = byQuestion.get(key(answer.question)) ?? [];
      list.push(answer);
      byQuestion.set(key(answer.question), list);
    }
  }
  return byQuestion;
}

function parseReplay(raw: unknown): ParsedAnswer {
  const parsed = recordedAnswerSchema.safeParse(raw);
  if (!parsed.success) throw new ProviderError("replay", "bad-response", "not a recorded answer");
  const answer = parsed.data;
  return {
    text: answer.text,
    citations: answer.citations.map((c) => ({ url: c.url, ...(c.title ? { title: c.title } : {}) })),
    retrieved: [],
    searchQueries: [],
    servedModel: `replay:${answer.imitates}`,
    usage: emptyUsage(),
    reportedCostUsd: 0,
    warnings: ["replayed recording, not a live answer"],
  };
}

export const replayProvider: Provider = {
  id: "replay",
  displayName: "Replay (offline recordings)",
  defaultModel: defaultModels.replay,
  capabilities: {
    nativeCitations: true,
    webSearch: false,
    maxConcurrency: 8,
    requestsPerMinute: 100_000,
    timeoutMs: 10_000,
    surface: "replay",
    keyEnv: null,
    baseUrlEnv: null,
  },
  optionsSchema: replayOptionsSchema,
  models: [
    {
      model: "recordings",
      inputPerM: 0,
      cachedInputPerM: 0,
      outputPerM: 0,
      searchUsd: 0,
      source: "offline, free",
      checked: "2026-11-25",
    },
  ],
  async ask(request, context) {
    const options = replayOptionsSchema.parse(context.options);
    const dir = options.dir ?? bundledReplayDir;
    const started = context.clock.now();
    let recordings = cache.get(dir);
    if (!recordings) {
      recordings = loadRecordings(dir);
      cache.set(dir, recordings);
    }
    const list = (await recordings).get(key(request.question));
    if (!list || list.length === 0) {
      throw new ProviderError(
        "replay",
        "bad-response",
        `no recorded answer for "${request.question.slice(0, 80)}" in ${dir}`,
      );
    }
    const n = served.get(key(request.question)) ?? 0;
    served.set(key(request.question), n + 1);
    const raw = list[n % list.length];
    if (options.latencyMs) await context.clock.sleep(options.latencyMs, request.signal);
    const parsed = parseReplay(raw);
    return {
      ...parsed,
      raw,
      requestedModel: request.model,
      costUsd: 0,
      latencyMs: context.clock.now() - started,
      surface: "replay",
    };
  },
  parse: parseReplay,
};
