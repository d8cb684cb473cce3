import { readFileSync } from "node:fs";

/** Reads the Perplexity fixtures (`tests/fixtures/providers/perplexity/`) for the tests of this folder. */

const dir = new URL("../../fixtures/providers/perplexity/", import.meta.url);

/** A fixture file's text exactly as stored (for bodies that are not JSON). */
export function fixtureText(name: string): string {
  return readFileSync(new URL(name, dir), "utf8");
}

/** A JSON fixture, freshly parsed, so a test may modify its copy. */
export function fixture(name: string): Record<string, unknown> {
  return JSON.parse(fixtureText(name)) as Record<string, unknown>;
}

/** The answer text of an Agent API fixture (its first `output_text`), read from the fixture itself. */
export function agentText(body: Record<string, unknown>): string {
  const output = body.output as { type: string; content?: { type: string; text: string }[] }[];
  const message = output.find((item) => item.type === "message");
  const part = message?.content?.find((p) => p.type === "output_text");
  if (!part) throw new Error("fixture has no output_text");
  return part.text;
}

/** The answer text of a legacy chat fixture. */
export function legacyText(body: Record<string, unknown>): string {
  const choices = body.choices as { message: { content: string } }[];
  const first = choices[0];
  if (!first) throw new Error("fixture has no choices");
  return first.message.content;
}

/** A deep copy with the Agent API answer text replaced (for marker edge cases). */
export function withAgentText(body: Record<string, unknown>, text: string): Record<string, unknown> {
  const copy = structuredClone(body);
  const output = copy.output as { type: string; content?: { type: string; text: string }[] }[];
  const part = output.find((item) => item.type === "message")?.content?.find((p) => p.type === "output_text");
  if (!part) throw new Error("fixture has no output_text");
  part.text = text;
  return copy;
}
