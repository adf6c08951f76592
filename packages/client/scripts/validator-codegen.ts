// Compiles the JSON Schema (draft 2020-12) of the spec's request bodies and 200 responses into small
// validator functions: plain JavaScript that checks exactly the keywords the spec uses and pushes one
// issue — [JSON pointer, message, keyword] — per problem. The published client runs them with no schema
// library and no copy of the schemas.
//
// Why not Ajv's standalone output: it is built for every keyword and every option, and weighs several
// times what these schemas need (see docs/benchmarks.md). Ajv stays the reference: the client's tests
// check on generated inputs that these validators and Ajv 2020 agree (test/validator-generator.test.ts).
//
// Two modes, one compiler:
//   request   every keyword is an assertion, `format: email` included: what we send is held to the
//             spec, our own stricter rules included.
//   response  tolerant where Gong is known to move: `enum` and `const` are not asserted (Gong adds
//             statuses; its newer published spec lists values its pages do not), and `format` is an
//             annotation (draft 2020-12's default; the spec's "responses are tolerant" rule). Every
//             other keyword holds: types, required properties, array and object shapes.
//
// A keyword this compiler does not implement fails the generation with the JSON pointer of the schema
// that uses it, so that a spec edit can never be silently unchecked.
import { escapeToken, refTarget } from "@gong-flows/spec-reader";

/** A Schema Object as the spec writes it: the keywords this compiler reads, typed; any other unknown. */
export interface SchemaObject {
  $ref?: string;
  allOf?: unknown;
  type?: string | string[];
  enum?: unknown;
  const?: unknown;
  required?: string[];
  properties?: Record<string, Schema>;
  additionalProperties?: Schema;
  items?: Schema | Schema[];
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  [keyword: string]: unknown;
}
export type Schema = boolean | SchemaObject;

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

/** The keywords this compiler implements (besides annotations). */
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

const typeTests: Record<string, (d: string) => string> = {
  string: (d) => `typeof ${d} === "string"`,
  number: (d) => `(typeof ${d} === "number" && isFinite(${d}))`,
  integer: (d) => `Number.isInteger(${d})`,
  boolean: (d) => `typeof ${d} === "boolean"`,
  null: (d) => `${d} === null`,
  array: (d) => `Array.isArray(${d})`,
  object: (d) => `isObject(${d})`,
};

