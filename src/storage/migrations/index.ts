import type { Migration, MigrationProvider } from "kysely/migration";
import * as initial from "./0001-initial.ts";
import * as wordShare from "./0002-word-share.ts";

/** Every migration in order; names sort lexically. Never edit one that has shipped: add a new one. */
const migrations: Record<string, Migration> = {
  "0001-initial": initial,
  "0002-word-share": wordShare,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
