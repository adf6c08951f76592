import { decisionAt, decisionsOf, type Decision } from "../spec/decisions.js";
import type { OpenApiDocument } from "../spec/document.js";
import { assertGeneratable, effectiveSchema, type EffectiveSchema } from "../spec/effective-schema.js";
import { pointer } from "@gong-flows/spec-reader";
import { sampleItems } from "./sample.js";

/** One way to break a valid request body, derived from one constraint of the request schema. */
export interface BodyMutation {
  /** Says what is wrong, e.g. `201 items at /flowInstanceIds (maxItems 200)`. */
  name: string;
  /** JSON pointer into the body to the broken value. */
  pointer: string;
  /** The schema keyword the broken body violates. */
  keyword: string;
  /**
   * The project's decision that the broken constraint is, when it is one (an empty id, an unknown
   * property…); undefined for a constraint Gong documents (a missing required property, a wrong
   * type, 201 flow-instance ids).
   */
  decision: Decision | undefined;
  /**
   * JSON pointer into the body of the nearest value whose schema has alternatives (`anyOf`/`oneOf`)
   * above the broken one, if any: a validator may name that value instead, as no alternative fits.
   * The mutations of such a value break its first alternative, which another may still accept: a
   * broken body is negative only when it fails the whole schema (see {@link isNegative}).
   */
  alternativesAt: string | undefined;
  /** Returns a broken copy of a valid body (the input is not changed). */
  apply(body: unknown): unknown;
}

type Path = (string | number)[];

/** The name of the property added by the "unknown property" mutations. */
const unknownPropertyName = "unexpectedProperty";

/**
 * Every way to break a valid body of the schema at `schemaAt`, one constraint at a time: a wrong type,
 * a value outside the enum, and each constraint of its type (see {@link mutationsByType}).
 */
export function bodyMutations(spec: OpenApiDocument, schemaAt: string): BodyMutation[] {
  const mutations: BodyMutation[] = [];
  const decisions = decisionsOf(spec);
  const visit = (at: string, path: Path, alternativesAt: string | undefined) => {
    const schema = effectiveSchema(spec, at);
    assertGeneratable(schema);
    const here = pointer(...path);
    if (schema.alternatives?.[0] !== undefined) return visit(schema.alternatives[0], path, here);
    const node: SchemaNode = {
      spec,
      schema,
      path,
      here,
      decisionOf: (keyword) => decisionAt(decisions, schema.sources.get(keyword) ?? at, keyword),
    };
    const found = [...typeMutations(node), ...(mutationsByType[schema.type ?? ""]?.(node) ?? [])];
    mutations.push(...found.map((mutation) => ({ ...mutation, alternativesAt })));
    for (const [name, propertyAt] of schema.type === "object" ? schema.properties : [])
      visit(propertyAt, [...path, name], alternativesAt);
    if (schema.type === "array" && schema.items) visit(schema.items, [...path, 0], alternativesAt);
  };
  visit(schemaAt, [], undefined);
  return mutations;
}

/** Whether a mutated body is invalid against the schema it was made from (see {@link BodyMutation.alternativesAt}). */
export function isNegative(isValid: (body: unknown) => boolean, mutation: BodyMutation, valid: unknown): boolean {
  return !isValid(mutation.apply(valid));
}

/** One schema of the request, where it sits in the body, and how to tell whether a keyword is a decision. */
interface SchemaNode {
  spec: OpenApiDocument;
  schema: EffectiveSchema;
  path: Path;
  /** JSON pointer of `path`. */
  here: string;
  decisionOf(keyword: string): Decision | undefined;
}

/** A mutation that replaces the value at the node with `value()`. */
function replaced(node: SchemaNode, name: string, keyword: string, value: () => unknown): BodyMutation {
  return {
    name,
    pointer: node.here,
    keyword,
    decision: node.decisionOf(keyword),
    alternativesAt: undefined,
    apply: (body) => setAt(body, node.path, value()),
  };
}

/** A wrong type (a schema without a type accepts any: there is none to send) and a value outside the enum. */
function typeMutations(node: SchemaNode): BodyMutation[] {
  const { schema, here } = node;
  const out: BodyMutation[] = [];
  if (schema.type !== undefined) {
    const wrong = wrongTypeValue(schema);
    const name = `${describeType(wrong)} instead of ${article(schema.type)} at ${here || "the top level"}`;
    out.push(replaced(node, name, "type", () => wrong));
  }
  if (schema.enum) out.push(replaced(node, `a value outside the enum at ${here}`, "enum", () => "NotInTheEnum"));
  return out;
}

/** The constraints each JSON type can break, beside its type. */
const mutationsByType: Record<string, (node: SchemaNode) => BodyMutation[]> = {
  object: objectMutations,
  array: arrayMutations,
  string: stringMutations,
  integer: numberMutations,
  number: numberMutations,
};

function objectMutations(node: SchemaNode): BodyMutation[] {
  const { schema, path } = node;
  const out: BodyMutation[] = schema.required.map((name) => ({
    name: `missing required property ${pointer(...path, name)}`,
    pointer: pointer(...path, name),
    keyword: "required",
    decision: node.decisionOf("required"),
    alternativesAt: undefined,
    apply: (body) => deleteAt(body, [...path, name]),
  }));
  if (schema.additionalProperties === false) {
    const at = [...path, unknownPropertyName];
    out.push({
      name: `unknown property ${pointer(...at)}`,
      pointer: pointer(...at),
      keyword: "additionalProperties",
      decision: node.decisionOf("additionalProperties"),
      alternativesAt: undefined,
      apply: (body) => setAt(body, at, "not in the spec"),
    });
  }
  return out;
}

