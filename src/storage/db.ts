import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { Migrator } from "kysely/migration";
import { UsageError } from "../core/errors.ts";
import { migrationProvider } from "./migrations/index.ts";
import { cachingDatabase } from "./statement-cache.ts";
import type { Database } from "./tables.ts";
import { writeTransaction } from "./transaction.ts";

/** Where the data lives: `--db PATH` wins over `DATABASE_URL`, which wins over `./sightline.db`. */
export interface DatabaseLocation {
  dialect: "sqlite" | "postgres";
  /** File path for SQLite; the connection URL for Postgres. */
  target: string;
}

export const DEFAULT_DB_PATH = "./sightline.db";

export function locateDatabase(options: {
  dbPath?: string | undefined;
  databaseUrl?: string | undefined;
}): DatabaseLocation {
  if (options.dbPath) return { dialect: "sqlite", target: resolve(options.dbPath) };
  const url = options.databaseUrl;
  if (!url) return { dialect: "sqlite", target: resolve(DEFAULT_DB_PATH) };
  if (url.startsWith("file:")) {
    const path = url.slice("file:".length).replace(/^\/\/(?=\/)/, "");
    return { dialect: "sqlite", target: resolve(path || DEFAULT_DB_PATH) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { dialect: "postgres", target: url };
  throw new UsageError(
    `storage: DATABASE_URL must start with file: or postgres:// (got '${url.split(":")[0]}:...')`,
  );
}

export interface OpenDatabase {
  db: Kysely<Database>;
  location: DatabaseLocation;
  close(): Promise<void>;
}

/** Milliseconds a writer waits for another process's write lock before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 15_000;

/** Opens the database and applies pending migrations. */
export async function openDatabase(location: DatabaseLocation): Promise<OpenDatabase> {
  if (location.dialect === "postgres") {
    throw new UsageError(
      "storage: Postgres is not supported yet; use a SQLite file (DATABASE_URL=file:./sightline.db)",
    );
  }
  if (location.target !== ":memory:") mkdirSync(dirname(location.target), { recursive: true });
  const sqlite = new BetterSqlite3(location.target, { timeout: BUSY_TIMEOUT_MS });
  enableWal(sqlite);
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingDatabase(sqlite) }) });
  await migrate(db);
  return { db, location, close: () => db.destroy() };
}

/**
 * Switches a file to WAL. On a new file, two processes opening it at once race for the exclusive
 * lock this needs, and SQLite answers SQLITE_BUSY without consulting the busy timeout; retry it
 * briefly within the same timeout.
 */
function enableWal(sqlite: BetterSqlite3.Database): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      sqlite.pragma("journal_mode = WAL");
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== "SQLITE_BUSY" || Date.now() > deadline) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10 + Math.floor(Math.random() * 20));
    }
  }
}

/**
 * Brings the schema up to date; a failed migration is an internal error with its name.
 * Runs inside one `BEGIN IMMEDIATE` transaction so two processes starting at once on a new file
 * migrate one after the other (kysely's own SQLite transaction is deferred and races).
 */
export async function migrate(db: Kysely<Database>): Promise<string[]> {
  const results = await writeTransaction(db, async (conn) => {
    const outcome = await new Migrator({
      db: conn,
      provider: migrationProvider,
      disableTransactions: true,
    }).migrateToLatest();
    if (outcome.error) {
      // Throwing rolls the whole transaction back: no half-applied schema.
      const failed = outcome.results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
      const why = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
      throw new Error(`storage: migration ${failed} failed: ${why}`);
    }
    return outcome.results ?? [];
  });
  return results.filter((r) => r.status === "Success").map((r) => r.migrationName);
}
