import type { RunStatus } from "../storage/tables.ts";

/** Per-engine outcome of a run (or of one pass of it). */
export interface EngineTally {
  engine: string;
  total: number;
  answered: number;
  failed: number;
  pending: number;
  spentUsd: number;
  /** Error kind that stopped the engine for the run (auth, quota), if any. */
  stoppedBy: string | null;
}

/** What `sightline run` prints at the end (JSON under cron or with --json). */
export interface RunSummary {
  runId: string;
  status: RunStatus;
  answered: number;
  failed: number;
  pending: number;
  spentUsd: number;
  budgetUsd: number | null;
  budgetStopped: boolean;
  interrupted: boolean;
  durationMs: number;
  engines: EngineTally[];
  /** Plain-language reasons the run is not complete. */
  notes: string[];
}

/** completed: every item answered; failed: nothing answered and nothing left to try; else partial. */
export function runStatusOf(counts: { answered: number; failed: number; pending: number }): RunStatus {
  if (counts.failed === 0 && counts.pending === 0) return "completed";
  if (counts.answered === 0 && counts.pending === 0) return "failed";
  return "partial";
}

/** Exit code of `sightline run`: 0 completed, 2 partial, 1 failed. */
export function exitCodeOf(status: RunStatus): 0 | 1 | 2 {
  if (status === "completed") return 0;
  if (status === "partial") return 2;
  return status === "failed" ? 1 : 2;
}
