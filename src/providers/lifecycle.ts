import type { ModelInfo } from "./pricing.ts";

/** How close a model is to its provider's announced shutdown. */
export type LifecycleStatus = "current" | "retiring" | "retired" | "unknown";

/** Days before a shutdown from which `sightline engines` warns. */
export const RETIRING_WITHIN_DAYS = 45;

export interface LifecycleVerdict {
  status: LifecycleStatus;
  /** Whole days until shutdown (negative when past), when a date is known. */
  daysLeft?: number;
  message?: string;
}

/** Judges a model's lifecycle at `nowMs` from its table row (undefined: the model is not in our table). */
export function lifecycleOf(model: string, info: ModelInfo | undefined, nowMs: number): LifecycleVerdict {
  if (!info)
    return { status: "unknown", message: `${model} is not in the price table: cost cannot be computed` };
  if (!info.shutdown) return { status: "current" };
  const daysLeft = Math.floor((Date.parse(`${info.shutdown}T00:00:00Z`) - nowMs) / 86_400_000);
  const instead = info.replacement ? `; move to ${info.replacement}` : "";
  if (daysLeft < 0) {
    return {
      status: "retired",
      daysLeft,
      message: `${model} was shut down on ${info.shutdown}${instead} (answers may come from a successor)`,
    };
  }
  if (daysLeft <= RETIRING_WITHIN_DAYS) {
    return {
      status: "retiring",
      daysLeft,
      message: `${model} shuts down on ${info.shutdown} (in ${daysLeft} days)${instead}`,
    };
  }
  return { status: "current", daysLeft };
}
