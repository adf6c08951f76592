// Types of validator-codegen.mjs, for the tests that compile scratch schemas with it.
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
export function compileValidators(document: unknown, entries: CompileEntry[], options: CompileOptions): CompiledValidators;
/** The helpers the code of the compilations calls, once for all of them. */
export function helpersFor(compilations: CompiledValidators[], options?: { typed?: boolean }): string[];
export function pointerSegment(name: string): string;
export function typeMessage(types: string[]): string;
export const messages: {
  required: string;
  additionalProperties: string;
  false: string;
  minItems(n: number): string;
  maxItems(n: number): string;
  minLength(n: number): string;
  maxLength(n: number): string;
  pattern(p: string): string;
  format(f: string): string;
  minimum(n: number): string;
  maximum(n: number): string;
  exclusiveMinimum(n: number): string;
  exclusiveMaximum(n: number): string;
  enum(values: unknown[]): string;
  const(value: unknown): string;
};
