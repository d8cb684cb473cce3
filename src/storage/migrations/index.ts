import type { Migration, MigrationProvider } from "kysely/migration";
import * as initial from "./0001-initial.ts";
import * as wordShare from "./0002-word-share.ts";
import * as schedules from "./0003-schedules.ts";

/** Every migration in order; names sort lexically. Never edit one that has shipped: add a new one. */
const migrations: Record<string, Migration> = {
  "0001-initial": initial,
  "0002-word-share": wordShare,
  "0003-schedules": schedules,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
