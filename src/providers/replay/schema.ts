import { z } from "zod";

/** One recorded answer the replay engine can give. */
export const recordedAnswerSchema = z.looseObject({
  /** The question text it answers (matched after trimming and case-folding). */
  question: z.string().min(1),
  text: z.string(),
  citations: z.array(z.looseObject({ url: z.string().min(1), title: z.string().optional() })).default([]),
  /** Which kind of assistant the recording imitates, shown as the served model. */
  imitates: z.string().default("recording"),
});
export type RecordedAnswer = z.output<typeof recordedAnswerSchema>;

/** A replay file: `{ answers: [...] }`. */
export const replayFileSchema = z.strictObject({
  $comment: z.string().optional(),
  answers: z.array(recordedAnswerSchema).min(1),
});

/** Options of a replay engine entry in a query file. */
export const replayOptionsSchema = z.strictObject({
  /** Folder or file with recorded answers; default: the bundled examples. */
  dir: z.string().min(1).optional(),
  /** Simulated latency per answer in ms (for demos). */
  latencyMs: z.number().int().min(0).max(60_000).optional(),
});
