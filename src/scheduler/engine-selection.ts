import type { Env } from "../config/env.ts";
import type { EngineConfig, QueryFile } from "../config/query-file.ts";
import type { Provider } from "../providers/types.ts";
import { hasKey, keyEnvOf } from "./engine-runtime.ts";

/**
 * Which engines a run asks. Engines whose key is missing are left out (a missing key is a
 * configuration matter, not an outage). When none of the file's engines can be asked, the run uses
 * the offline replay engine instead, and everything it produces is labelled as replayed.
 */
export interface EngineSelection {
  engines: EngineConfig[];
  skipped: { engine: string; keyEnv: string }[];
  replay: boolean;
}

export const REPLAY_ENGINE: EngineConfig = {
  id: "replay:recordings",
  provider: "replay",
  model: "recordings",
  webSearch: false,
  samples: 1,
  label: "Replay (recorded answers, not live)",
  options: {},
};

export function selectEngines(
  file: QueryFile,
  env: Env,
  getProvider: (id: string) => Provider | undefined,
  mode: { forceReplay: boolean },
): EngineSelection {
  const replay = { ...REPLAY_ENGINE, samples: file.samples };
  if (mode.forceReplay) return { engines: [replay], skipped: [], replay: true };
  const engines: EngineConfig[] = [];
  const skipped: EngineSelection["skipped"] = [];
  for (const engine of file.engines) {
    const provider = getProvider(engine.provider);
    if (!provider) continue;
    if (hasKey(engine, provider, env)) engines.push(engine);
    else skipped.push({ engine: engine.id, keyEnv: keyEnvOf(engine, provider) ?? "" });
  }
  if (engines.length === 0) return { engines: [replay], skipped, replay: true };
  return { engines, skipped, replay: false };
}
