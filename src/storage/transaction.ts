import { type Kysely, sql } from "kysely";
import type { Database } from "./tables.ts";

/**
 * Runs `work` in a write transaction that takes SQLite's write lock at BEGIN (`BEGIN IMMEDIATE`).
 * A deferred transaction that later upgrades to a write fails at once with SQLITE_BUSY when another
 * process is writing; an immediate one waits for the busy timeout instead. kysely's SQLite driver
 * only issues a deferred BEGIN, so the statements run on one reserved connection here.
 * Keep `work` short and never put a provider call inside it.
 */
export async function writeTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await work(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (error) {
      await sql`rollback`.execute(conn);
      throw error;
    }
  });
}
