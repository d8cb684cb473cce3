import { readEnv } from "../config/env.ts";
import { locateDatabase, type OpenDatabase, openDatabase } from "../storage/db.ts";
import type { CliContext } from "./context.ts";

/** Opens the database a command was pointed at (`--db PATH`, `DATABASE_URL`, or ./sightline.db). */
export function openCliDatabase(ctx: CliContext, dbPath: string | undefined): Promise<OpenDatabase> {
  const env = readEnv(ctx.env);
  const location = locateDatabase({
    dbPath: dbPath === undefined ? undefined : resolveFrom(ctx.cwd, dbPath),
    databaseUrl: env.DATABASE_URL,
  });
  if (location.dialect === "sqlite" && !dbPath && !env.DATABASE_URL) {
    location.target = resolveFrom(ctx.cwd, "sightline.db");
  }
  return openDatabase(location);
}

function resolveFrom(cwd: string, path: string): string {
  return path.startsWith("/") ? path : `${cwd.replace(/\/$/, "")}/${path}`;
}
