import { citedSources, type MockAnswer } from "./answer.ts";
import { phrases } from "./phrases.ts";
import { hashString, Random } from "./random.ts";
import type { MockSource } from "./sources.ts";
import type { ErrorContext, MockRequest, ReadRequest, WireFormat } from "./types.ts";

/**
 * SerpApi `GET /search.json` for the three AI surfaces: `engine=google` puts the answer in
 * `ai_overview`, `google_ai_mode` and `bing_copilot` put `text_blocks`/`references` at the top
 * level. `reference_indexes` name `references[].index`; links sometimes carry `#:~:text=`
 * fragments. Errors are `{ "error": "<message>" }`. The key is the `api_key` query parameter.
 */

const engines = new Set(["google", "google_ai_mode", "bing_copilot"]);

function read(request: MockRequest): ReadRequest | string {
  const params = request.url.searchParams;
  const engine = params.get("engine") ?? "google";
  if (!engines.has(engine)) return `Unsupported \`${engine}\` search engine.`;
  const q = params.get("q") ?? "";
  if (!q.trim()) return "Missing query `q` parameter.";
  return { question: q, model: engine, search: true, engine };
}

function errorBody(status: number, _context: ErrorContext, message?: string): unknown {
  if (status === 401)
    return { error: "Invalid API key. Your API key should be here: https://serpapi.com/manage-api-key" };
  if (status === 429)
    return { error: "Your account has exceeded its hourly throughput limit. Please try again later." };
  if (status === 503) return { error: "Service Unavailable" };
  if (status >= 500)
    return { error: "Something went wrong on our end. Please contact support@serpapi.com for assistance." };
  return { error: message ?? `Request failed with status ${status}.` };
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function answerBody(answer: MockAnswer, read: ReadRequest, request: MockRequest): unknown {
  const random = new Random(answer.salt ^ hashString(`serpapi:${read.engine}`));
  const engine = read.engine ?? "google";
  const cited = citedSources(answer);
  const indexOf = new Map(cited.map((s, i) => [s.url, i]));
  // Blocks that cite nothing carry no `reference_indexes` key at all.
  const refs = (s: MockSource | undefined) => (s ? { reference_indexes: [indexOf.get(s.url) ?? 0] } : {});
  const bing = engine === "bing_copilot";

  const blocks: unknown[] = [{ type: "paragraph", snippet: answer.intro, ...refs(answer.introSource) }];
  if (answer.listHeading) {
    // Google often sends section titles as paragraphs; the parser must promote them.
    blocks.push({ type: random.chance(0.5) ? "heading" : "paragraph", snippet: answer.listHeading });
  }
  blocks.push({
    type: "list",
    list: answer.items.map((item) =>
      bing
        ? { snippet: `${item.brand.name}: ${item.description}`, ...refs(item.source) }
        : {
            title: random.chance(0.5) ? `${item.brand.name}:` : item.brand.name,
            snippet: capitalise(item.description),
            ...refs(item.source),
          },
    ),
  });
  if (answer.table) {
    blocks.push(
      bing
        ? { type: "table", headers: answer.table.header, table: answer.table.rows }
        : { type: "table", table: [answer.table.header, ...answer.table.rows] },
    );
  }
  if (answer.tips.length > 0) {
    blocks.push({ type: "heading", snippet: answer.tipsHeading });
    blocks.push({ type: "list", list: answer.tips.map((snippet) => ({ snippet })) });
  }
  blocks.push({ type: "paragraph", snippet: answer.closing, ...refs(answer.closingSource) });

  const references = cited.map((s, index) => ({
    title: s.title,
    link: random.chance(0.4)
      ? `${s.url}#:~:text=${encodeURIComponent(s.snippet.split(" ").slice(0, 3).join(" "))}`
      : s.url,
    snippet: s.snippet,
    source: s.brand ?? s.domain,
    index,
  }));
  const family = { text_blocks: blocks, references };
  const id = random.token(24, "0123456789abcdef");
  const q = encodeURIComponent(answer.question).replace(/%20/g, "+");
  const params = request.url.searchParams;
  const metadata = {
    id,
    status: "Success",
    json_endpoint: `https://serpapi.com/searches/${id.slice(0, 16)}/${id}.json`,
    created_at: "2026-11-24 08:14:27 UTC",
    processed_at: "2026-11-24 08:14:27 UTC",
    ...(bing
      ? { bing_copilot_url: `https://www.bing.com/copilotsearch?q=${q}` }
      : { google_url: `https://www.google.com/search?q=${q}&hl=${params.get("hl") ?? "en"}` }),
    raw_html_file: `https://serpapi.com/searches/${id.slice(0, 16)}/${id}.html`,
    total_time_taken: Math.round(random.int(300, 1500)) / 100,
  };
  const searchParameters: Record<string, string> = { engine, q: answer.question };
  for (const key of ["hl", "gl", "location", "device", "google_domain"]) {
    const value = params.get(key);
    if (value) searchParameters[key] = value;
  }
  const head = { search_metadata: metadata, search_parameters: searchParameters };
  if (engine === "google") {
    const uncited = answer.sources.filter((s) => !indexOf.has(s.url));
    return {
      ...head,
      search_information: { query_displayed: answer.question, total_results: random.int(100_000, 2_000_000) },
      ai_overview: family,
      organic_results: [...uncited, ...cited].map((s, i) => ({
        position: i + 1,
        title: s.title,
        link: s.url,
        snippet: s.snippet,
        source: s.brand ?? s.domain,
      })),
    };
  }
  // Copilot's title line names no brand, so it cannot change which brand is mentioned first.
  return bing
    ? { ...head, header: phrases[answer.language].listHeadings[0], ...family }
    : { ...head, ...family };
}

export const serpapiWire: WireFormat = {
  provider: "serpapi",
  prefix: "/serpapi",
  basePath: "/serpapi",
  handles: (method, pathname) => method === "GET" && pathname === "/serpapi/search.json",
  hasCredential: (request) => Boolean(request.url.searchParams.get("api_key")?.trim()),
  read,
  errorBody,
  answerBody,
};
