// Compiles the JSON Schema (draft 2020-12) of the spec's request bodies and 200 responses into small
// validator functions that push one issue — [JSON pointer, message, keyword] — per problem, so the
// published client checks both with no schema library. Why, and the two modes: docs/design/validator-codegen.md.
import {
  type CompiledValidators,
  type CompileEntry,
  type CompileOptions,
  type Compiler,
  schemaAt,
} from "./validators/compiler.js";
import { helpersFor, pointerImport } from "./validators/helpers.js";
import { messages, typeMessage } from "./validators/messages.js";
import { functionFor, node } from "./validators/node.js";
import { isAnnotation, type Schema, type SchemaObject } from "./validators/schema.js";

export type { CompiledValidators, CompileEntry, CompileOptions, Schema, SchemaObject };
export { helpersFor, messages, pointerImport, typeMessage };

/**
 * Compiles validators for the given schemas. `entries` name each top-level validator: `{ name, where }`
 * (`where` is the schema's JSON pointer in the document).
 *
 * Returns JavaScript (TypeScript when `typed`): the validators' constants, one function per schema
 * that needs one, each `(data, pointer, issues) => void`, and the function of each entry by name.
 * Nothing is exported, and the helpers come from {@link helpersFor}: the caller assembles the file.
 */
export function compileValidators(
  document: unknown,
  entries: CompileEntry[],
  { mode, formats = {}, typed = false, prefix = "check" }: CompileOptions,
): CompiledValidators {
  if (mode !== "request" && mode !== "response") throw new Error(`unknown mode ${mode}`);
  const c: Compiler = {
    document,
    tolerant: mode === "response",
    formats,
    prefix,
    typed,
    signature: typed ? "(d: any, p: string, o: RawIssue[]): void" : "(d, p, o)",
    functions: new Map(),
    compiling: new Set(),
    constants: new Map(),
    usedTypes: new Set(),
    node: (schema, d, p, where, depth) => node(c, schema, d, p, where, depth),
  };
  const names = Object.fromEntries(entries.map((entry) => [entry.name, entryFunction(c, entry.where)]));
  return {
    types: [...c.usedTypes].sort(),
    constants: [...c.constants].map(([value, name]) => `const ${name} = ${value};`),
    functions: [...c.functions.values()].map((f) => f.code),
    names,
  };
}

/** An entry that is only a `$ref` (plus annotations) is the referenced schema's function itself. */
function entryFunction(c: Compiler, pointer: string): string {
  const schema = schemaAt(c, pointer);
  if (typeof schema !== "object") return functionFor(c, pointer);
  const keys = Object.keys(schema).filter((key) => !isAnnotation(key));
  return keys.length === 1 && schema.$ref !== undefined ? entryFunction(c, schema.$ref) : functionFor(c, pointer);
}
