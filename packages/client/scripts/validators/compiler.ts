// The state of one compilation, and the small pieces of code every keyword's check is written with.
import { escapeToken, refTarget } from "@gong-flows/spec-reader";
import { isAnnotation, isLeaf, type Schema, type SchemaObject, typeTests } from "./schema.js";

export interface CompileEntry {
  /** The name the validator goes by in `names`. */
  name: string;
  /** The JSON pointer of its schema in the document (`#/components/schemas/X`). */
  where: string;
}

export interface CompileOptions {
  mode: "request" | "response";
  /** The format checks, by format name. */
  formats?: Record<string, RegExp>;
  /** Emit TypeScript (annotated parameters) instead of JavaScript. */
  typed?: boolean;
  /** Prefix of the generated names. */
  prefix?: string;
}

export interface CompiledValidators {
  /** The JSON types the code tests for (the helpers need them). */
  types: string[];
  constants: string[];
  functions: string[];
  /** The function of each entry, by entry name: `(data, pointer, issues) => void`. */
  names: Record<string, string>;
}

/** One compilation: its options, what it has written so far, and the schema compiler itself. */
export interface Compiler {
  readonly document: unknown;
  /** Response mode: `enum`, `const` and `format` are not asserted. */
  readonly tolerant: boolean;
  readonly formats: Record<string, RegExp>;
  readonly prefix: string;
  /** TypeScript output: parameters annotated, and `kinds` a record by name. */
  readonly typed: boolean;
  /** The generated functions' parameter list. */
  readonly signature: string;
  /** JSON pointer → generated function (its code filled in once compiled). */
  readonly functions: Map<string, { name: string; code: string }>;
  /** The pointers being compiled: a `$ref` to one of them is a call, never inlined (recursion). */
  readonly compiling: Set<string>;
  /** A constant's code → its name. */
  readonly constants: Map<string, string>;
  /** The JSON types the code tests for (the helpers need them). */
  readonly usedTypes: Set<string>;
  /** The code that checks `d` against `schema`: the compiler's entry for nested schemas. */
  node(schema: Schema | undefined, d: string, p: string, where: string, depth: number): string;
}

/** The schema at a JSON pointer of the document. */
export function schemaAt(c: Compiler, ref: string): Schema {
  return refTarget(c.document, ref) as Schema;
}

/** The statement that pushes one issue. */
export function push(path: string, message: string, keyword: string): string {
  return `o.push([${path}, ${JSON.stringify(message)}, ${JSON.stringify(keyword)}]);`;
}

/** The name of a constant holding `value` (code), declared once however often it is used. */
export function constant(c: Compiler, value: string): string {
  if (!c.constants.has(value)) c.constants.set(value, `${c.prefix}k${c.constants.size}`);
  return c.constants.get(value) as string;
}

/** The JSON-pointer segment of a property name, as a string literal. */
export function segment(name: string): string {
  return JSON.stringify(`/${escapeToken(name)}`);
}

/** The keywords of a schema that this mode asserts (annotations, extensions and tolerated keywords left out). */
export function asserted(c: Compiler, schema: SchemaObject): string[] {
  return Object.keys(schema).filter(
    (key) => !isAnnotation(key) && !(c.tolerant && ["enum", "const", "format"].includes(key)),
  );
}

/**
 * The type of a schema that asserts nothing but a type (after inlining a leaf `$ref`), as the
 * `property` helper takes it ("string", "integer|null"); undefined for any other schema.
 */
export function typeOnly(c: Compiler, schema: Schema): string | undefined {
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) return undefined;
  let keys = asserted(c, schema);
  let type = schema.type;
  if (keys.includes("$ref") && schema.$ref !== undefined) {
    const target = schemaAt(c, schema.$ref);
    if (c.compiling.has(schema.$ref) || !isLeaf(target) || typeof target !== "object") return undefined;
    if (type !== undefined && target.type !== undefined) return undefined;
    type ??= target.type;
    keys = [...keys.filter((k) => k !== "$ref"), ...asserted(c, target)];
  }
  if (keys.length !== 1 || keys[0] !== "type" || type === undefined) return undefined;
  const types = [type].flat();
  if (!types.every((t) => t in typeTests)) return undefined;
  for (const t of types) c.usedTypes.add(t);
  return types.join("|");
}
