import type { IncomingMessage, ServerResponse } from "node:http";
import type { MockRequest } from "./types.ts";

/**
 * Small HTTP helpers shared by the server and the wire formats: reading a JSON body, sending
 * one, reading credentials, and pulling the question out of Responses-style `input`.
 */

/** The request body as text (bodies here are a few KB, so buffering is fine). */
export async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.destroyed || res.headersSent) return;
  // Encoded once: measuring the string and letting the socket encode it again costs twice the CPU.
  const bytes = Buffer.from(JSON.stringify(body), "utf8");
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": bytes.length,
    ...headers,
  });
  res.end(bytes);
}

/** One header's value; repeated headers count as their first value. */
export function headerOf(request: MockRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  const first = Array.isArray(value) ? value[0] : value;
  return first?.trim() ? first.trim() : undefined;
}

/** The token of `Authorization: Bearer <token>`, when there is a non-empty one. */
export function bearerToken(request: MockRequest): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(headerOf(request, "authorization") ?? "");
  return match?.[1];
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Text of a message `content`: a string, or the `text` of its text parts joined. */
export function textOfContent(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content.map((part) => (isRecord(part) && typeof part.text === "string" ? part.text : "")).join("");
}

/** The last user text of a Responses-style `input` (a string, or a list of messages). */
export function questionOfInput(input: unknown): string {
  if (typeof input === "string") return input;
  if (!Array.isArray(input)) return "";
  const users = input.filter((m) => isRecord(m) && (m.role === undefined || m.role === "user"));
  const last = users.at(-1);
  return isRecord(last) ? textOfContent(last.content) : "";
}

/** True when `tools` (any format) holds a tool whose `type` passes `test`. */
export function hasTool(tools: unknown, test: (type: string) => boolean): boolean {
  return Array.isArray(tools) && tools.some((t) => isRecord(t) && typeof t.type === "string" && test(t.type));
}
