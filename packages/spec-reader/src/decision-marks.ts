import { appendPointer, tokensOf, valueAt } from "./json-pointer.js";
import type { OpenApiDocument } from "./load.js";
import { everySchema, mapOfSubschemas } from "./schema-locations.js";

/**
 * The vendor extension that marks a decision: on a Schema Object, an object mapping each keyword of
 * that schema which is the project's own (not stated by Gong's pages) to the reason for it.
 *
 * ```yaml
 * NonEmptyId:
 *   type: string
 *   minLength: 1
 *   x-gong-flows-decision:
 *     minLength: "No empty id: …"
 * ```
 */
export const decisionKeyword = "x-gong-flows-decision";

/** A Schema Object that carries {@link decisionKeyword}, as written (whether it is well formed is not judged here). */
export interface DecisionMark {
  /** JSON pointer to the schema: `/components/schemas/NonEmptyId`. */
  readonly schemaPointer: string;
  readonly schema: Readonly<Record<string, unknown>>;
  /** The extension's value. */
  readonly mark: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * Every decision mark of a spec and every misplaced one: `marks` on Schema Objects, in document order,
 * and `misplaced`, the pointers of objects outside the schemas that carry the extension (read by no one).
 */
export function decisionMarks(spec: OpenApiDocument): { marks: DecisionMark[]; misplaced: string[] } {
  const schemas = everySchema(spec);
  const marks: DecisionMark[] = [];
  for (const schemaPointer of schemas) {
    const schema = valueAt(spec, schemaPointer);
    if (isObject(schema) && Object.hasOwn(schema, decisionKeyword))
      marks.push({ schemaPointer, schema, mark: schema[decisionKeyword] });
  }
  return { marks, misplaced: misplaced(spec, new Set(schemas)) };
}

/** Objects outside the document's schemas that carry the extension. */
function misplaced(spec: OpenApiDocument, schemas: ReadonlySet<string>): string[] {
  const found: string[] = [];
  const walk = (node: unknown, at: string) => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        walk(item, appendPointer(at, i));
      });
      return;
    }
    if (!isObject(node)) return;
    // In `properties` (and the like) of a schema, keys are names, not fields.
    const tokens = tokensOf(at);
    const isNameMap =
      tokens.length > 0 &&
      mapOfSubschemas.includes(tokens[tokens.length - 1]!) &&
      schemas.has(at.slice(0, at.lastIndexOf("/")));
    if (!isNameMap && Object.hasOwn(node, decisionKeyword) && !schemas.has(at)) found.push(at);
    for (const [key, value] of Object.entries(node)) {
      // Examples and values are data, not spec structure.
      if (!isNameMap && ["example", "examples", "default", "const", "enum"].includes(key)) continue;
      walk(value, appendPointer(at, key));
    }
  };
  walk(spec, "");
  return found;
}
