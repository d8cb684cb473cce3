import type { WorkItem } from "../storage/tables.ts";
import type { Budget } from "./budget.ts";
import type { EngineTally } from "./run-summary.ts";

/** Per-engine counts of a run's items, for progress and the summary. */
export function tally(items: readonly WorkItem[], engineIds: Iterable<string>): Map<string, EngineTally> {
  const out = new Map<string, EngineTally>();
  for (const id of engineIds)
    out.set(id, { engine: id, total: 0, answered: 0, failed: 0, pending: 0, spentUsd: 0, stoppedBy: null });
  for (const item of items) {
    const t = out.get(item.engine_id) ?? {
      engine: item.engine_id,
      total: 0,
      answered: 0,
      failed: 0,
      pending: 0,
      spentUsd: 0,
      stoppedBy: null,
    };
    out.set(item.engine_id, t);
    t.total++;
    if (item.status === "answered") t.answered++;
    else if (item.status === "failed") t.failed++;
    else if (item.status === "pending") t.pending++;
  }
  return out;
}

export const sum = (rows: EngineTally[], key: "answered" | "failed" | "pending") =>
  rows.reduce((s, r) => s + r[key], 0);

/** Plain-language reasons a run is not complete. */
export function notesFor(
  engines: EngineTally[],
  budget: Budget,
  limit: number | null,
  interrupted: boolean,
  leaseLost: boolean,
): string[] {
  const notes: string[] = [];
  if (budget.stopped)
    notes.push(
      `budget of $${limit} reached: no further calls were made; raise --max-cost and run --resume to finish`,
    );
  if (interrupted) notes.push("interrupted: calls in flight were stored; run --resume to finish the rest");
  if (leaseLost) notes.push("another process took over this run's lease; stopped taking items");
  for (const e of engines) {
    if (e.stoppedBy)
      notes.push(
        `${e.engine} stopped after a ${e.stoppedBy} error: fix the key or billing, then run --retry-failed`,
      );
    else if (e.failed > 0)
      notes.push(
        `${e.engine}: ${e.failed} of ${e.total} item(s) failed (see sightline answers --run ... or the attempts)`,
      );
    if (e.pending > 0 && !budget.stopped && !interrupted)
      notes.push(`${e.engine}: ${e.pending} item(s) still pending (deferred by the provider's rate limit)`);
  }
  return notes;
}
