/**
 * Runs the local mock AI server in its own process for benchmarks, so the server's CPU does not
 * count against the runner's. Prints `{"url": ...}` on stdout, then serves until killed.
 * argv[2]: latency in ms applied to every provider.
 */
import { startMockAiServer } from "../tests/e2e/mock-ai/server.ts";

const latencyMs = Number(process.argv[2] ?? "300");
const behaviour = { latencyMs };
const server = await startMockAiServer({
  behaviours: {
    openai: behaviour,
    anthropic: behaviour,
    perplexity: behaviour,
    gemini: behaviour,
    serpapi: behaviour,
  },
});
process.stdout.write(`${JSON.stringify({ url: server.url, baseUrls: server.baseUrls })}\n`);
process.on("SIGTERM", () => {
  server.close().then(() => process.exit(0));
});