/** "must be a string", "must be an object or null", … */
export function typeMessage(types: string[]): string {
  const words = types.map((t) => (t === "null" ? "null" : /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`));
  return `must be ${words.join(" or ")}`;
}

/** The message of each keyword's issue; one home, shared by the generator and the tests' Ajv mapping. */
export const messages = {
  required: "is required",
  additionalProperties: "is not a known property (check its spelling)",
  false: "is not allowed",
  minItems: (n: number) => `must hold at least ${n} item(s)`,
  maxItems: (n: number) => `must hold at most ${n} items`,
  minLength: (n: number) => (n === 1 ? "must not be empty" : `must be at least ${n} characters long`),
  maxLength: (n: number) => `must be at most ${n} characters long`,
  pattern: (p: string) => `must match the pattern ${p}`,
  format: (f: string) => (f === "email" ? "must be an email address" : `must be a valid ${f}`),
  minimum: (n: number) => `must be ${n} or more`,
  maximum: (n: number) => `must be ${n} or less`,
  uniqueItems: "must not hold the same value twice",
  oneOf: "must match exactly one of its forms, not several",
  exclusiveMinimum: (n: number) => `must be more than ${n}`,
  exclusiveMaximum: (n: number) => `must be less than ${n}`,
  enum: (values: unknown[]) => `must be one of ${values.map((v) => JSON.stringify(v)).join(", ")}`,
  const: (value: unknown) => `must be ${JSON.stringify(value)}`,
};

/**
 * Compiles validators for the given schemas. `entries` name each top-level validator: `{ name, where }`
 * (`where` is the schema's JSON pointer in the document).
 *
 * Returns JavaScript (TypeScript when `typed`): the helpers the validators use, their constants, one
 * function per schema that needs one, each `(data, pointer, issues) => void`, and the function of each
 * entry by name. Nothing is exported: the caller adds its own exports.
 *
 * The code is written to be small once minified, since it ships in the client: the checks every schema
 * repeats (a type, required properties, unknown properties, a property that only has a type) are calls
 * of a few helpers, and only what is particular to a schema is written out.
 */
export function compileValidators(
  document: unknown,
  entries: CompileEntry[],
  { mode, formats = {}, typed = false, prefix = "check" }: CompileOptions,
): CompiledValidators {
  if (mode !== "request" && mode !== "response") throw new Error(`unknown mode ${mode}`);
  const tolerant = mode === "response";
  const functions = new Map<string, { name: string; code: string }>(); // JSON pointer → function
  const compiling = new Set<string>();
  const constants = new Map<string, string>(); // value's code → name
  const usedTypes = new Set<string>();
  const schemaAt = (ref: string): Schema => refTarget(document, ref) as Schema;
  const sig = typed ? "(d: any, p: string, o: RawIssue[]): void" : "(d, p, o)";

  const push = (path: string, message: string, keyword: string): string =>
    `o.push([${path}, ${JSON.stringify(message)}, ${JSON.stringify(keyword)}]);`;
  const constant = (value: string): string => {
    if (!constants.has(value)) constants.set(value, `${prefix}k${constants.size}`);
    return constants.get(value)!;
  };
  const segment = (name: string): string => JSON.stringify(`/${escapeToken(name)}`);

  /** A function for the schema at `pointer`; compiled once, on first use. */
  function functionFor(pointer: string): string {
    const known = functions.get(pointer);
    if (known) return known.name;
    const name = `${prefix}${functions.size}`;
    functions.set(pointer, { name, code: "" });
    compiling.add(pointer);
    const body = node(schemaAt(pointer), "d", "p", pointer, 0);
    compiling.delete(pointer);
    functions.get(pointer)!.code = `/** ${pointer} */\nfunction ${name}${sig} {\n${body}\n}`;
    return name;
  }

  /** True for a schema small enough to inline at each use: no nested schema, no $ref. */
  function isLeaf(schema: Schema): boolean {
    if (typeof schema === "boolean") return true;
    return !["$ref", "allOf", "anyOf", "oneOf", "properties", "additionalProperties", "items"].some((k) => k in schema);
  }

  /** The keywords of a schema that this mode asserts (annotations, extensions and tolerated keywords left out). */
  function asserted(schema: SchemaObject): string[] {
    return Object.keys(schema).filter(
      (key) =>
        !annotations.has(key) && !key.startsWith("x-") && !(tolerant && ["enum", "const", "format"].includes(key)),
    );
  }

  /**
   * The type of a schema that asserts nothing but a type (after inlining a leaf `$ref`), as the
   * `typed` helper takes it ("string", "integer|null"); undefined for any other schema.
   */
  function typeOnly(schema: Schema): string | undefined {
    if (schema === null || typeof schema !== "object" || Array.isArray(schema)) return undefined;
    let keys = asserted(schema);
    let type = schema.type;
    if (keys.includes("$ref") && schema.$ref !== undefined) {
      const target = schemaAt(schema.$ref);
      if (compiling.has(schema.$ref) || !isLeaf(target) || typeof target !== "object") return undefined;
      const targetKeys = asserted(target);
      if (type !== undefined && target.type !== undefined) return undefined;
      type ??= target.type;
      keys = [...keys.filter((k) => k !== "$ref"), ...targetKeys];
    }
    if (keys.length !== 1 || keys[0] !== "type" || type === undefined) return undefined;
    const types = [type].flat();
    if (!types.every((t) => t in typeTests)) return undefined;
    for (const t of types) usedTypes.add(t);
    return types.join("|");
  }

  /**
   * The code that checks `d` (an expression without side effects) against `schema`; `p` is the
   * expression of its JSON pointer, evaluated only when an issue is pushed or a nested value is checked.
   */
  function node(schema: Schema | undefined, d: string, p: string, where: string, depth: number): string {
    if (schema === true || schema === undefined) return "";
    if (schema === false) return push(p, messages.false, "false");
    if (schema === null || typeof schema !== "object" || Array.isArray(schema))
      throw new Error(`${where}: a schema must be an object or a boolean`);
    for (const key of Object.keys(schema)) {
      if (annotations.has(key) || key.startsWith("x-")) continue;
      if (!implemented.has(key)) {
        throw new Error(
          `${where}: the keyword "${key}" is not supported by the client's validator generator (scripts/validator-codegen.ts)`,
        );
      }
    }
    const out: string[] = [];
    if (schema.$ref !== undefined) {
      const target = schemaAt(schema.$ref);
      if (isLeaf(target) && !compiling.has(schema.$ref)) out.push(node(target, d, p, schema.$ref, depth));
      else out.push(`${functionFor(schema.$ref)}(${d}, ${p}, o);`);
    }
    if (schema.allOf !== undefined) {
      if (!Array.isArray(schema.allOf)) throw new Error(`${where}/allOf: must be an array`);
      for (const [i, sub] of schema.allOf.entries()) out.push(node(sub, d, p, `${where}/allOf/${i}`, depth));
    }
    for (const key of ["anyOf", "oneOf"] as const) out.push(alternatives(schema, key, d, p, where, depth));

    const types = schema.type === undefined ? undefined : [schema.type].flat();
    for (const t of types ?? []) {
      if (!(t in typeTests)) throw new Error(`${where}/type: unknown type ${JSON.stringify(t)}`);
      usedTypes.add(t);
    }
    // Keywords that apply to one kind of value only (JSON Schema ignores them for other kinds), each
    // behind a test of that kind unless the type already guarantees it.
    const kinds: [string, string, string[]][] = [
      ["object", objectChecks(schema, d, p, where, depth), ["object"]],
      ["array", arrayChecks(schema, d, p, where, depth), ["array"]],
      ["string", stringChecks(schema, d, p, where), ["string"]],
      ["number", numberChecks(schema, d, p), ["number", "integer"]],
    ];
    const inner: string[] = [];
    for (const [kind, code, typeNames] of kinds) {
      if (!code || (types && !types.some((t) => typeNames.includes(t)))) continue;
      // The type already guarantees the kind when every allowed type is of it.
      if (types?.every((t) => typeNames.includes(t))) inner.push(code);
      else {
        usedTypes.add(kind);
        // (`!`: in typed code `kinds` is a record by name, and this kind was added to it just above.)
        inner.push(`if (kinds.${kind}${typed ? "!" : ""}(${d})) {\n${code}\n}`);
      }
    }
    const any = valueChecks(schema, d, p, where);
    if (any) inner.push(any);
    if (types) {
      // The type holds before anything else is said about the value: a wrong type is one issue.
      // The path is built only when the type is wrong: `is` first, then `wrongType` to say so.
      const kind = JSON.stringify(types.join("|"));
      const test = `is(${d}, ${kind}) || wrongType(${kind}, ${p}, o)`;
      out.push(
        inner.length
          ? `if (${test}) {\n${inner.join("\n")}\n}`
          : `if (!is(${d}, ${kind})) wrongType(${kind}, ${p}, o);`,
      );
    } else {
      out.push(...inner);
    }
    return out.filter(Boolean).join("\n");
  }

  /**
   * `anyOf` / `oneOf`: each form checked into an issue list of its own. When none holds, the issues of
   * the form that came closest (fewest issues; the first on a tie) are reported, rather than every
   * form's: a body meant for one form is told what is wrong with it in that form's terms.
   */
  function alternatives(
    schema: SchemaObject,
    key: "anyOf" | "oneOf",
    d: string,
    p: string,
    where: string,
    depth: number,
  ) {
    const forms = schema[key];
    if (forms === undefined) return "";
    if (!Array.isArray(forms) || forms.length === 0) throw new Error(`${where}/${key}: must be a non-empty array`);
    const param = typed ? "(o: RawIssue[])" : "(o)";
    const checks = forms.map((sub, i) => `${param} => {\n${node(sub, d, p, `${where}/${key}/${i}`, depth)}\n}`);
    return `${key}([${checks.join(", ")}], ${p}, o);`;
  }

  function valueChecks(schema: SchemaObject, d: string, p: string, where: string): string {
    if (tolerant) return "";
    const out: string[] = [];
    if (schema.enum !== undefined) {
      if (!Array.isArray(schema.enum) || schema.enum.some((v) => v !== null && typeof v === "object")) {
        throw new Error(`${where}/enum: only lists of strings, numbers, booleans and null are supported`);
      }
      out.push(
        `if (!${constant(JSON.stringify(schema.enum))}.includes(${d})) ${push(p, messages.enum(schema.enum), "enum")}`,
      );
    }
    if (schema.const !== undefined) {
      if (schema.const !== null && typeof schema.const === "object")
        throw new Error(`${where}/const: only a string, number, boolean or null is supported`);
      out.push(`if (${d} !== ${JSON.stringify(schema.const)}) ${push(p, messages.const(schema.const), "const")}`);
    }
    return out.join("\n");
  }

  function objectChecks(schema: SchemaObject, d: string, p: string, where: string, depth: number): string {
    const out: string[] = [];
    const properties = schema.properties ?? {};
    if (schema.required?.length) out.push(`required(${d}, ${constant(JSON.stringify(schema.required))}, ${p}, o);`);
    const extra = schema.additionalProperties;
    if (extra === false) {
      out.push(`known(${d}, ${constant(JSON.stringify(Object.keys(properties)))}, ${p}, o);`);
    } else if (extra !== undefined && extra !== true) {
      const k = `_k${depth}`;
      const known = Object.keys(properties);
      const unknown = known.length ? `!${constant(JSON.stringify(known))}.includes(${k})` : "true";
      const code = node(extra, `${d}[${k}]`, `${p} + "/" + pointer(${k})`, `${where}/additionalProperties`, depth + 1);
      if (code) out.push(`for (const ${k} in ${d}) if (${unknown}) {\n${code}\n}`);
    }
    for (const [name, sub] of Object.entries(properties)) {
      const only = typeOnly(sub);
      if (only) {
        out.push(`property(${d}, ${JSON.stringify(name)}, ${JSON.stringify(only)}, ${p}, o);`);
        continue;
      }
      const v = `_v${depth}`;
      const code = node(sub, v, `${p} + ${segment(name)}`, `${where}/properties/${escapeToken(name)}`, depth + 1);
      if (code) out.push(`{\nconst ${v} = ${d}[${JSON.stringify(name)}];\nif (${v} !== undefined) {\n${code}\n}\n}`);
    }
    return out.join("\n");
  }

  function arrayChecks(schema: SchemaObject, d: string, p: string, where: string, depth: number): string {
    const out: string[] = [];
    if (schema.minItems !== undefined)
      out.push(
        `if (${d}.length < ${Number(schema.minItems)}) ${push(p, messages.minItems(schema.minItems), "minItems")}`,
      );
    if (schema.maxItems !== undefined)
      out.push(
        `if (${d}.length > ${Number(schema.maxItems)}) ${push(p, messages.maxItems(schema.maxItems), "maxItems")}`,
      );
    if (schema.uniqueItems === true) out.push(`if (!distinct(${d})) ${push(p, messages.uniqueItems, "uniqueItems")}`);
    if (schema.items !== undefined) {
      if (Array.isArray(schema.items))
        throw new Error(`${where}/items: an array of schemas (draft 4 tuples) is not supported; use prefixItems`);
      const i = `_i${depth}`;
      const v = `_v${depth}`;
      const code = node(schema.items, v, `${p} + "/" + ${i}`, `${where}/items`, depth + 1);
      if (code) out.push(`for (let ${i} = 0; ${i} < ${d}.length; ${i}++) {\nconst ${v} = ${d}[${i}];\n${code}\n}`);
    }
    return out.join("\n");
  }

  function stringChecks(schema: SchemaObject, d: string, p: string, where: string): string {
    const out: string[] = [];
    const length = (n: number): string => (n === 1 ? `${d}.length` : `codePoints(${d})`);
    if (schema.minLength !== undefined && schema.minLength > 0) {
      out.push(
        schema.minLength === 1
          ? `if (${d} === "") ${push(p, messages.minLength(1), "minLength")}`
          : `if (${length(schema.minLength)} < ${Number(schema.minLength)}) ${push(p, messages.minLength(schema.minLength), "minLength")}`,
      );
    }
    if (schema.maxLength !== undefined) {
      out.push(
        `if (${length(2)} > ${Number(schema.maxLength)}) ${push(p, messages.maxLength(schema.maxLength), "maxLength")}`,
      );
    }
    if (schema.pattern !== undefined) {
      out.push(
        `if (!${constant(`new RegExp(${JSON.stringify(schema.pattern)}, "u")`)}.test(${d})) ${push(p, messages.pattern(schema.pattern), "pattern")}`,
      );
    }
    if (schema.format !== undefined && !tolerant) {
      const regexp = formats[schema.format];
      if (!regexp)
        throw new Error(
          `${where}/format: the format "${schema.format}" has no check in the client's validator generator; add one or drop it`,
        );
      out.push(`if (!${constant(String(regexp))}.test(${d})) ${push(p, messages.format(schema.format), "format")}`);
    }
    return out.join("\n");
  }

  function numberChecks(schema: SchemaObject, d: string, p: string): string {
    const out: string[] = [];
    const bound = (keyword: "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum", op: string) => {
      const limit = schema[keyword];
      if (limit === undefined) return;
      if (typeof limit !== "number") throw new Error(`${keyword} must be a number`);
      out.push(`if (${d} ${op} ${limit}) ${push(p, messages[keyword](limit), keyword)}`);
    };
    bound("minimum", "<");
    bound("maximum", ">");
    bound("exclusiveMinimum", "<=");
    bound("exclusiveMaximum", ">=");
    return out.join("\n");
  }

  /** An entry that is only a `$ref` (plus annotations) is the referenced schema's function itself. */
  const entryFunction = (pointer: string): string => {
    const schema = schemaAt(pointer);
    const keys =
      typeof schema === "object"
        ? Object.keys(schema).filter((key) => !annotations.has(key) && !key.startsWith("x-"))
        : [];
    return typeof schema === "object" && keys.length === 1 && schema.$ref !== undefined
      ? entryFunction(schema.$ref)
      : functionFor(pointer);
  };
  const names = Object.fromEntries(entries.map((entry) => [entry.name, entryFunction(entry.where)]));
  const code = [...functions.values()].map((f) => f.code);
  return {
    types: [...usedTypes].sort(),
    constants: [...constants].map(([value, name]) => `const ${name} = ${value};`),
    functions: code,
    names,
  };
}