function arrayMutations(node: SchemaNode): BodyMutation[] {
  const { spec, schema, here } = node;
  const out: BodyMutation[] = [];
  if (schema.minItems !== undefined && schema.minItems > 0) {
    const count = schema.minItems - 1;
    out.push(
      replaced(node, `${count} items at ${here} (minItems ${schema.minItems})`, "minItems", () =>
        arrayOf(spec, schema, count),
      ),
    );
  }
  if (schema.uniqueItems) {
    out.push({
      name: `a repeated item at ${here} (uniqueItems)`,
      pointer: here,
      keyword: "uniqueItems",
      decision: node.decisionOf("uniqueItems"),
      alternativesAt: undefined,
      apply: (body) => {
        const items = valueAtPath(body, node.path);
        const list = Array.isArray(items) && items.length > 0 ? items : arrayOf(spec, schema, 1);
        return setAt(body, node.path, [...list, list[0]]);
      },
    });
  }
  if (schema.maxItems !== undefined) {
    const count = schema.maxItems + 1;
    out.push(
      replaced(node, `${count} items at ${here} (maxItems ${schema.maxItems})`, "maxItems", () =>
        arrayOf(spec, schema, count),
      ),
    );
  }
  return out;
}

function stringMutations(node: SchemaNode): BodyMutation[] {
  const { schema, here } = node;
  const out: BodyMutation[] = [];
  const { minLength, maxLength } = schema;
  if (minLength !== undefined && minLength > 0)
    out.push(
      replaced(node, `a string shorter than ${minLength} at ${here}`, "minLength", () => "x".repeat(minLength - 1)),
    );
  if (maxLength !== undefined)
    out.push(
      replaced(node, `a string longer than ${maxLength} at ${here}`, "maxLength", () => "x".repeat(maxLength + 1)),
    );
  if (schema.format === "email")
    out.push(replaced(node, `a malformed email at ${here}`, "format", () => "not-an-email"));
  if (schema.format === "date-time")
    out.push(replaced(node, `a malformed date-time at ${here}`, "format", () => "yesterday"));
  if (schema.pattern !== undefined) {
    const pattern = new RegExp(schema.pattern, "u");
    const mismatch = ["not matching the pattern", "-", "x"].find((candidate) => !pattern.test(candidate));
    if (mismatch !== undefined)
      out.push(replaced(node, `a string not matching ${schema.pattern} at ${here}`, "pattern", () => mismatch));
  }
  return out;
}

function numberMutations(node: SchemaNode): BodyMutation[] {
  const { schema, here } = node;
  const out: BodyMutation[] = [];
  const { minimum, maximum } = schema;
  if (minimum !== undefined)
    out.push(replaced(node, `a number below ${minimum} at ${here}`, "minimum", () => minimum - 1));
  if (maximum !== undefined)
    out.push(replaced(node, `a number above ${maximum} at ${here}`, "maximum", () => maximum + 1));
  return out;
}

/** A value whose JSON type differs from the schema's type. */
function wrongTypeValue(schema: EffectiveSchema): unknown {
  switch (schema.type) {
    case "string":
      return 12345;
    case "array":
      return "not-an-array";
    case "object":
      return ["not-an-object"];
    default:
      return "not-a-number-or-boolean";
  }
}

function describeType(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return "a string";
  if (typeof value === "number") return "a number";
  return typeof value;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** An array of `count` valid, distinct items for an array schema. */
function arrayOf(spec: OpenApiDocument, schema: EffectiveSchema, count: number): unknown[] {
  return schema.items ? sampleItems(spec, schema.items, count) : Array.from({ length: count }, (_, i) => i);
}

/** The value at `path` in `body`, or undefined. */
function valueAtPath(body: unknown, path: Path): unknown {
  let node = body;
  for (const token of path)
    node = node !== null && typeof node === "object" ? (node as Record<string | number, unknown>)[token] : undefined;
  return node;
}

/** A deep copy of `body` with the value at `path` replaced (containers created as needed). */
function setAt(body: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy: unknown = structuredClone(body);
  const [head, ...rest] = path as [string | number, ...Path];
  const container = (copy !== null && typeof copy === "object" ? copy : typeof head === "number" ? [] : {}) as Record<
    string | number,
    unknown
  >;
  container[head] = setAt(container[head], rest, value);
  return container;
}

/** A deep copy of `body` without the value at `path`. */
function deleteAt(body: unknown, path: Path): unknown {
  const copy: unknown = structuredClone(body);
  let node = copy as Record<string | number, unknown> | undefined;
  for (const token of path.slice(0, -1)) {
    node = node?.[token] as Record<string | number, unknown> | undefined;
    if (node === null || typeof node !== "object") return copy;
  }
  const last = path[path.length - 1];
  if (node && last !== undefined) {
    if (Array.isArray(node) && typeof last === "number") node.splice(last, 1);
    else delete node[last];
  }
  return copy;
}
