import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.ts";
import { type MockAiServer, startMockAiServer } from "./mock-ai/server.ts";
import { mockEnv, scratchQueryFile } from "./setup.ts";

let server: MockAiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const CANARY = "sk-canary-7f3e9b1c5d2a4e6f8091-NEVER-STORE";

describe("API keys stay secret", () => {
  it("no key appears in logs, output, error messages or any byte of the database", async () => {
    server = await startMockAiServer({
      behaviours: {
        openai: { failStatus: 401, down: true, echoKey: true },
        anthropic: { rateLimitFirst: 1, retryAfterSec: 1, echoKey: true },
        perplexity: { failStatus: 400, down: true, echoKey: true },
        gemini: {},
        serpapi: { failStatus: 402, down: true, echoKey: true },
      },
    });
    const { file, db } = scratchQueryFile(
      ["openai", "anthropic", "perplexity", "gemini", "{ id: google-ai-overview, requestsPerMinute: 600 }"],
      2,
      1,
    );
    const env = { ...mockEnv(server, CANARY), SIGHTLINE_LOG_LEVEL: "debug" };
    const run = await cli(["run", "--config", file, "--db", db, "--json"], { env });
    expect(run.code).toBe(2);
    const summary = JSON.parse(run.stdout) as {
      engines: { engine: string; stoppedBy: string | null; failed: number }[];
    };
    expect(summary.engines.find((e) => e.engine.startsWith("openai"))?.stoppedBy).toBe("auth");
    const answers = await cli(["answers", "--db", db, "--json"], { env });
    const shown = await cli(["answers", "show", "1", "--db", db, "--json", "--raw"], { env });
    for (const text of [run.stdout, run.stderr, answers.stdout, answers.stderr, shown.stdout, shown.stderr]) {
      expect(text).not.toContain(CANARY);
      expect(text).not.toContain(CANARY.slice(0, 20));
    }
    // The servers did quote the key; the stored attempts show it scrubbed.
    const check = new Database(db, { readonly: true });
    const messages = check.prepare("select message from attempts").all() as { message: string }[];
    check.close();
    expect(messages.some((m) => m.message.includes("Incorrect API key provided"))).toBe(true);
    for (const name of readdirSync(dirname(db)).filter((f) => f.startsWith("sightline.db"))) {
      const bytes = readFileSync(join(dirname(db), name));
      expect(bytes.includes(Buffer.from(CANARY)), name).toBe(false);
      expect(bytes.includes(Buffer.from(CANARY.slice(0, 20))), name).toBe(false);
    }
  }, 60_000);
});
