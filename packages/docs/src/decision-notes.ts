/**
 * Makes the spec's own decisions visible in the rendered page. Redoc ignores unknown vendor
 * extensions, so each `x-gong-flows-decision` entry becomes a line of its schema's description,
 * "gong-flows decision (`minLength`): the reason", which every renderer shows.
 */

import { decisionKeyword, refTarget } from "@gong-flows/spec-reader";

/** The words that open every note, so a reader (and the page's test) can find them. */
export const decisionLabel = "gong-flows decision";

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** The notes of one schema's decisions, one Markdown paragraph each, in the spec's order. */
export function decisionNotes(schema: Json): string[] {
  const marked = schema[decisionKeyword];
  if (!isObject(marked)) return [];
  return Object.entries(marked).map(
    ([keyword, reason]) => `**${decisionLabel}** (\`${keyword}\`): ${String(reason).trim()}`,
  );
}

function withNotes(description: unknown, notes: readonly string[]): string {
  const text = typeof description === "string" ? description.trimEnd() : "";
  return [text, ...notes].filter((part) => part.length > 0).join("\n\n");
}

/** The local schema a `$ref` points at (`#/components/schemas/Name`), or undefined. */
function schemaAt(spec: Json, ref: unknown): Json | undefined {
  if (typeof ref !== "string" || !ref.startsWith("#/")) return undefined;
  const node = refTarget(spec, ref);
  return isObject(node) ? node : undefined;
}

/**
 * Returns a copy of the spec in which every schema that carries decisions says so in its description.
 * A `$ref` with a sibling `description` replaces its target's description on the page (OpenAPI 3.1),
 * so the target's notes are repeated there too.
 */
export function markDecisions(spec: Json): Json {
  const copy = structuredClone(spec);
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!isObject(node)) return;
    for (const value of Object.values(node)) visit(value);
    const own = decisionNotes(node);
    const target = typeof node.description === "string" ? schemaAt(spec, node.$ref) : undefined;
    const inherited = target ? decisionNotes(target) : [];
    if (own.length + inherited.length > 0) node.description = withNotes(node.description, [...own, ...inherited]);
  };
  visit(copy);
  return copy;
}
