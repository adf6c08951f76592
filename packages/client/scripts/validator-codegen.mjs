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
  "type",
  "enum",
  "const",
  "required",
  "properties",
  "additionalProperties",
  "items",
  "minItems",
  "maxItems",
  "minLength",
  "maxLength",
  "pattern",
  "format",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
]);

const typeTests = {
  string: (d) => `typeof ${d} === "string"`,
  number: (d) => `(typeof ${d} === "number" && isFinite(${d}))`,
  integer: (d) => `Number.isInteger(${d})`,
  boolean: (d) => `typeof ${d} === "boolean"`,
  null: (d) => `${d} === null`,
  array: (d) => `Array.isArray(${d})`,
  object: (d) => `isObject(${d})`,
};

/** Escapes a property name for a JSON pointer (RFC 6901). */
export function pointerSegment(name) {
  return String(name).replaceAll("~", "~0").replaceAll("/", "~1");
}

/** "must be a string", "must be an object or null", … */
export function typeMessage(types) {
  const words = types.map((t) => (t === "null" ? "null" : /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`));
  return `must be ${words.join(" or ")}`;
}

/** The message of each keyword's issue; one home, shared by the generator and the tests' Ajv mapping. */
export const messages = {
  required: "is required",
  additionalProperties: "is not a known property (check its spelling)",
  false: "is not allowed",
  minItems: (n) => `must hold at least ${n} item(s)`,
  maxItems: (n) => `must hold at most ${n} items`,
  minLength: (n) => (n === 1 ? "must not be empty" : `must be at least ${n} characters long`),
  maxLength: (n) => `must be at most ${n} characters long`,
  pattern: (p) => `must match the pattern ${p}`,
  format: (f) => (f === "email" ? "must be an email address" : `must be a valid ${f}`),
  minimum: (n) => `must be ${n} or more`,
  maximum: (n) => `must be ${n} or less`,
  exclusiveMinimum: (n) => `must be more than ${n}`,
  exclusiveMaximum: (n) => `must be less than ${n}`,
  enum: (values) => `must be one of ${values.map((v) => JSON.stringify(v)).join(", ")}`,
  const: (value) => `must be ${JSON.stringify(value)}`,
};

/** Resolves a local JSON pointer (`#/components/schemas/X`) in the document. */
function resolvePointer(document, ref) {
  if (typeof ref !== "string" || !ref.startsWith("#")) throw new Error(`only local $refs are supported, got ${JSON.stringify(ref)}`);
  let node = document;
  for (const raw of ref.slice(1).split("/").slice(1)) {
    const key = decodeURIComponent(raw).replaceAll("~1", "/").replaceAll("~0", "~");
    if (node === null || typeof node !== "object" || !(key in node)) throw new Error(`$ref ${ref} does not resolve`);
    node = node[key];
  }
  return node;
}

/**
 * Compiles validators for the given schemas. `entries` name each top-level validator: `{ name, schema,
 * where }` (`where` is the schema's JSON pointer in the document, for error messages).
 *
 * Returns JavaScript (TypeScript when `typed`) that declares one function per entry, named as given,
 * with the signature `(data, pointer, issues) => void`, plus the helpers they use. Nothing is exported:
 * the caller adds its own exports.
 */
export function compileValidators(document, entries, { mode, formats = {}, typed = false, prefix = "v" }) {
  if (mode !== "request" && mode !== "response") throw new Error(`unknown mode ${mode}`);
  const tolerant = mode === "response";
  const functions = new Map(); // JSON pointer → { name, code }
  const compiling = new Set();
  const constants = new Map(); // value's code → name
  let counter = 0;
  const sig = typed ? "(d: any, p: string, o: RawIssue[]): void" : "(d, p, o)";

  const push = (path, message, keyword) => `o.push([${path}, ${JSON.stringify(message)}, ${JSON.stringify(keyword)}]);`;
  const constant = (value) => {
    if (!constants.has(value)) constants.set(value, `${prefix}k${constants.size}`);
    return constants.get(value);
  };

  /** A function for the schema at `pointer`; compiled once, on first use. */
  function functionFor(pointer) {
    const known = functions.get(pointer);
    if (known) return known.name;
    const name = `${prefix}${functions.size}`;
    functions.set(pointer, { name, code: "" });
    compiling.add(pointer);
    const body = node(resolvePointer(document, pointer), "d", "p", pointer, 0);
    compiling.delete(pointer);
    functions.get(pointer).code = `/** ${pointer} */\nfunction ${name}${sig} {\n${body}\n}`;
    return name;
  }

  /** True for a schema small enough to inline at each use: no nested schema, no $ref. */
  function isLeaf(schema) {
    if (typeof schema === "boolean") return true;
    return !["$ref", "allOf", "properties", "additionalProperties", "items"].some((k) => k in schema);
  }

  /**
   * The code that checks `d` (an expression without side effects) against `schema`; `p` is the
   * expression of its JSON pointer, evaluated only when an issue is pushed or a nested value is checked.
   */
  function node(schema, d, p, where, depth) {
    if (schema === true || schema === undefined) return "";
    if (schema === false) return push(p, messages.false, "false");
    if (schema === null || typeof schema !== "object" || Array.isArray(schema)) throw new Error(`${where}: a schema must be an object or a boolean`);
    for (const key of Object.keys(schema)) {
      if (annotations.has(key) || key.startsWith("x-")) continue;
      if (!implemented.has(key)) {
        throw new Error(`${where}: the keyword "${key}" is not supported by the client's validator generator (scripts/validator-codegen.mjs)`);
      }
    }
    const out = [];
    if (schema.$ref !== undefined) {
      const target = resolvePointer(document, schema.$ref);
      if (isLeaf(target) && !compiling.has(schema.$ref)) out.push(node(target, d, p, schema.$ref, depth));
      else out.push(`${functionFor(schema.$ref)}(${d}, ${p}, o);`);
    }
    if (schema.allOf !== undefined) {
      if (!Array.isArray(schema.allOf)) throw new Error(`${where}/allOf: must be an array`);
      for (const [i, sub] of schema.allOf.entries()) out.push(node(sub, d, p, `${where}/allOf/${i}`, depth));
    }

    const types = schema.type === undefined ? undefined : [schema.type].flat();
    for (const t of types ?? []) if (!(t in typeTests)) throw new Error(`${where}/type: unknown type ${JSON.stringify(t)}`);
    // Keywords that apply to one kind of value only (JSON Schema ignores them for other kinds), each
    // behind a test of that kind unless the type already guarantees it.
    const kinds = [
      ["object", objectChecks(schema, d, p, where, depth), ["object"]],
      ["array", arrayChecks(schema, d, p, where, depth), ["array"]],
      ["string", stringChecks(schema, d, p, where), ["string"]],
      ["number", numberChecks(schema, d, p), ["number", "integer"]],
    ];
    const inner = [];
    for (const [kind, code, typeNames] of kinds) {
      if (!code || (types && !types.some((t) => typeNames.includes(t)))) continue;
      // The type already guarantees the kind when every allowed type is of it.
      inner.push(types?.every((t) => typeNames.includes(t)) ? code : `if (${typeTests[kind](d)}) {\n${code}\n}`);
    }
    const any = valueChecks(schema, d, p, where);
    if (any) inner.push(any);
    if (types) {
      // The type holds before anything else is said about the value: a wrong type is one issue.
      const test = types.map((t) => typeTests[t](d)).join(" || ");
      out.push(`if (!(${test})) ${push(p, typeMessage(types), "type")}${inner.length ? ` else {\n${inner.join("\n")}\n}` : ""}`);
    } else {
      out.push(...inner);
    }
    return out.filter(Boolean).join("\n");
  }

  function valueChecks(schema, d, p, where) {
    if (tolerant) return "";
    const out = [];
    if (schema.enum !== undefined) {
      if (!Array.isArray(schema.enum) || schema.enum.some((v) => v !== null && typeof v === "object")) {
        throw new Error(`${where}/enum: only lists of strings, numbers, booleans and null are supported`);
      }
      out.push(`if (!${constant(JSON.stringify(schema.enum))}.includes(${d})) ${push(p, messages.enum(schema.enum), "enum")}`);
    }
    if (schema.const !== undefined) {
      if (schema.const !== null && typeof schema.const === "object") throw new Error(`${where}/const: only a string, number, boolean or null is supported`);
      out.push(`if (${d} !== ${JSON.stringify(schema.const)}) ${push(p, messages.const(schema.const), "const")}`);
    }
    return out.join("\n");
  }

  function objectChecks(schema, d, p, where, depth) {
    const out = [];
    const properties = schema.properties ?? {};
    for (const name of schema.required ?? []) {
      out.push(`if (${d}[${JSON.stringify(name)}] === undefined) ${push(`${p} + ${JSON.stringify(`/${pointerSegment(name)}`)}`, messages.required, "required")}`);
    }
    const extra = schema.additionalProperties;
    if (extra !== undefined && extra !== true) {
      const k = `k${depth}`;
      const known = Object.keys(properties);
      const unknown = known.length ? `!${constant(JSON.stringify(known))}.includes(${k})` : "true";
      const path = `${p} + "/" + pointer(${k})`;
      const check = extra === false ? push(path, messages.additionalProperties, "additionalProperties") : `{\n${node(extra, `${d}[${k}]`, path, `${where}/additionalProperties`, depth + 1)}\n}`;
      out.push(`for (const ${k} in ${d}) if (${unknown}) ${check}`);
    }
    for (const [name, sub] of Object.entries(properties)) {
      const v = `v${++counter}`;
      const path = `${p} + ${JSON.stringify(`/${pointerSegment(name)}`)}`;
      const code = node(sub, v, path, `${where}/properties/${pointerSegment(name)}`, depth + 1);
      if (code) out.push(`const ${v} = ${d}[${JSON.stringify(name)}];\nif (${v} !== undefined) {\n${code}\n}`);
    }
    return out.join("\n");
  }

  function arrayChecks(schema, d, p, where, depth) {
    const out = [];
    if (schema.minItems !== undefined) out.push(`if (${d}.length < ${Number(schema.minItems)}) ${push(p, messages.minItems(schema.minItems), "minItems")}`);
    if (schema.maxItems !== undefined) out.push(`if (${d}.length > ${Number(schema.maxItems)}) ${push(p, messages.maxItems(schema.maxItems), "maxItems")}`);
    if (schema.items !== undefined) {
      if (Array.isArray(schema.items)) throw new Error(`${where}/items: an array of schemas (draft 4 tuples) is not supported; use prefixItems`);
      const i = `i${depth}`;
      const v = `v${++counter}`;
      const code = node(schema.items, v, `${p} + "/" + ${i}`, `${where}/items`, depth + 1);
      if (code) out.push(`for (let ${i} = 0; ${i} < ${d}.length; ${i}++) {\nconst ${v} = ${d}[${i}];\n${code}\n}`);
    }
    return out.join("\n");
  }

  function stringChecks(schema, d, p, where) {
    const out = [];
    const length = (n) => {
      if (n === 1) return `${d}.length`; // any non-empty string has at least one code point
      return `codePoints(${d})`;
    };
    if (schema.minLength !== undefined && schema.minLength > 0) {
      out.push(schema.minLength === 1 ? `if (${d} === "") ${push(p, messages.minLength(1), "minLength")}` : `if (${length(schema.minLength)} < ${Number(schema.minLength)}) ${push(p, messages.minLength(schema.minLength), "minLength")}`);
    }
    if (schema.maxLength !== undefined) {
      out.push(`if (${length(2)} > ${Number(schema.maxLength)}) ${push(p, messages.maxLength(schema.maxLength), "maxLength")}`);
    }
    if (schema.pattern !== undefined) {
      out.push(`if (!${constant(`new RegExp(${JSON.stringify(schema.pattern)}, "u")`)}.test(${d})) ${push(p, messages.pattern(schema.pattern), "pattern")}`);
    }
    if (schema.format !== undefined && !tolerant) {
      const regexp = formats[schema.format];
      if (!regexp) throw new Error(`${where}/format: the format "${schema.format}" has no check in the client's validator generator; add one or drop it`);
      out.push(`if (!${constant(String(regexp))}.test(${d})) ${push(p, messages.format(schema.format), "format")}`);
    }
    return out.join("\n");
  }

  function numberChecks(schema, d, p) {
    const out = [];
    const bound = (keyword, op) => {
      if (schema[keyword] === undefined) return;
      if (typeof schema[keyword] !== "number") throw new Error(`${keyword} must be a number`);
      out.push(`if (${d} ${op} ${schema[keyword]}) ${push(p, messages[keyword](schema[keyword]), keyword)}`);
    };
    bound("minimum", "<");
    bound("maximum", ">");
    bound("exclusiveMinimum", "<=");
    bound("exclusiveMaximum", ">=");
    return out.join("\n");
  }

  /** An entry that is only a `$ref` (plus annotations) is the referenced schema's function itself. */
  const entryFunction = (pointer) => {
    const schema = resolvePointer(document, pointer);
    const keys = Object.keys(schema ?? {}).filter((key) => !annotations.has(key) && !key.startsWith("x-"));
    return keys.length === 1 && keys[0] === "$ref" ? entryFunction(schema.$ref) : functionFor(pointer);
  };
  const names = Object.fromEntries(entries.map((entry) => [entry.name, entryFunction(entry.where)]));
  const code = [...functions.values()].map((f) => f.code);
  const uses = (name) => code.some((text) => text.includes(`${name}(`));

  const helperCode = [];
  if (uses("isObject")) {
    helperCode.push(
      typed
        ? "const isObject = (d: unknown): d is Record<string, unknown> => typeof d === \"object\" && d !== null && !Array.isArray(d);"
        : "const isObject = (d) => typeof d === \"object\" && d !== null && !Array.isArray(d);",
    );
  }
  if (uses("pointer")) {
    helperCode.push(typed ? 'const pointer = (k: string): string => k.replace(/~/g, "~0").replace(/\\//g, "~1");' : 'const pointer = (k) => k.replace(/~/g, "~0").replace(/\\//g, "~1");');
  }
  if (uses("codePoints")) {
    // Counts code points, as JSON Schema does (a surrogate pair is one character).
    helperCode.push(typed ? "const codePoints = (s: string): number => { let n = 0; for (const _ of s) n++; return n; };" : "const codePoints = (s) => { let n = 0; for (const _ of s) n++; return n; };");
  }
  return {
    helpers: helperCode,
    constants: [...constants].map(([value, name]) => `const ${name} = ${value};`),
    functions: code,
    names,
  };
}
