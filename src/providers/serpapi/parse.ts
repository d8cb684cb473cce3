import type { z } from "zod";
import { emptyUsage, type ParsedAnswer } from "../types.ts";
import { badResponse, bodyFailure, isEmptyResultsMessage } from "./failures.ts";
import { renderTextBlocks } from "./markdown.ts";
import { type AnswerFamily, responsesSchema, type SerpApiBody, serpApiBodySchema } from "./schema.ts";
import { citationsOf, retrievedOf } from "./sources.ts";

/**
 * The one parser of the SerpApi `text_blocks` / `references` family, for all three surfaces and
 * for `sightline analyze --format serpapi`. It reads a single body, or `{ responses: [...] }`
 * when an AI Overview needed the `page_token` follow-up, and tells the surfaces apart by
 * `search_parameters.engine` (by shape when that is missing):
 * - `google` (+ `google_ai_overview`): only the top-level `ai_overview` is the answer; none
 *   means Google showed no overview, a valid answer with empty text and no citations;
 * - `google_ai_mode`, `bing_copilot`: `text_blocks` / `references` at the top level; an answer
 *   without blocks is a `bad-response` (these surfaces always answer when they work).
 * `servedModel` is null: SerpApi bodies do not say which model produced the answer.
 */

const DEFAULT_ID = "serpapi";
const TOP_LEVEL_ENGINES = new Set(["google_ai_mode", "bing_copilot"]);

export function parseSerpApi(raw: unknown, provider: string = DEFAULT_ID): ParsedAnswer {
  const bodies = bodiesOf(raw, provider);
  const first = bodies[0];
  if (!first) throw badResponse(provider, "no SerpApi body");
  const warnings: string[] = [];
  const family = isTopLevel(first)
    ? topLevelFamily(first, provider)
    : overviewFamily(bodies, provider, warnings);
  const header = typeof first.header === "string" ? first.header : undefined;
  const rendered = renderTextBlocks(family?.text_blocks ?? [], header);
  const q = first.search_parameters?.q;
  return {
    text: rendered.text,
    citations: citationsOf(family?.references ?? [], rendered.firstUse, warnings),
    retrieved: retrievedOf(first),
    searchQueries: q ? [q] : [],
    servedModel: null,
    // SerpApi bills one search per request made (the page_token follow-up included).
    usage: { ...emptyUsage(), searches: bodies.length },
    reportedCostUsd: null,
    warnings,
  };
}

function bodiesOf(raw: unknown, provider: string): SerpApiBody[] {
  const chain = responsesSchema.safeParse(raw);
  const list = chain.success ? chain.data.responses : [raw];
  return list.map((item, i) => {
    const parsed = serpApiBodySchema.safeParse(item);
    if (!parsed.success) {
      throw badResponse(provider, `not a SerpApi search body (response ${i + 1}): ${issues(parsed.error)}`);
    }
    return usable(parsed.data, provider);
  });
}

/** Throws for bodies that hold no finished search; empty-result bodies pass (callers decide). */
function usable(body: SerpApiBody, provider: string): SerpApiBody {
  const status = body.search_metadata.status ?? "Success";
  if (status === "Processing" || status === "Queued") {
    throw badResponse(provider, `search ${body.search_metadata.id ?? ""} not finished (${status})`);
  }
  if (body.error && !isEmptyResultsMessage(body.error)) throw bodyFailure(provider, body.error);
  if (status === "Error" && !body.error) throw bodyFailure(provider, "status Error without a message");
  return body;
}

function isTopLevel(body: SerpApiBody): boolean {
  const engine = body.search_parameters?.engine;
  if (engine) return TOP_LEVEL_ENGINES.has(engine);
  return !body.ai_overview && Boolean(body.text_blocks?.length);
}

function topLevelFamily(body: SerpApiBody, provider: string): AnswerFamily {
  if (!body.text_blocks?.length) {
    const engine = body.search_parameters?.engine ?? "engine";
    throw badResponse(provider, `${engine} returned no answer${body.error ? `: ${body.error}` : ""}`);
  }
  return body;
}

/** The top-level `ai_overview` of the Google body, or of the follow-up when it was lazy-loaded. */
function overviewFamily(bodies: SerpApiBody[], provider: string, warnings: string[]): AnswerFamily | null {
  const [first, followUp] = bodies;
  const overview = first?.ai_overview;
  if (!overview) {
    warnings.push(`no AI Overview shown for this query${first?.error ? ` (${first.error})` : ""}`);
    return null;
  }
  if (overview.text_blocks?.length) return overview;
  if (!overview.page_token) {
    warnings.push("ai_overview without text_blocks: treated as no overview");
    return null;
  }
  if (!followUp)
    throw badResponse(provider, "ai_overview.page_token was not followed: the overview is missing");
  if (!followUp.ai_overview?.text_blocks?.length) {
    warnings.push(
      `the page_token follow-up returned no overview${followUp.error ? ` (${followUp.error})` : ""}`,
    );
    return null;
  }
  return followUp.ai_overview;
}

function issues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join(".") : "(root)"}: ${i.message}`)
    .join("; ");
}
