// The JSON Schema vocabulary the validator compiler reads: the keywords it implements, those it skips.

/** A Schema Object as the spec writes it: the keywords the compiler reads, typed; any other unknown. */
export interface SchemaObject {
  $ref?: string;
  allOf?: unknown;
  anyOf?: unknown;
  oneOf?: unknown;
  type?: string | string[];
  enum?: unknown;
  const?: unknown;
  required?: string[];
  properties?: Record<string, Schema>;
  additionalProperties?: Schema;
  items?: Schema | Schema[];
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  [keyword: string]: unknown;
}
export type Schema = boolean | SchemaObject;

/** Keywords that only annotate a schema, and are skipped. (`x-…` extensions are skipped too.) */
const annotations = new Set([
  "$comment",
  "$id",
  "$schema",
  "$anchor",
  "title",
  "description",
  "summary",
  "default",
  "examples",
  "example",
  "deprecated",
  "readOnly",
  "writeOnly",
  "externalDocs",
  "xml",
  "contentMediaType",
  "contentEncoding",
]);

/** The keywords the compiler implements (besides annotations). */
const implemented = new Set([
  "$ref",
  "allOf",
  "anyOf",
  "oneOf",
  "type",
  "enum",
  "const",
  "required",
  "properties",
  "additionalProperties",
  "items",
  "minItems",
  "maxItems",
  "uniqueItems",
  "minLength",
  "maxLength",
  "pattern",
  "format",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
]);

/** The JSON types a schema may name, each with the code that tests a value for it. */
export const typeTests: Record<string, (d: string) => string> = {
  string: (d) => `typeof ${d} === "string"`,
  number: (d) => `(typeof ${d} === "number" && isFinite(${d}))`,
  integer: (d) => `Number.isInteger(${d})`,
  boolean: (d) => `typeof ${d} === "boolean"`,
  null: (d) => `${d} === null`,
  array: (d) => `Array.isArray(${d})`,
  object: (d) => `isObject(${d})`,
};

/** True for a keyword that only annotates (or extends) a schema. */
export function isAnnotation(key: string): boolean {
  return annotations.has(key) || key.startsWith("x-");
}

/** Fails with the schema's JSON pointer when it uses a keyword the compiler does not implement. */
export function assertImplemented(schema: SchemaObject, where: string): void {
  for (const key of Object.keys(schema)) {
    if (isAnnotation(key) || implemented.has(key)) continue;
    throw new Error(
      `${where}: the keyword "${key}" is not supported by the client's validator generator (scripts/validator-codegen.ts)`,
    );
  }
}

/** True for a schema small enough to inline at each use: no nested schema, no $ref. */
export function isLeaf(schema: Schema): boolean {
  if (typeof schema === "boolean") return true;
  return !["$ref", "allOf", "anyOf", "oneOf", "properties", "additionalProperties", "items"].some((k) => k in schema);
}
