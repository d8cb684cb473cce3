import type { AnswerFact } from "./facts.ts";
import { STAGE_ORDER } from "./metrics.ts";
import type { BrandMetrics, Change, EngineRow, MetricCell, StageRow } from "./model.ts";
import { change } from "./stats.ts";

/** Our brand's metrics in a cell. */
function ownIn(cell: MetricCell | undefined, own: string): BrandMetrics | null {
  return cell?.brands.find((b) => b.brand === own) ?? null;
}

/** Our mention rate's change between the same cell in the baseline and now; null without a baseline cell. */
function ownChange(own: string, now: MetricCell, before: MetricCell | undefined): Change | null {
  const to = ownIn(now, own);
  const from = ownIn(before, own);
  return to && from ? change(from.mentionRate, to.mentionRate) : null;
}

const rollUp = (cells: readonly MetricCell[], engine: string | null, stage: string | null) =>
  cells.find((c) => c.key.question === null && c.key.engine === engine && c.key.stage === stage);

/** One row per funnel stage with answers or failures in the period, in funnel order. */
export function scorecard(
  own: string,
  cells: readonly MetricCell[],
  baseline: readonly MetricCell[],
): StageRow[] {
  const rank = (s: string) => {
    const i = (STAGE_ORDER as readonly string[]).indexOf(s);
    return i < 0 ? STAGE_ORDER.length : i;
  };
  return cells
    .filter((c) => c.key.question === null && c.key.engine === null && c.key.stage !== null)
    .sort(
      (a, b) =>
        rank(a.key.stage ?? "") - rank(b.key.stage ?? "") ||
        ((a.key.stage ?? "") < (b.key.stage ?? "") ? -1 : 1),
    )
    .map((cell) => ({
      stage: cell.key.stage ?? "",
      n: cell.n,
      own: ownIn(cell, own),
      change: ownChange(own, cell, rollUp(baseline, null, cell.key.stage)),
    }));
}

type Tally = Map<string, Map<string, number>>;

function count(tally: Tally, key: string, value: string): void {
  let counts = tally.get(key);
  if (!counts) {
    counts = new Map();
    tally.set(key, counts);
  }
  counts.set(value, (counts.get(value) ?? 0) + 1);
}

/** Values by how often they occur, most frequent first (ties by name). */
function byFrequency(counts: ReadonlyMap<string, number> | undefined): string[] {
  return [...(counts ?? [])].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)).map(([v]) => v);
}

/**
 * One row per engine with answers or failures in the period, in query-file order: its label, the
 * models that actually answered (most frequent first), the surface, our metrics and their change.
 */
export function engineRows(
  own: string,
  cells: readonly MetricCell[],
  baseline: readonly MetricCell[],
  answers: readonly AnswerFact[],
  engines: readonly { id: string; label: string }[],
): EngineRow[] {
  const order = new Map(engines.map((e, i) => [e.id, i]));
  const labels = new Map(engines.map((e) => [e.id, e.label]));
  const models: Tally = new Map();
  const surfaces: Tally = new Map();
  for (const a of answers) {
    if (a.servedModel) count(models, a.engineId, a.servedModel);
    count(surfaces, a.engineId, a.surface);
  }
  return cells
    .filter((c) => c.key.question === null && c.key.stage === null && c.key.engine !== null)
    .sort((a, b) => {
      const ea = a.key.engine ?? "";
      const eb = b.key.engine ?? "";
      return (order.get(ea) ?? order.size) - (order.get(eb) ?? order.size) || (ea < eb ? -1 : 1);
    })
    .map((cell) => {
      const engine = cell.key.engine ?? "";
      return {
        engine,
        label: labels.get(engine) ?? engine,
        servedModels: byFrequency(models.get(engine)),
        surface: byFrequency(surfaces.get(engine))[0] ?? "",
        n: cell.n,
        failed: cell.failed,
        gap: cell.gap,
        own: ownIn(cell, own),
        citations: cell.citations,
        change: ownChange(own, cell, rollUp(baseline, engine, null)),
      };
    });
}
