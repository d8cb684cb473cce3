import { resolve } from "node:path";
import type { Command } from "commander";
import { readEnv } from "../../config/env.ts";
import { lifecycleOf } from "../../providers/lifecycle.ts";
import { modelInfo, providers } from "../../providers/registry.ts";
import { type CliContext, printJson } from "../context.ts";
import { loadConfig } from "./validate.ts";

interface EngineRow {
  engine: string;
  provider: string;
  model: string;
  surface: string;
  keyEnv: string | null;
  keySet: boolean;
  baseUrl: string | null;
  prices: {
    inputPerM: number;
    outputPerM: number;
    searchUsd: number;
    source: string;
    checked: string;
  } | null;
  lifecycle: ReturnType<typeof lifecycleOf>;
}

export function registerEngines(program: Command, ctx: CliContext): void {
  program
    .command("engines")
    .description("list engines: key set or missing (never the value), model, prices, retirement warnings")
    .option("-c, --config <file>", "list the engines of this query file instead of every provider")
    .option("--json", "print the list as JSON on stdout")
    .action(async (opts: { config?: string; json?: boolean }) => {
      const env = readEnv(ctx.env);
      const byId = new Map(providers.map((p) => [p.id, p]));
      const entries = opts.config
        ? (await loadConfig(resolve(ctx.cwd, opts.config))).engines.map((e) => ({
            engine: e.id,
            provider: e.provider,
            model: e.model,
            keyEnv: e.options.keyEnv,
          }))
        : providers.map((p) => ({ engine: p.id, provider: p.id, model: p.defaultModel, keyEnv: undefined }));
      const rows: EngineRow[] = entries.map((e) => {
        const provider = byId.get(e.provider);
        const keyEnv = typeof e.keyEnv === "string" ? e.keyEnv : (provider?.capabilities.keyEnv ?? null);
        const baseEnv = provider?.capabilities.baseUrlEnv ?? null;
        const info = modelInfo(e.provider, e.model);
        return {
          engine: e.engine,
          provider: e.provider,
          model: e.model,
          surface: provider?.capabilities.surface ?? "api",
          keyEnv,
          keySet: keyEnv === null || env.get(keyEnv) !== undefined,
          baseUrl: baseEnv ? (env.get(baseEnv) ?? null) : null,
          prices: info
            ? {
                inputPerM: info.inputPerM,
                outputPerM: info.outputPerM,
                searchUsd: info.searchUsd,
                source: info.source,
                checked: info.checked,
              }
            : null,
          lifecycle: lifecycleOf(e.model, info, ctx.clock.now()),
        };
      });
      if (opts.json) return printJson(ctx, { engines: rows });
      for (const r of rows) {
        const key =
          r.keyEnv === null ? "no key needed" : r.keySet ? `${r.keyEnv} set` : `${r.keyEnv} MISSING`;
        const price = r.prices
          ? `$${r.prices.inputPerM}/$${r.prices.outputPerM} per 1M in/out, $${r.prices.searchUsd} per search`
          : "price unknown";
        ctx.stdout(
          `${r.engine.padEnd(36)} ${r.model.padEnd(24)} ${key.padEnd(28)} ${price}${r.baseUrl ? `  base ${r.baseUrl}` : ""}\n`,
        );
        if (r.lifecycle.message && r.lifecycle.status !== "current")
          ctx.stdout(`  warning: ${r.lifecycle.message}\n`);
      }
      const missing = rows.filter((r) => !r.keySet);
      if (missing.length > 0) {
        ctx.stdout(
          `\n${missing.length} engine(s) without a key: ${[...new Set(missing.map((r) => r.keyEnv))].join(", ")}. Set them in the environment;\n`,
        );
        ctx.stdout(
          "without any key, `sightline run` answers from the offline replay engine (labelled as such).\n",
        );
      }
    });
}
