// The checks of the keywords that apply to one kind of value (JSON Schema ignores them for other
// kinds), and of `enum` and `const`, each returning code ("" when the schema has none).
import { escapeToken } from "@gong-flows/spec-reader";
import { type Compiler, constant, push, segment, typeOnly } from "./compiler.js";
import { messages } from "./messages.js";
import type { SchemaObject } from "./schema.js";

export function valueChecks(c: Compiler, schema: SchemaObject, d: string, p: string, where: string): string {
  if (c.tolerant) return "";
  const out: string[] = [];
  if (schema.enum !== undefined) {
    if (!Array.isArray(schema.enum) || schema.enum.some((v) => v !== null && typeof v === "object")) {
      throw new Error(`${where}/enum: only lists of strings, numbers, booleans and null are supported`);
    }
    const values = constant(c, JSON.stringify(schema.enum));
    out.push(`if (!${values}.includes(${d})) ${push(p, messages.enum(schema.enum), "enum")}`);
  }
  if (schema.const !== undefined) {
    if (schema.const !== null && typeof schema.const === "object")
      throw new Error(`${where}/const: only a string, number, boolean or null is supported`);
    out.push(`if (${d} !== ${JSON.stringify(schema.const)}) ${push(p, messages.const(schema.const), "const")}`);
  }
  return out.join("\n");
}

export function objectChecks(c: Compiler, schema: SchemaObject, d: string, p: string, where: string, depth: number) {
  const out: string[] = [];
  const properties = schema.properties ?? {};
  if (schema.required?.length) out.push(`required(${d}, ${constant(c, JSON.stringify(schema.required))}, ${p}, o);`);
  const extra = schema.additionalProperties;
  if (extra === false) {
    out.push(`known(${d}, ${constant(c, JSON.stringify(Object.keys(properties)))}, ${p}, o);`);
  } else if (extra !== undefined && extra !== true) {
    const k = `_k${depth}`;
    const known = Object.keys(properties);
    const unknown = known.length ? `!${constant(c, JSON.stringify(known))}.includes(${k})` : "true";
    const code = c.node(extra, `${d}[${k}]`, `${p} + "/" + pointer(${k})`, `${where}/additionalProperties`, depth + 1);
    if (code) out.push(`for (const ${k} in ${d}) if (${unknown}) {\n${code}\n}`);
  }
  for (const [name, sub] of Object.entries(properties)) {
    const only = typeOnly(c, sub);
    if (only) {
      out.push(`property(${d}, ${JSON.stringify(name)}, ${JSON.stringify(only)}, ${p}, o);`);
      continue;
    }
    const v = `_v${depth}`;
    const code = c.node(sub, v, `${p} + ${segment(name)}`, `${where}/properties/${escapeToken(name)}`, depth + 1);
    if (code) out.push(`{\nconst ${v} = ${d}[${JSON.stringify(name)}];\nif (${v} !== undefined) {\n${code}\n}\n}`);
  }
  return out.join("\n");
}

export function arrayChecks(c: Compiler, schema: SchemaObject, d: string, p: string, where: string, depth: number) {
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
    const code = c.node(schema.items, v, `${p} + "/" + ${i}`, `${where}/items`, depth + 1);
    if (code) out.push(`for (let ${i} = 0; ${i} < ${d}.length; ${i}++) {\nconst ${v} = ${d}[${i}];\n${code}\n}`);
  }
  return out.join("\n");
}

export function stringChecks(c: Compiler, schema: SchemaObject, d: string, p: string, where: string): string {
  const out: string[] = [];
  const length = (n: number): string => (n === 1 ? `${d}.length` : `codePoints(${d})`);
  const { minLength, maxLength, pattern, format } = schema;
  if (minLength !== undefined && minLength > 0) {
    const issue = push(p, messages.minLength(minLength), "minLength");
    out.push(minLength === 1 ? `if (${d} === "") ${issue}` : `if (${length(minLength)} < ${minLength}) ${issue}`);
  }
  if (maxLength !== undefined)
    out.push(`if (${length(2)} > ${Number(maxLength)}) ${push(p, messages.maxLength(maxLength), "maxLength")}`);
  if (pattern !== undefined) {
    const regexp = constant(c, `new RegExp(${JSON.stringify(pattern)}, "u")`);
    out.push(`if (!${regexp}.test(${d})) ${push(p, messages.pattern(pattern), "pattern")}`);
  }
  if (format !== undefined && !c.tolerant) {
    const regexp = c.formats[format];
    if (!regexp)
      throw new Error(
        `${where}/format: the format "${format}" has no check in the client's validator generator; add one or drop it`,
      );
    out.push(`if (!${constant(c, String(regexp))}.test(${d})) ${push(p, messages.format(format), "format")}`);
  }
  return out.join("\n");
}

export function numberChecks(schema: SchemaObject, d: string, p: string): string {
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
