import type { ProviderLookup } from "./engines.ts";
import type { PathSegment } from "./positions.ts";
import { deriveQuestionId } from "./query-file.ts";

/**
 * Checks across entries (a brand listed twice, an alias shared by two brands, duplicate question ids,
 * unknown engines). They read the raw document leniently, so they report even when other parts of
 * the file fail the schema: a user sees every problem in one go.
 */
export interface CrossProblem {
  path: PathSegment[];
  message: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export function crossCheck(
  raw: unknown,
  lookup: ProviderLookup,
  knownIds: readonly string[],
): CrossProblem[] {
  if (!isRecord(raw)) return [];
  return [...checkBrands(raw), ...checkQuestions(raw), ...checkEngines(raw, lookup, knownIds)];
}

function checkBrands(raw: Record<string, unknown>): CrossProblem[] {
  const problems: CrossProblem[] = [];
  const entries: { brand: unknown; path: PathSegment[] }[] = [
    { brand: raw.brand, path: ["brand"] },
    ...asArray(raw.competitors).map((brand, i) => ({ brand, path: ["competitors", i] })),
  ];
  const names = new Map<string, string>();
  const aliasOwner = new Map<string, string>();
  for (const { brand, path } of entries) {
    if (!isRecord(brand) || typeof brand.name !== "string") continue;
    const name = brand.name.trim();
    const first = names.get(name.toLocaleLowerCase());
    if (first !== undefined)
      problems.push({ path: [...path, "name"], message: `brand '${name}' is listed twice (also ${first})` });
    else names.set(name.toLocaleLowerCase(), path.join("."));
    const texts = [name, ...asArray(brand.aliases).map((a) => (isRecord(a) ? a.text : a))];
    texts.forEach((text, i) => {
      if (typeof text !== "string") return;
      const key = text.trim().toLocaleLowerCase();
      const owner = aliasOwner.get(key);
      if (owner !== undefined && owner !== name && i > 0) {
        problems.push({
          path: [...path, "aliases", i - 1],
          message: `alias '${text}' also belongs to brand '${owner}'`,
        });
      }
      if (owner === undefined) aliasOwner.set(key, name);
    });
  }
  return problems;
}

function checkQuestions(raw: Record<string, unknown>): CrossProblem[] {
  const problems: CrossProblem[] = [];
  const seen = new Map<string, number>();
  asArray(raw.questions).forEach((q, i) => {
    if (!isRecord(q)) return;
    const explicit = typeof q.id === "string" ? q.id : undefined;
    const id = explicit ?? (typeof q.text === "string" ? deriveQuestionId(q.text.trim()) : undefined);
    if (id === undefined) return;
    const previous = seen.get(id);
    if (previous !== undefined) {
      problems.push({
        path: ["questions", i, explicit ? "id" : "text"],
        message: `duplicate question id '${id}' (also questions.${previous})`,
      });
    } else {
      seen.set(id, i);
    }
  });
  return problems;
}

function checkEngines(
  raw: Record<string, unknown>,
  lookup: ProviderLookup,
  knownIds: readonly string[],
): CrossProblem[] {
  const problems: CrossProblem[] = [];
  asArray(raw.engines).forEach((entry, i) => {
    const id =
      typeof entry === "string"
        ? entry
        : isRecord(entry) && typeof entry.id === "string"
          ? entry.id
          : undefined;
    if (id !== undefined && !lookup(id)) {
      problems.push({
        path: typeof entry === "string" ? ["engines", i] : ["engines", i, "id"],
        message: `unknown engine '${id}' (known: ${knownIds.join(", ")})`,
      });
    }
  });
  return problems;
}
