// The code that checks one value against one schema: `$ref`s inlined or called, `allOf` in turn, the
// type first, then each kind's keywords behind a test of that kind.
import { type Compiler, push, schemaAt } from "./compiler.js";
import { arrayChecks, numberChecks, objectChecks, stringChecks, valueChecks } from "./keyword-checks.js";
import { messages } from "./messages.js";
import { assertImplemented, isLeaf, type Schema, type SchemaObject, typeTests } from "./schema.js";

/** The function for the schema at `pointer`; compiled once, on first use. */
export function functionFor(c: Compiler, pointer: string): string {
  const known = c.functions.get(pointer);
  if (known) return known.name;
  const name = `${c.prefix}${c.functions.size}`;
  const entry = { name, code: "" };
  c.functions.set(pointer, entry);
  c.compiling.add(pointer);
  const body = node(c, schemaAt(c, pointer), "d", "p", pointer, 0);
  c.compiling.delete(pointer);
  entry.code = `/** ${pointer} */\nfunction ${name}${c.signature} {\n${body}\n}`;
  return name;
}

/**
 * The code that checks `d` (an expression without side effects) against `schema`; `p` is the
 * expression of its JSON pointer, evaluated only when an issue is pushed or a nested value is checked.
 */
export function node(c: Compiler, schema: Schema | undefined, d: string, p: string, where: string, depth: number) {
  if (schema === true || schema === undefined) return "";
  if (schema === false) return push(p, messages.false, "false");
  if (schema === null || typeof schema !== "object" || Array.isArray(schema))
    throw new Error(`${where}: a schema must be an object or a boolean`);
  assertImplemented(schema, where);
  const out: string[] = [];
  if (schema.$ref !== undefined) {
    const target = schemaAt(c, schema.$ref);
    if (isLeaf(target) && !c.compiling.has(schema.$ref)) out.push(node(c, target, d, p, schema.$ref, depth));
    else out.push(`${functionFor(c, schema.$ref)}(${d}, ${p}, o);`);
  }
  if (schema.allOf !== undefined) {
    if (!Array.isArray(schema.allOf)) throw new Error(`${where}/allOf: must be an array`);
    for (const [i, sub] of schema.allOf.entries()) out.push(node(c, sub, d, p, `${where}/allOf/${i}`, depth));
  }
  for (const key of ["anyOf", "oneOf"] as const) out.push(alternatives(c, schema, key, d, p, where, depth));
  const types = schema.type === undefined ? undefined : [schema.type].flat();
  for (const t of types ?? []) {
    if (!(t in typeTests)) throw new Error(`${where}/type: unknown type ${JSON.stringify(t)}`);
    c.usedTypes.add(t);
  }
  const inner = kindChecks(c, schema, types, d, p, where, depth);
  const any = valueChecks(c, schema, d, p, where);
  if (any) inner.push(any);
  if (types) {
    // The type holds before anything else is said about the value: a wrong type is one issue.
    // The path is built only when the type is wrong: `is` first, then `wrongType` to say so.
    const kind = JSON.stringify(types.join("|"));
    const test = `is(${d}, ${kind}) || wrongType(${kind}, ${p}, o)`;
    out.push(
      inner.length ? `if (${test}) {\n${inner.join("\n")}\n}` : `if (!is(${d}, ${kind})) wrongType(${kind}, ${p}, o);`,
    );
  } else {
    out.push(...inner);
  }
  return out.filter(Boolean).join("\n");
}

/** Each kind's keyword checks, behind a test of that kind unless the type already guarantees it. */
function kindChecks(
  c: Compiler,
  schema: SchemaObject,
  types: string[] | undefined,
  d: string,
  p: string,
  where: string,
  depth: number,
): string[] {
  const kinds: [string, string, string[]][] = [
    ["object", objectChecks(c, schema, d, p, where, depth), ["object"]],
    ["array", arrayChecks(c, schema, d, p, where, depth), ["array"]],
    ["string", stringChecks(c, schema, d, p, where), ["string"]],
    ["number", numberChecks(schema, d, p), ["number", "integer"]],
  ];
  const inner: string[] = [];
  for (const [kind, code, typeNames] of kinds) {
    if (!code || (types && !types.some((t) => typeNames.includes(t)))) continue;
    if (types?.every((t) => typeNames.includes(t))) inner.push(code);
    else {
      c.usedTypes.add(kind);
      // (`!`: in typed code `kinds` is a record by name, and this kind was added to it just above.)
      inner.push(`if (kinds.${kind}${c.typed ? "!" : ""}(${d})) {\n${code}\n}`);
    }
  }
  return inner;
}

/**
 * `anyOf` / `oneOf`: each form checked into an issue list of its own. When none holds, the issues of the
 * form that came closest (fewest; the first on a tie) are reported, in that form's terms.
 */
function alternatives(
  c: Compiler,
  schema: SchemaObject,
  key: "anyOf" | "oneOf",
  d: string,
  p: string,
  where: string,
  depth: number,
): string {
  const forms = schema[key];
  if (forms === undefined) return "";
  if (!Array.isArray(forms) || forms.length === 0) throw new Error(`${where}/${key}: must be a non-empty array`);
  const param = c.typed ? "(o: RawIssue[])" : "(o)";
  const checks = forms.map((sub, i) => `${param} => {\n${node(c, sub, d, p, `${where}/${key}/${i}`, depth)}\n}`);
  return `${key}([${checks.join(", ")}], ${p}, o);`;
}
