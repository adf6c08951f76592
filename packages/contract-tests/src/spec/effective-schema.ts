import { appendPointer, pointerOfRef, valueAt } from "@gong-flows/spec-reader";
import type { OpenApiDocument } from "./document.js";

/**
 * A schema with its `$ref` and `allOf` merged into one flat description, and its subschemas kept as
 * pointers into the spec. The request generators (valid and invalid bodies) work from this, so that
 * they read the spec's own constraints instead of a hand-written copy.
 */
export interface EffectiveSchema {
  pointer: string;
  type: string | undefined;
  /** Property name → pointer of its schema. */
  properties: Map<string, string>;
  required: string[];
  /** `false` when unknown properties are forbidden. */
  additionalProperties: boolean | undefined;
  items: string | undefined;
  minItems: number | undefined;
  maxItems: number | undefined;
  minLength: number | undefined;
  maxLength: number | undefined;
  minimum: number | undefined;
  maximum: number | undefined;
  format: string | undefined;
  /** A regular expression a string must match (ECMA-262, unanchored as JSON Schema says). */
  pattern: string | undefined;
  /** True when the items of an array must be distinct. */
  uniqueItems: boolean;
  /** Pointers of the alternatives of an `anyOf`/`oneOf`: a value valid against one of them is valid. */
  alternatives: string[] | undefined;
  enum: unknown[] | undefined;
  examples: unknown[];
  /** Keywords found that the generators do not understand; they refuse such a schema. */
  unsupported: string[];
  /**
   * Where each constraint came from: keyword → pointer of the schema (the one `$ref`/`allOf` led to)
   * whose keyword the merged value is. How a broken constraint is traced to a decision of the spec.
   */
  sources: Map<string, string>;
}

/** Keywords that only annotate, and keywords merged above: neither is "unsupported". */
const annotations = new Set([
  "description",
  "title",
  "examples",
  "example",
  "$comment",
  "deprecated",
  "default",
  "readOnly",
  "writeOnly",
  "externalDocs",
]);
const understood = new Set([
  "$ref",
  "allOf",
  "type",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "minItems",
  "maxItems",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "format",
  "pattern",
  "uniqueItems",
  "anyOf",
  "oneOf",
  "enum",
]);

/** Resolves the schema at `at` (following `$ref` and merging `allOf`) into an {@link EffectiveSchema}. */
export function effectiveSchema(spec: OpenApiDocument, at: string): EffectiveSchema {
  const merged: EffectiveSchema = {
    pointer: at,
    type: undefined,
    properties: new Map(),
    required: [],
    additionalProperties: undefined,
    items: undefined,
    minItems: undefined,
    maxItems: undefined,
    minLength: undefined,
    maxLength: undefined,
    minimum: undefined,
    maximum: undefined,
    format: undefined,
    pattern: undefined,
    uniqueItems: false,
    alternatives: undefined,
    enum: undefined,
    examples: [],
    unsupported: [],
    sources: new Map(),
  };
  mergeInto(spec, at, merged, 0);
  return merged;
}

function mergeInto(spec: OpenApiDocument, at: string, into: EffectiveSchema, depth: number): void {
  if (depth > 32) throw new Error(`spec: schema $ref cycle at ${at}`);
  const node = valueAt(spec, at);
  if (node === true || node === undefined) return;
  if (node === null || typeof node !== "object" || Array.isArray(node)) throw new Error(`spec: no schema at ${at}`);
  const schema = node as Record<string, unknown>;

  for (const key of Object.keys(schema)) {
    if (!understood.has(key) && !annotations.has(key) && !key.startsWith("x-")) into.unsupported.push(`${at}: ${key}`);
  }
  if (Array.isArray(schema["examples"])) into.examples.push(...schema["examples"]);
  if (typeof schema["$ref"] === "string") {
    mergeInto(spec, pointerOfRef(schema["$ref"]), into, depth + 1);
  }
  if (Array.isArray(schema["allOf"])) {
    schema["allOf"].forEach((_, i) => {
      mergeInto(spec, appendPointer(at, "allOf", i), into, depth + 1);
    });
  }
  // The first schema to state a keyword is its source; later ones only narrow a bound further, and
  // narrowing also moves the source there.
  const track = (keyword: string, changed: boolean) => {
    if (changed || (schema[keyword] !== undefined && !into.sources.has(keyword))) into.sources.set(keyword, at);
  };
  for (const keyword of ["type", "required", "format", "pattern", "uniqueItems", "enum"]) track(keyword, false);
  // additionalProperties is the one keyword where the last schema merged wins (see below).
  track("additionalProperties", typeof schema["additionalProperties"] === "boolean");
  if (typeof schema["type"] === "string") into.type ??= schema["type"];
  else if (schema["type"] !== undefined) into.unsupported.push(`${at}: type ${JSON.stringify(schema["type"])}`);
  const properties = schema["properties"];
  if (properties && typeof properties === "object") {
    for (const name of Object.keys(properties)) into.properties.set(name, appendPointer(at, "properties", name));
  }
  if (Array.isArray(schema["required"]))
    into.required = [...new Set([...into.required, ...(schema["required"] as string[])])];
  if (typeof schema["additionalProperties"] === "boolean") into.additionalProperties = schema["additionalProperties"];
  else if (schema["additionalProperties"] !== undefined)
    into.unsupported.push(`${at}: additionalProperties as a schema`);
  if (schema["items"] !== undefined) into.items = appendPointer(at, "items");
  const bound = (
    keyword: "minItems" | "maxItems" | "minLength" | "maxLength" | "minimum" | "maximum",
    pick: typeof larger,
  ) => {
    const next = pick(into[keyword], schema[keyword]);
    track(keyword, next !== into[keyword]);
    into[keyword] = next;
  };
  bound("minItems", larger);
  bound("maxItems", smaller);
  bound("minLength", larger);
  bound("maxLength", smaller);
  bound("minimum", larger);
  bound("maximum", smaller);
  if (typeof schema["format"] === "string") into.format ??= schema["format"];
  if (typeof schema["pattern"] === "string") into.pattern ??= schema["pattern"];
  if (schema["uniqueItems"] === true) into.uniqueItems = true;
  for (const keyword of ["anyOf", "oneOf"]) {
    const forms = schema[keyword];
    if (!Array.isArray(forms)) continue;
    if (into.alternatives) into.unsupported.push(`${at}: ${keyword} beside another anyOf/oneOf`);
    into.alternatives = forms.map((_, i) => appendPointer(at, keyword, i));
  }
  if (Array.isArray(schema["enum"])) into.enum ??= schema["enum"];
}

function larger(current: number | undefined, next: unknown): number | undefined {
  if (typeof next !== "number") return current;
  return current === undefined ? next : Math.max(current, next);
}

function smaller(current: number | undefined, next: unknown): number | undefined {
  if (typeof next !== "number") return current;
  return current === undefined ? next : Math.min(current, next);
}

/** Throws when a schema uses keywords the generators cannot honour, naming them. */
export function assertGeneratable(schema: EffectiveSchema): void {
  if (schema.unsupported.length > 0) {
    throw new Error(
      `the request generators do not understand ${schema.unsupported.join("; ")}: ` +
        "extend packages/contract-tests/src/effective-schema.ts and the generators before relying on it",
    );
  }
}
