import { createHash } from "node:crypto";
import type { Provider } from "../providers/types.ts";
import type { PathSegment } from "./positions.ts";
import type { EngineConfig } from "./query-file.ts";
import { type EngineEntry, engineBaseKeys } from "./schema.ts";

/** What config resolution needs to know of the providers (the registry supplies it). */
export type ProviderLookup = (
  id: string,
) => Pick<Provider, "id" | "defaultModel" | "capabilities" | "optionsSchema"> | undefined;

export interface EngineProblem {
  path: PathSegment[];
  /** Points at a key rather than its value (unknown option keys). */
  key?: string;
  message: string;
}

/** Engine id naming provider, model and every setting that changes answers (spec §1). */
export function engineId(
  provider: string,
  model: string,
  webSearch: boolean,
  options: Record<string, unknown>,
  serp: boolean,
): string {
  const base = serp ? provider : `${provider}:${model}${webSearch ? "+web" : ""}`;
  const keys = Object.keys(options).sort();
  if (keys.length === 0) return base;
  const canonical = JSON.stringify(keys.map((k) => [k, options[k]]));
  return `${base}+o${createHash("sha256").update(canonical).digest("hex").slice(0, 6)}`;
}

/** Resolves engine entries against the registry (unknown ids are skipped); problem paths are from the file root. */
export function resolveEngines(
  entries: readonly EngineEntry[],
  fileSamples: number,
  lookup: ProviderLookup,
): { engines: EngineConfig[]; problems: EngineProblem[] } {
  const engines: EngineConfig[] = [];
  const problems: EngineProblem[] = [];
  const seen = new Map<string, number>();
  entries.forEach((entry, index) => {
    const base = typeof entry === "string" ? { id: entry } : entry;
    const idPath: PathSegment[] = typeof entry === "string" ? ["engines", index] : ["engines", index, "id"];
    const provider = lookup(base.id);
    if (!provider) return; // reported by the cross-checks, which also run when the schema fails
    const rawOptions: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(base)) {
      if (!(engineBaseKeys as readonly string[]).includes(k)) rawOptions[k] = v;
    }
    const parsed = provider.optionsSchema.safeParse(rawOptions);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const keys = issue.code === "unrecognized_keys" ? issue.keys : [];
        if (keys.length > 0) {
          for (const key of keys)
            problems.push({
              path: ["engines", index],
              key,
              message: `unknown option '${key}' for engine ${provider.id}`,
            });
        } else {
          problems.push({
            path: ["engines", index, ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))],
            message: issue.message,
          });
        }
      }
      return;
    }
    const model = ("model" in base && base.model) || provider.defaultModel;
    const webSearch = ("webSearch" in base ? base.webSearch : undefined) ?? provider.capabilities.webSearch;
    const options = parsed.data;
    const id = engineId(provider.id, model, webSearch, options, provider.capabilities.surface === "serp");
    const previous = seen.get(id);
    if (previous !== undefined) {
      problems.push({ path: idPath, message: `engine ${id} is listed twice (also engines.${previous})` });
      return;
    }
    seen.set(id, index);
    const extra: Exclude<EngineEntry, string> = typeof entry === "string" ? { id: entry } : entry;
    engines.push({
      id,
      provider: provider.id,
      model,
      webSearch,
      samples: extra.samples ?? fileSamples,
      label: extra.label ?? id,
      ...(extra.concurrency === undefined ? {} : { concurrency: extra.concurrency }),
      ...(extra.requestsPerMinute === undefined ? {} : { requestsPerMinute: extra.requestsPerMinute }),
      options,
    });
  });
  return { engines, problems };
}
