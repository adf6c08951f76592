// Compiles the JSON Schema (draft 2020-12) of the spec's request bodies and 200 responses into small
// validators that check exactly the keywords the spec uses and push one issue — [JSON pointer, message,
// keyword] — per problem. The output is data, not unrolled code: each schema becomes a compact table
// (its type, required and known properties, sub-schemas, and its other rules as [keyword, argument,
// message] rows), read by one small interpreter, `check`, that holds a test for each keyword the tables
// use and nothing else. The published client runs them with no schema library and no copy of the schemas.
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

/** The JSON types a schema may name, and the run-time test of each. */
const typeTests = {
  string: '(d) => typeof d === "string"',
  number: '(d) => typeof d === "number" && isFinite(d)',
  integer: "Number.isInteger",
  boolean: '(d) => typeof d === "boolean"',
  null: "(d) => d === null",
  array: "Array.isArray",
  object: "isObject",
};

/** The run-time test of each rule keyword: true when the value breaks the rule (`a` is its argument). */
const ruleTests = {
  minItems: "(d, a) => Array.isArray(d) && d.length < a",
  maxItems: "(d, a) => Array.isArray(d) && d.length > a",
  // Lengths in code points, as JSON Schema counts them (a surrogate pair is one character).
  minLength: '(d, a) => typeof d === "string" && [...d].length < a',
  maxLength: '(d, a) => typeof d === "string" && [...d].length > a',
  pattern: '(d, a) => typeof d === "string" && !a.test(d)',
  format: '(d, a) => typeof d === "string" && !a.test(d)',
  minimum: '(d, a) => typeof d === "number" && d < a',
  maximum: '(d, a) => typeof d === "number" && d > a',
  exclusiveMinimum: '(d, a) => typeof d === "number" && d <= a',
  exclusiveMaximum: '(d, a) => typeof d === "number" && d >= a',
  enum: "(d, a) => !a.includes(d)",
  const: "(d, a) => d !== a",
  false: "() => true",
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
 * Compiles validators for the given schemas. `entries` name each top-level validator: `{ name, where }`
 * (`where` is the schema's JSON pointer in the document).
 *
 * Returns JavaScript (TypeScript when `typed`): the tables of the schemas, as constants (identical
 * tables written once; a `$ref` is its target's table), one function per entry and per schema a `$ref`
 * reaches recursively, each `(data, pointer, issues) => void`, and the function of
 * each entry by name. Nothing is exported: the caller adds its own exports. `types` and `rules` say
 * which type tests and rule tests the interpreter must hold ({@link helpersFor}).
 */
export function compileValidators(document, entries, { mode, formats = {}, typed = false, prefix = "check" }) {
  if (mode !== "request" && mode !== "response") throw new Error(`unknown mode ${mode}`);
  const tolerant = mode === "response";
  const functions = new Map(); // JSON pointer → { name, code }
  const compiling = new Set(); // functions being compiled
  const inlining = new Set(); // $ref targets being inlined
  const constants = new Map(); // value's code → name
  const usedTypes = new Set();
  const usedRules = new Set();
  const sig = typed ? "(d: unknown, p: string, o: RawIssue[]): void" : "(d, p, o)";

  /** The name of a constant holding `code` (a table is annotated as one in TypeScript). */
  const constant = (code, table = false) => {
    const key = `${table}\n${code}`;
    if (!constants.has(key)) constants.set(key, { name: `${prefix}k${constants.size}`, code, table });
    return constants.get(key).name;
  };
  const json = (value) => JSON.stringify(value);

  /** A function for the schema at `pointer`; compiled once, on first use. */
  function functionFor(pointer) {
    const known = functions.get(pointer);
    if (known) return known.name;
    const name = `${prefix}${functions.size}`;
    functions.set(pointer, { name, code: "" });
    compiling.add(pointer);
    const table = node(resolvePointer(document, pointer), pointer);
    compiling.delete(pointer);
    functions.get(pointer).code = `/** ${pointer} */\nfunction ${name}${sig} {\n  check(${table}, d, p, o);\n}`;
    return name;
  }

  /** A rule row: [keyword, argument's code, message]. */
  const rule = (keyword, argument, message) => {
    usedRules.add(keyword);
    return `[${json(keyword)}, ${argument}, ${json(message)}]`;
  };

  /**
   * The code of the table that checks a value against `schema` (the name of a constant, or of a
   * function for a `$ref` that is compiled as one), or undefined when the schema checks nothing.
   */
  function node(schema, where) {
    if (schema === true || schema === undefined) return undefined;
    if (schema === false) return constant(`{ c: [${rule("false", "0", messages.false)}] }`, true);
    if (schema === null || typeof schema !== "object" || Array.isArray(schema)) throw new Error(`${where}: a schema must be an object or a boolean`);
    for (const key of Object.keys(schema)) {
      if (annotations.has(key) || key.startsWith("x-")) continue;
      if (!implemented.has(key)) {
        throw new Error(`${where}: the keyword "${key}" is not supported by the client's validator generator (scripts/validator-codegen.mjs)`);
      }
    }
    const fields = [];
    // Applied first, in order: the $ref (inlined when a leaf), then allOf's schemas.
    const all = [];
    if (schema.$ref !== undefined) {
      // The target's table, inlined; a $ref back into a schema being compiled (recursion) is a call of
      // that schema's function.
      const ref = schema.$ref;
      const target = resolvePointer(document, ref);
      if (compiling.has(ref) || inlining.has(ref)) all.push(functionFor(ref));
      else {
        inlining.add(ref);
        all.push(node(target, ref));
        inlining.delete(ref);
      }
    }
    if (schema.allOf !== undefined) {
      if (!Array.isArray(schema.allOf)) throw new Error(`${where}/allOf: must be an array`);
      for (const [i, sub] of schema.allOf.entries()) all.push(node(sub, `${where}/allOf/${i}`));
    }
    const applied = all.filter(Boolean);
    if (applied.length) fields.push(`a: [${applied.join(", ")}]`);

    if (schema.type !== undefined) {
      const types = [schema.type].flat();
      for (const t of types) {
        if (!(t in typeTests)) throw new Error(`${where}/type: unknown type ${json(t)}`);
        usedTypes.add(t);
      }
      fields.push(`t: ${json(types.join("|"))}`);
    }

    const rules = [...arrayRules(schema), ...stringRules(schema, where), ...numberRules(schema), ...valueRules(schema, where)];
    if (rules.length) fields.push(`c: [${rules.join(", ")}]`);

    // Object keywords (JSON Schema ignores them for other kinds of value).
    if (schema.required?.length) fields.push(`r: ${constant(json(schema.required))}`);
    const properties = schema.properties ?? {};
    const extra = schema.additionalProperties;
    if (extra !== undefined && extra !== true) {
      fields.push(`k: ${constant(json(Object.keys(properties)))}`);
      // false: every other property is an issue; a schema: every other property is checked against it.
      if (extra !== false) {
        const table = node(extra, `${where}/additionalProperties`);
        fields.push(`x: ${table ?? constant("{}", true)}`);
      }
    }
    const props = [];
    for (const [name, sub] of Object.entries(properties)) {
      const table = node(sub, `${where}/properties/${pointerSegment(name)}`);
      if (table) props.push(`${json(name)}: ${table}`);
    }
    if (props.length) fields.push(`p: { ${props.join(", ")} }`);

    // Array keywords.
    if (schema.items !== undefined) {
      if (Array.isArray(schema.items)) throw new Error(`${where}/items: an array of schemas (draft 4 tuples) is not supported; use prefixItems`);
      const table = node(schema.items, `${where}/items`);
      if (table) fields.push(`i: ${table}`);
    }
    // A schema that only applies another (a $ref, an allOf of one) is that other schema.
    if (fields.length === 1 && applied.length === 1) return applied[0];
    return fields.length ? constant(`{ ${fields.join(", ")} }`, true) : undefined;
  }

  function valueRules(schema, where) {
    if (tolerant) return [];
    const out = [];
    if (schema.enum !== undefined) {
      if (!Array.isArray(schema.enum) || schema.enum.some((v) => v !== null && typeof v === "object")) {
        throw new Error(`${where}/enum: only lists of strings, numbers, booleans and null are supported`);
      }
      out.push(rule("enum", constant(json(schema.enum)), messages.enum(schema.enum)));
    }
    if (schema.const !== undefined) {
      if (schema.const !== null && typeof schema.const === "object") throw new Error(`${where}/const: only a string, number, boolean or null is supported`);
      out.push(rule("const", json(schema.const), messages.const(schema.const)));
    }
    return out;
  }

  function arrayRules(schema) {
    const out = [];
    if (schema.minItems !== undefined) out.push(rule("minItems", Number(schema.minItems), messages.minItems(schema.minItems)));
    if (schema.maxItems !== undefined) out.push(rule("maxItems", Number(schema.maxItems), messages.maxItems(schema.maxItems)));
    return out;
  }

  function stringRules(schema, where) {
    const out = [];
    if (schema.minLength !== undefined && schema.minLength > 0) out.push(rule("minLength", Number(schema.minLength), messages.minLength(schema.minLength)));
    if (schema.maxLength !== undefined) out.push(rule("maxLength", Number(schema.maxLength), messages.maxLength(schema.maxLength)));
    if (schema.pattern !== undefined) out.push(rule("pattern", constant(`new RegExp(${json(schema.pattern)}, "u")`), messages.pattern(schema.pattern)));
    if (schema.format !== undefined && !tolerant) {
      const regexp = formats[schema.format];
      if (!regexp) throw new Error(`${where}/format: the format "${schema.format}" has no check in the client's validator generator; add one or drop it`);
      out.push(rule("format", constant(String(regexp)), messages.format(schema.format)));
    }
    return out;
  }

  function numberRules(schema) {
    const out = [];
    for (const keyword of ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]) {
      if (schema[keyword] === undefined) continue;
      if (typeof schema[keyword] !== "number") throw new Error(`${keyword} must be a number`);
      out.push(rule(keyword, schema[keyword], messages[keyword](schema[keyword])));
    }
    return out;
  }

  /** An entry that is only a `$ref` (plus annotations) is the referenced schema's function itself. */
  const entryFunction = (pointer) => {
    const schema = resolvePointer(document, pointer);
    const keys = Object.keys(schema ?? {}).filter((key) => !annotations.has(key) && !key.startsWith("x-"));
    return keys.length === 1 && keys[0] === "$ref" ? entryFunction(schema.$ref) : functionFor(pointer);
  };
  const names = Object.fromEntries(entries.map((entry) => [entry.name, entryFunction(entry.where)]));
  // An entry that checks nothing still is a function; its table is empty.
  for (const f of functions.values()) f.code = f.code.replace("check(undefined, d, p, o);", "");
  const annotate = (table) => (typed && table ? ": Schema" : "");
  return {
    types: [...usedTypes].sort(),
    rules: [...usedRules],
    constants: [...constants.values()].map(({ name, code, table }) => `const ${name}${annotate(table)} = ${code};`),
    functions: [...functions.values()].map((f) => f.code),
    names,
  };
}

/**
 * The interpreter the tables of the given compilations are read by, with the type and rule tests
 * they use and no others (once for all of them, so that the request and the answer validators of one
 * file share it).
 */
export function helpersFor(compilations, { typed = false } = {}) {
  const types = [...new Set(compilations.flatMap((c) => c.types))].sort();
  const rules = Object.keys(ruleTests).filter((r) => compilations.some((c) => c.rules?.includes(r)));
  const constants = compilations.flatMap((c) => c.constants);
  if (!constants.length && !compilations.some((c) => c.functions.some((f) => f.includes("check(")))) return [];
  const ts = (annotated, plain) => (typed ? annotated : plain);
  const arrow = (code) => (typed ? code.replace(/^\(d(, a)?\) =>/, (_, a) => `(d: any${a ? ", a: any" : ""}) =>`).replace(/^\(\) =>/, "(): boolean =>") : code);
  const out = [];
  if (typed) {
    out.push(
      "/** A schema as a table: applied sub-schemas, type, rules [keyword, argument, message], required and known properties, other properties' schema, properties, items. */",
      "interface Schema { a?: Node[]; t?: string; c?: [keyword: string, argument: any, message: string][]; r?: string[]; k?: string[]; x?: Node; p?: Record<string, Node>; i?: Node }",
      "/** A table, or the function of a schema compiled as one (a `$ref` target). */",
      "type Node = Schema | ((d: unknown, p: string, o: RawIssue[]) => void);",
    );
  }
  out.push(ts(
    'const isObject = (d: unknown): d is Record<string, unknown> => typeof d === "object" && d !== null && !Array.isArray(d);',
    'const isObject = (d) => typeof d === "object" && d !== null && !Array.isArray(d);',
  ));
  {
    const entries = types.map((t) => `  ${t}: ${arrow(typeTests[t])},`);
    out.push(`const kinds${ts(": Record<string, (d: unknown) => boolean>", "")} = {\n${entries.join("\n")}\n};`);
    // Whether a value is of one of the types ("string", "integer|null"; several only if the tables use them).
    out.push(
      compilations.some((c) => c.constants.some((code) => /t: "[a-z]+\|/.test(code)))
        ? ts('const is = (d: unknown, types: string): boolean => types.split("|").some((t) => kinds[t]!(d));', 'const is = (d, types) => types.split("|").some((t) => kinds[t](d));')
        : ts("const is = (d: unknown, type: string): boolean => kinds[type]!(d);", "const is = (d, type) => kinds[type](d);"),
    );
  }
  {
    out.push(`const rules${ts(": Record<string, (d: any, a: any) => boolean>", "")} = {\n${rules.map((r) => `  ${r}: ${arrow(ruleTests[r])},`).join("\n")}\n};`);
  }
  // The pointer of a value: its parent's and its key, escaped (RFC 6901). Built only when it is used
  // (an issue to report, or a container to look into), so that valid leaves cost no string building.
  out.push(ts(
    'const at = (p: string, k?: string | number): string => (k === undefined ? p : p + "/" + String(k).replace(/~/g, "~0").replace(/\\//g, "~1"));',
    'const at = (p, k) => (k === undefined ? p : p + "/" + String(k).replace(/~/g, "~0").replace(/\\//g, "~1"));',
  ));
  // The interpreter. Order of issues: applied schemas, type (a wrong type is the only issue of its
  // value), rules, then properties (required, unknown or other, each property) and items.
  out.push(ts(
    `const check = (s: Node, d: any, p: string, o: RawIssue[], k?: string | number): void => {
  if (typeof s === "function") return s(d, at(p, k), o);
  if (s.a) for (const n of s.a) check(n, d, p, o, k);
  if (s.t && !is(d, s.t)) {
    o.push([at(p, k), "must be " + s.t.split("|").map((t) => (t === "null" ? t : (/^[aeiou]/.test(t) ? "an " : "a ") + t)).join(" or "), "type"]);
    return;
  }
  if (s.c) for (const [w, a, m] of s.c) if (rules[w]!(d, a)) o.push([at(p, k), m, w]);
  if (isObject(d)) {
    const q = at(p, k);
    if (s.r) for (const n of s.r) if (d[n] === undefined) o.push([at(q, n), ${JSON.stringify(messages.required)}, "required"]);
    if (s.k) for (const n in d) if (!s.k.includes(n)) s.x ? check(s.x, d[n], q, o, n) : o.push([at(q, n), ${JSON.stringify(messages.additionalProperties)}, "additionalProperties"]);
    if (s.p) for (const n in s.p) if (d[n] !== undefined) check(s.p[n]!, d[n], q, o, n);
  } else if (s.i && Array.isArray(d)) {
    const q = at(p, k);
    for (let n = 0; n < d.length; n++) check(s.i, d[n], q, o, n);
  }
};`,
    `const check = (s, d, p, o, k) => {
  if (typeof s === "function") return s(d, at(p, k), o);
  if (s.a) for (const n of s.a) check(n, d, p, o, k);
  if (s.t && !is(d, s.t)) {
    o.push([at(p, k), "must be " + s.t.split("|").map((t) => (t === "null" ? t : (/^[aeiou]/.test(t) ? "an " : "a ") + t)).join(" or "), "type"]);
    return;
  }
  if (s.c) for (const [w, a, m] of s.c) if (rules[w](d, a)) o.push([at(p, k), m, w]);
  if (isObject(d)) {
    const q = at(p, k);
    if (s.r) for (const n of s.r) if (d[n] === undefined) o.push([at(q, n), ${JSON.stringify(messages.required)}, "required"]);
    if (s.k) for (const n in d) if (!s.k.includes(n)) s.x ? check(s.x, d[n], q, o, n) : o.push([at(q, n), ${JSON.stringify(messages.additionalProperties)}, "additionalProperties"]);
    if (s.p) for (const n in s.p) if (d[n] !== undefined) check(s.p[n], d[n], q, o, n);
  } else if (s.i && Array.isArray(d)) {
    const q = at(p, k);
    for (let n = 0; n < d.length; n++) check(s.i, d[n], q, o, n);
  }
};`,
  ));
  return out;
}
