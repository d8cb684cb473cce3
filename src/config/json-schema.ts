import { z } from "zod";
import { queryFileSchema } from "./schema.ts";

/** JSON Schema of the query file as an editor sees it (input side: defaults are optional). */
export function queryFileJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(queryFileSchema, { io: "input", unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  return {
    ...schema,
    $id: "https://github.com/sightline/sightline/queries/schema.json",
    title: "Sightline query file",
    description: "Brand, competitors, engines and buyer questions that Sightline asks AI assistants.",
  };
}
