import { appendPointer, pointer, tokensOf, valueAt } from "./json-pointer.js";
import type { OpenApiDocument } from "./document.js";

/**
 * One of the project's own decisions: a constraint of the spec that Gong's pages do not state, marked
 * in `components.x-gong-flows-decision` by the JSON pointer of its keyword, with the reason for it.
 * Prism and our mocks are held to decisions like to everything else; a live server is held to them
 * only with `--strict`, and otherwise the suite reports what it did.
 */
export interface Decision {
  /** JSON pointer to the keyword in the spec: `/components/schemas/NonEmptyId/minLength`. */
  readonly pointer: string;
  /** The schema the keyword belongs to: `/components/schemas/NonEmptyId`. */
  readonly schemaPointer: string;
  /** The keyword: `minLength`. */
  readonly keyword: string;
  readonly reason: string;
}

/** Where the spec keeps its decisions. */
export const decisionsPointer = pointer("components", "x-gong-flows-decision");

/**
 * The decisions a spec marks, in the order it lists them. Entries that do not point at a keyword of
 * the document are ignored here (`pnpm lint:spec` refuses them).
 */
export function decisionsOf(spec: OpenApiDocument): Decision[] {
  const map = valueAt(spec, decisionsPointer);
  if (map === null || typeof map !== "object" || Array.isArray(map)) return [];
  const decisions: Decision[] = [];
  for (const [ref, reason] of Object.entries(map as Record<string, unknown>)) {
    if (!ref.startsWith("#/") || typeof reason !== "string") continue;
    const at = decodeURIComponent(ref.slice(1));
    const tokens = tokensOf(at);
    const keyword = tokens[tokens.length - 1];
    const schemaPointer = pointer(...tokens.slice(0, -1));
    if (keyword === undefined || valueAt(spec, at) === undefined) continue;
    decisions.push({ pointer: at, schemaPointer, keyword, reason: reason.trim() });
  }
  return decisions;
}

/** The decision that is the keyword `keyword` of the schema at `schemaPointer`, if it is one. */
export function decisionAt(decisions: readonly Decision[], schemaPointer: string, keyword: string): Decision | undefined {
  const at = appendPointer(schemaPointer, keyword);
  return decisions.find((decision) => decision.pointer === at);
}

/**
 * The spec as Gong documents it: a copy with every decision's keyword removed (no `minLength` on ids,
 * unknown properties allowed, no email format, any status string). What a live server is held to
 * when the run is not strict.
 */
export function withoutDecisions(spec: OpenApiDocument, decisions: readonly Decision[] = decisionsOf(spec)): OpenApiDocument {
  const copy = structuredClone(spec);
  for (const decision of decisions) {
    const schema = valueAt(copy, decision.schemaPointer);
    if (schema !== null && typeof schema === "object" && !Array.isArray(schema)) {
      delete (schema as Record<string, unknown>)[decision.keyword];
    }
  }
  return copy;
}
