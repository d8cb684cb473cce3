import { readFile, stat } from "node:fs/promises";
import { isPair, isScalar, LineCounter, parseDocument, visit } from "yaml";
import type { TrackedBrand } from "../core/brands.ts";
import { ConfigError, type ConfigIssue } from "../core/errors.ts";
import { crossCheck } from "./cross-checks.ts";
import { type ProviderLookup, resolveEngines } from "./engines.ts";
import { issueAt, keyOffset, nodeOffset, type PathSegment } from "./positions.ts";
import { deriveQuestionId, type QueryFile, type Question, questionVersion } from "./query-file.ts";
import { type ParsedQueryFile, queryFileSchema } from "./schema.ts";
import { isSecretKeyName, secretAdvice, secretKind } from "./secrets.ts";

/** Largest query file accepted: a query file is a list of questions, not a data dump. */
export const MAX_QUERY_FILE_BYTES = 1024 * 1024;

export interface LoadOptions {
  lookup: ProviderLookup;
  knownIds: readonly string[];
}

/** Reads and validates a query file; throws `ConfigError` listing every problem with file:line:col. */
export async function loadQueryFile(path: string, options: LoadOptions): Promise<QueryFile> {
  let bytes: Uint8Array;
  try {
    const info = await stat(path);
    if (info.size > MAX_QUERY_FILE_BYTES) {
      throw new ConfigError([
        {
          file: path,
          line: 1,
          col: 1,
          path: "",
          message: `file is ${info.size} bytes; at most 1 MB is accepted`,
        },
      ]);
    }
    bytes = await readFile(path);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : String(error);
    throw new ConfigError([{ file: path, line: 0, col: 0, path: "", message: `cannot read: ${why}` }]);
  }
  const { file, issues } = parseQueryFile(path, bytes, options);
  if (!file || issues.length > 0) throw new ConfigError(issues);
  return file;
}

/** Pure core of `loadQueryFile`: bytes in, a resolved file or the complete list of problems out. */
export function parseQueryFile(
  path: string,
  bytes: Uint8Array,
  options: LoadOptions,
): { file?: QueryFile; issues: ConfigIssue[] } {
  const lines = new LineCounter();
  const at = (offset: number, p: readonly PathSegment[], message: string) =>
    issueAt(path, lines, offset, p, message);
  if (bytes.byteLength > MAX_QUERY_FILE_BYTES) {
    return {
      issues: [
        {
          file: path,
          line: 1,
          col: 1,
          path: "",
          message: `file is ${bytes.byteLength} bytes; at most 1 MB is accepted`,
        },
      ],
    };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const lossy = new TextDecoder("utf-8").decode(bytes);
    const bad = lossy.indexOf("\uFFFD");
    const before = lossy.slice(0, Math.max(0, bad));
    const line = before.split("\n").length;
    const col = bad - before.lastIndexOf("\n");
    return {
      issues: [{ file: path, line, col, path: "", message: "file is not valid UTF-8 (save it as UTF-8)" }],
    };
  }
  if (text.startsWith("\uFEFF")) text = text.slice(1);

  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const issues: ConfigIssue[] = doc.errors.map((e) =>
    at(e.pos[0], [], yamlMessage(e.code, e.message, /^[^:\n]*/.exec(text.slice(e.pos[0]))?.[0] ?? "")),
  );

  const secretOffsets = new Set<number>();
  visit(doc, {
    Pair(_, pair, ancestry) {
      if (!isScalar(pair.key)) return;
      const name = String(pair.key.value);
      const kind =
        isScalar(pair.value) && typeof pair.value.value === "string" ? secretKind(pair.value.value) : null;
      if (kind || isSecretKeyName(name)) {
        const offset = pair.key.range?.[0] ?? 0;
        secretOffsets.add(offset);
        if (isScalar(pair.value)) secretOffsets.add(pair.value.range?.[0] ?? -1);
        issues.push(
          at(offset, pathOf(ancestry, name), kind ? `looks like ${kind}: ${secretAdvice}` : secretAdvice),
        );
      }
    },
    Scalar(_, node) {
      const kind = typeof node.value === "string" ? secretKind(node.value) : null;
      const offset = node.range?.[0] ?? 0;
      if (kind && !secretOffsets.has(offset))
        issues.push(at(offset, [], `looks like ${kind}: ${secretAdvice}`));
    },
  });

  const raw: unknown = doc.toJS({ maxAliasCount: 100 }) ?? {};
  for (const problem of crossCheck(raw, options.lookup, options.knownIds)) {
    issues.push(at(nodeOffset(doc, problem.path), problem.path, problem.message));
  }
  const parsed = queryFileSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const p = issue.path.map((s) => (typeof s === "symbol" ? String(s) : s));
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) {
          const offset = keyOffset(doc, p, key) ?? nodeOffset(doc, p);
          if (!secretOffsets.has(offset)) issues.push(at(offset, [...p, key], "unknown key"));
        }
      } else {
        issues.push(at(nodeOffset(doc, p), p, issue.message));
      }
    }
    return { issues: sortIssues(issues) };
  }
  const data = parsed.data;
  const brands = resolveBrands(data);
  const questions = resolveQuestions(data);
  const { engines, problems } = resolveEngines(data.engines, data.samples, options.lookup);
  for (const problem of problems) {
    const offset = problem.key
      ? (keyOffset(doc, problem.path, problem.key) ?? nodeOffset(doc, problem.path))
      : nodeOffset(doc, problem.path);
    issues.push(at(offset, problem.key ? [...problem.path, problem.key] : problem.path, problem.message));
  }
  if (issues.length > 0) return { issues: sortIssues(issues) };
  const file: QueryFile = {
    path,
    brands,
    engines,
    samples: data.samples,
    locale: data.locale,
    categories: data.categories,
    questions,
    ...(data.maxCostUsd === undefined ? {} : { maxCostUsd: data.maxCostUsd }),
    ...(data.schedule ? { schedule: data.schedule } : {}),
    ...(data.report ? { report: data.report } : {}),
  };
  return { file, issues: [] };
}

