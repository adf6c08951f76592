import type { OpenApiDocument } from "./load.js";
import { appendPointer, valueAt } from "./json-pointer.js";

/**
 * Where the Schema Objects of an OpenAPI 3.1 document are, as written (references are not followed):
 * the checks of the spec and the reading of our decisions walk the same schemas.
 */

/** Keywords whose value is one subschema, a list of them, or a map of them (JSON Schema 2020-12). */
const singleSubschema = [
  "items",
  "additionalProperties",
  "unevaluatedProperties",
  "unevaluatedItems",
  "contains",
  "propertyNames",
  "not",
  "if",
  "then",
  "else",
  "contentSchema",
];
const listOfSubschemas = ["allOf", "anyOf", "oneOf", "prefixItems"];
/** Keywords whose value maps names (property names, definition names) to subschemas. */
export const mapOfSubschemas: readonly string[] = ["properties", "patternProperties", "$defs", "dependentSchemas"];

/** The pointers of a schema and of every subschema inside it. */
export function subschemas(spec: OpenApiDocument, root: string): string[] {
  const found: string[] = [];
  const visit = (at: string) => {
    const node = valueAt(spec, at);
    if (node === null || typeof node !== "object" || Array.isArray(node)) return;
    found.push(at);
    const schema = node as Record<string, unknown>;
    for (const key of singleSubschema) if (schema[key] !== undefined) visit(appendPointer(at, key));
    for (const key of listOfSubschemas) {
      const list = schema[key];
      if (Array.isArray(list))
        list.forEach((_, i) => {
          visit(appendPointer(at, key, i));
        });
    }
    for (const key of mapOfSubschemas) {
      const map = schema[key];
      if (map && typeof map === "object") for (const name of Object.keys(map)) visit(appendPointer(at, key, name));
    }
  };
  visit(root);
  return found;
}

/**
 * Where schemas start in an OpenAPI document: `components/schemas/*` and the `schema` of every media
 * type, header and parameter (found by walking the document outside of schemas).
 */
export function schemaRoots(spec: OpenApiDocument): string[] {
  const roots: string[] = [];
  const componentSchemas = valueAt(spec, "/components/schemas");
  if (componentSchemas && typeof componentSchemas === "object") {
    for (const name of Object.keys(componentSchemas)) roots.push(appendPointer("/components/schemas", name));
  }
  for (const holder of schemaHolders(spec)) roots.push(appendPointer(holder, "schema"));
  return roots;
}

/** Every Schema Object of the document, root schemas and their subschemas, in document order. */
export function everySchema(spec: OpenApiDocument): string[] {
  return [...new Set(schemaRoots(spec).flatMap((root) => subschemas(spec, root)))];
}

/** Objects outside `components/schemas` that have a `schema` field: media types, headers, parameters. */
export function schemaHolders(spec: OpenApiDocument): string[] {
  const holders: string[] = [];
  const walk = (node: unknown, at: string) => {
    if (node === null || typeof node !== "object") return;
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        walk(item, appendPointer(at, i));
      });
      return;
    }
    const object = node as Record<string, unknown>;
    if (object["schema"] !== undefined && typeof object["schema"] === "object") holders.push(at);
    for (const [key, value] of Object.entries(object)) {
      // Schemas are walked by subschemas(); examples are data, not spec structure.
      if (key === "schema" || key === "example" || key === "examples") continue;
      if (at === "/components" && key === "schemas") continue;
      walk(value, appendPointer(at, key));
    }
  };
  walk(spec, "");
  return holders;
}