/** How generated code escapes a property name for a JSON pointer: the spec reader's rule, bundled at build. */
export const pointerImport = 'import { escapeToken as pointer } from "@gong-flows/spec-reader/json-pointer";';

/**
 * The helpers the code of the given compilations calls, each only if it is called (once for all of
 * them, so that the request and the answer validators of one file share them). Typed code imports
 * `pointer` ({@link pointerImport}); untyped code (evaluated by the tests) expects it in scope.
 */
export function helpersFor(compilations: CompiledValidators[], { typed = false }: { typed?: boolean } = {}): string[] {
  const code = compilations.flatMap((c) => [...c.functions, ...c.constants]);
  const types = [...new Set(compilations.flatMap((c) => c.types))].sort();
  const uses = (name: string): boolean => code.some((text) => text.includes(`${name}(`) || text.includes(`${name}.`));
  const ts = (annotated: string, plain: string): string => (typed ? annotated : plain);
  const out: string[] = [];
  const needsObject = types.includes("object");
  if (needsObject) {
    out.push(
      ts(
        'const isObject = (d: unknown): d is Record<string, unknown> => typeof d === "object" && d !== null && !Array.isArray(d);',
        'const isObject = (d) => typeof d === "object" && d !== null && !Array.isArray(d);',
      ),
    );
  }
  if (types.length) {
    const tests: Record<string, string> = {
      string: '(d) => typeof d === "string"',
      number: '(d) => typeof d === "number" && isFinite(d)',
      integer: "Number.isInteger",
      boolean: '(d) => typeof d === "boolean"',
      null: "(d) => d === null",
      array: "Array.isArray",
      object: "isObject",
    };
    const entries = types.map((t) => `  ${t}: ${typed ? tests[t]!.replace("(d) =>", "(d: unknown) =>") : tests[t]},`);
    out.push(`const kinds${ts(": Record<string, (d: unknown) => boolean>", "")} = {\n${entries.join("\n")}\n};`);
    // Whether a value is of one of the types ("string", "integer|null").
    out.push(
      ts(
        'const is = (d: unknown, types: string): boolean => {\n  const one = kinds[types];\n  return one ? one(d) : types.split("|").some((t) => kinds[t]!(d));\n};',
        'const is = (d, types) => {\n  const one = kinds[types];\n  return one ? one(d) : types.split("|").some((t) => kinds[t](d));\n};',
      ),
    );
    // "must be a string", "must be an integer or null": the type's message, worded at run time; false.
    out.push(
      ts(
        'const wrongType = (types: string, p: string, o: RawIssue[]): boolean => {\n  o.push([p, "must be " + types.split("|").map((t) => (t === "null" ? t : (/^[aeiou]/.test(t) ? "an " : "a ") + t)).join(" or "), "type"]);\n  return false;\n};',
        'const wrongType = (types, p, o) => {\n  o.push([p, "must be " + types.split("|").map((t) => (t === "null" ? t : (/^[aeiou]/.test(t) ? "an " : "a ") + t)).join(" or "), "type"]);\n  return false;\n};',
      ),
    );
  }
  if (typed && (uses("required") || uses("known") || uses("property") || uses("pointer"))) out.unshift(pointerImport);
  if (uses("required")) {
    out.push(
      ts(
        'const required = (d: any, names: string[], p: string, o: RawIssue[]): void => {\n  for (const k of names) if (d[k] === undefined) o.push([p + "/" + pointer(k), "is required", "required"]);\n};',
        'const required = (d, names, p, o) => {\n  for (const k of names) if (d[k] === undefined) o.push([p + "/" + pointer(k), "is required", "required"]);\n};',
      ),
    );
  }
  if (uses("known")) {
    out.push(
      ts(
        'const known = (d: any, names: string[], p: string, o: RawIssue[]): void => {\n  for (const k in d) if (!names.includes(k)) o.push([p + "/" + pointer(k), "is not a known property (check its spelling)", "additionalProperties"]);\n};',
        'const known = (d, names, p, o) => {\n  for (const k in d) if (!names.includes(k)) o.push([p + "/" + pointer(k), "is not a known property (check its spelling)", "additionalProperties"]);\n};',
      ),
    );
  }
  if (uses("property")) {
    // An optional property that asserts only a type: the most common check of all.
    out.push(
      ts(
        'const property = (d: any, k: string, types: string, p: string, o: RawIssue[]): void => {\n  const v = d[k];\n  if (v !== undefined && !is(v, types)) wrongType(types, p + "/" + pointer(k), o);\n};',
        'const property = (d, k, types, p, o) => {\n  const v = d[k];\n  if (v !== undefined && !is(v, types)) wrongType(types, p + "/" + pointer(k), o);\n};',
      ),
    );
  }
  if (uses("distinct")) {
    // JSON Schema's equality for the values ids are: a string, number, boolean or null. Arrays and
    // objects are compared by their JSON text, so two objects whose keys differ in order count as two.
    out.push(
      ts(
        'const distinct = (d: unknown[]): boolean =>\n  new Set(d.map((v) => (v !== null && typeof v === "object" ? JSON.stringify(v) : typeof v + ":" + String(v)))).size === d.length;',
        'const distinct = (d) =>\n  new Set(d.map((v) => (v !== null && typeof v === "object" ? JSON.stringify(v) : typeof v + ":" + String(v)))).size === d.length;',
      ),
    );
  }
  if (uses("anyOf") || uses("oneOf")) {
    // Each form into an issue list of its own; the number of forms that hold, and the closest form's issues.
    out.push(
      ts(
        "const forms = (checks: ((o: RawIssue[]) => void)[]): [number, RawIssue[]] => {\n  const lists = checks.map((check) => {\n    const o: RawIssue[] = [];\n    check(o);\n    return o;\n  });\n  const closest = lists.reduce((a, b) => (b.length < a.length ? b : a));\n  return [lists.filter((o) => o.length === 0).length, closest];\n};",
        "const forms = (checks) => {\n  const lists = checks.map((check) => {\n    const o = [];\n    check(o);\n    return o;\n  });\n  const closest = lists.reduce((a, b) => (b.length < a.length ? b : a));\n  return [lists.filter((o) => o.length === 0).length, closest];\n};",
      ),
    );
  }
  if (uses("anyOf")) {
    out.push(
      ts(
        "const anyOf = (checks: ((o: RawIssue[]) => void)[], _p: string, o: RawIssue[]): void => {\n  const [held, closest] = forms(checks);\n  if (held === 0) o.push(...closest);\n};",
        "const anyOf = (checks, _p, o) => {\n  const [held, closest] = forms(checks);\n  if (held === 0) o.push(...closest);\n};",
      ),
    );
  }
  if (uses("oneOf")) {
    out.push(
      ts(
        `const oneOf = (checks: ((o: RawIssue[]) => void)[], p: string, o: RawIssue[]): void => {\n  const [held, closest] = forms(checks);\n  if (held === 0) o.push(...closest);\n  else if (held > 1) o.push([p, ${JSON.stringify(messages.oneOf)}, "oneOf"]);\n};`,
        `const oneOf = (checks, p, o) => {\n  const [held, closest] = forms(checks);\n  if (held === 0) o.push(...closest);\n  else if (held > 1) o.push([p, ${JSON.stringify(messages.oneOf)}, "oneOf"]);\n};`,
      ),
    );
  }
  if (uses("codePoints")) {
    // Counts code points, as JSON Schema does (a surrogate pair is one character).
    out.push(
      ts(
        "const codePoints = (s: string): number => {\n  let n = 0;\n  for (const _ of s) n++;\n  return n;\n};",
        "const codePoints = (s) => {\n  let n = 0;\n  for (const _ of s) n++;\n  return n;\n};",
      ),
    );
  }
  return out;
}