function resolveBrands(data: ParsedQueryFile): TrackedBrand[] {
  type Entry = { b: ParsedQueryFile["brand"]; role: TrackedBrand["role"] };
  const entries: Entry[] = [
    { b: data.brand, role: "own" },
    ...data.competitors.map((b) => ({ b, role: "competitor" as const })),
  ];
  return entries.map(({ b, role }) => {
    const aliases = new Map<string, { text: string; caseSensitive: boolean }>();
    aliases.set(b.name, { text: b.name, caseSensitive: false });
    for (const a of b.aliases) {
      const alias = typeof a === "string" ? { text: a, caseSensitive: false } : a;
      aliases.set(alias.text, alias); // an alias entry with the name's text overrides its options (spec §2.2)
    }
    return { name: b.name, role, aliases: [...aliases.values()], domains: [...new Set(b.domains)] };
  });
}

function resolveQuestions(data: ParsedQueryFile): Question[] {
  return data.questions.map((q) => {
    const id = q.id ?? deriveQuestionId(q.text);
    return {
      id,
      derivedId: q.id === undefined,
      text: q.text,
      version: questionVersion(q.text),
      stage: q.stage,
      tags: q.tags,
      ...(q.persona ? { persona: q.persona } : {}),
      locale: q.locale ?? data.locale,
    };
  });
}

function pathOf(ancestry: readonly unknown[], last: string): PathSegment[] {
  const out: PathSegment[] = [];
  for (let i = 0; i < ancestry.length; i++) {
    const node = ancestry[i];
    if (isPair(node) && isScalar(node.key)) out.push(String(node.key.value));
    const next = ancestry[i + 1];
    if (next !== undefined && node && typeof node === "object" && "items" in node && !isPair(next)) {
      const items = (node as { items: unknown[] }).items;
      const index = items.indexOf(next);
      if (index >= 0 && !isPair(items[index])) out.push(index);
    }
  }
  return [...out, last];
}

function yamlMessage(code: string, message: string, source: string): string {
  if (code === "DUPLICATE_KEY")
    return `duplicate key '${source.trim()}' (each key may appear once per mapping)`;
  if (code === "TAB_AS_INDENT") return "tabs are not allowed for indentation in YAML; use spaces";
  return `YAML: ${message.split("\n")[0]}`;
}

function sortIssues(issues: ConfigIssue[]): ConfigIssue[] {
  return issues.sort((a, b) => a.line - b.line || a.col - b.col);
}
