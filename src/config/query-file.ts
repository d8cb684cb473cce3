import { createHash } from "node:crypto";
import type { TrackedBrand } from "../core/brands.ts";
import type { Stage } from "./schema.ts";

/** A question ready to ask: id always set, with the version (hash) of its text. */
export interface Question {
  id: string;
  /** True when the id was derived from the text (editing the text then changes the id). */
  derivedId: boolean;
  text: string;
  /** First 12 hex digits of SHA-256 of the text: a changed text is a new version (spec §1). */
  version: string;
  stage: Stage;
  tags: string[];
  persona?: string;
  locale: string;
}

/** One engine as configured: a provider asked with a model and settings. */
export interface EngineConfig {
  /** Engine id naming provider, model and settings, e.g. `openai:gpt-6-luna+web` (spec §1). */
  id: string;
  provider: string;
  model: string;
  webSearch: boolean;
  samples: number;
  label: string;
  concurrency?: number;
  requestsPerMinute?: number;
  /** Provider-specific options, validated by the provider's options schema. */
  options: Record<string, unknown>;
}

/** A validated, resolved query file: what the rest of Sightline reads. */
export interface QueryFile {
  path: string;
  /** Our brand first, then competitors, in file order. */
  brands: TrackedBrand[];
  engines: EngineConfig[];
  samples: number;
  locale: string;
  maxCostUsd?: number;
  schedule?: { run: string; report: string; timezone: string; deadlineHours: number };
  report?: { to: string[]; from?: string; language: "en" | "nb" };
  categories: Record<string, "ugc" | "review" | "reference" | "news" | "video" | "other">;
  questions: Question[];
}

export function questionVersion(text: string): string {
  return createHash("sha256").update(text.normalize("NFC")).digest("hex").slice(0, 12);
}

/** A readable, deterministic id from a question's text: `hva-er-det-beste-regnskapsprogrammet`. */
export function deriveQuestionId(text: string): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/æ/g, "ae")
    .replace(/ø/g, "o")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  const cut = slug.length <= 60 ? slug : slug.slice(0, 60).replace(/-[^-]*$/, "") || slug.slice(0, 60);
  return (cut || `q-${questionVersion(text).slice(0, 8)}`).replace(/^[^a-z0-9]+/, "");
}
