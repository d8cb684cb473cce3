import type { Kysely } from "kysely";
import type { Database } from "./tables.ts";
import { writeTransaction } from "./transaction.ts";

/**
 * A database lease keeps two processes from executing the same run. The holder renews it while
 * it works; an expired lease (or one whose holder is known dead) may be taken over.
 */
export interface LeaseHolder {
  owner: string;
  expiresAt: string;
}

/**
 * Takes the run's lease for `owner` until `expiresAt` when it is free, expired, already ours, or
 * held by an owner `isDead` says is gone. Returns null on success, else the current holder.
 */
export async function acquireLease(
  db: Kysely<Database>,
  runId: string,
  owner: string,
  now: string,
  expiresAt: string,
  isDead: (owner: string) => boolean,
): Promise<LeaseHolder | null> {
  return writeTransaction(db, async (trx) => {
    const run = await trx
      .selectFrom("runs")
      .select(["lease_owner", "lease_expires_at"])
      .where("id", "=", runId)
      .executeTakeFirstOrThrow();
    const held =
      run.lease_owner !== null &&
      run.lease_owner !== owner &&
      run.lease_expires_at !== null &&
      run.lease_expires_at > now;
    if (held && run.lease_owner && !isDead(run.lease_owner)) {
      return { owner: run.lease_owner, expiresAt: run.lease_expires_at ?? now };
    }
    await trx
      .updateTable("runs")
      .set({ lease_owner: owner, lease_expires_at: expiresAt })
      .where("id", "=", runId)
      .execute();
    return null;
  });
}

/** Extends our lease; false when another process has taken it (then we must stop). */
export async function renewLease(
  db: Kysely<Database>,
  runId: string,
  owner: string,
  expiresAt: string,
): Promise<boolean> {
  const result = await writeTransaction(db, (trx) =>
    trx
      .updateTable("runs")
      .set({ lease_expires_at: expiresAt })
      .where("id", "=", runId)
      .where("lease_owner", "=", owner)
      .executeTakeFirst(),
  );
  return Number(result.numUpdatedRows) === 1;
}

export async function releaseLease(db: Kysely<Database>, runId: string, owner: string): Promise<void> {
  await writeTransaction(db, (trx) =>
    trx
      .updateTable("runs")
      .set({ lease_owner: null, lease_expires_at: null })
      .where("id", "=", runId)
      .where("lease_owner", "=", owner)
      .execute(),
  );
}
