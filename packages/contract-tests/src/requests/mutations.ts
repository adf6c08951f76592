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
  /** Returns a broken copy of a valid body (the input is not changed). */
  apply(body: unknown): unknown;
}

type Path = (string | number)[];

/** The name of the property added by the "unknown property" mutations. */
const unknownPropertyName = "unexpectedProperty";

/**
 * Every way to break a valid body of the schema at `schemaAt`, one constraint at a time: each
 * required property missing, each value of a wrong type, each array below `minItems` or above
 * `maxItems`, each string below `minLength` or of a wrong format, each value outside its enum, and an
 * unknown property where `additionalProperties` is false.
 */
export function bodyMutations(spec: OpenApiDocument, schemaAt: string): BodyMutation[] {
  const mutations: BodyMutation[] = [];
  const decisions = decisionsOf(spec);
  const visit = (at: string, path: Path) => {
    const schema = effectiveSchema(spec, at);
    assertGeneratable(schema);
    const here = pointer(...path);
    const decisionOf = (keyword: string) => decisionAt(decisions, schema.sources.get(keyword) ?? at, keyword);
    const set = (name: string, keyword: string, value: () => unknown) =>
      mutations.push({
        name,
        pointer: here,
        keyword,
        decision: decisionOf(keyword),
        apply: (body) => setAt(body, path, value()),
      });

    // A schema without a type accepts a value of any type: there is no wrong type to send.
    if (schema.type !== undefined) {
      const wrong = wrongTypeValue(schema);
      set(
        `${describeType(wrong)} instead of ${article(schema.type)} at ${here || "the top level"}`,
        "type",
        () => wrong,
      );
    }
    if (schema.enum) set(`a value outside the enum at ${here}`, "enum", () => "NotInTheEnum");

    switch (schema.type) {
      case "object":
        for (const name of schema.required) {
          mutations.push({
            name: `missing required property ${pointer(...path, name)}`,
            pointer: pointer(...path, name),
            keyword: "required",
            decision: decisionOf("required"),
            apply: (body) => deleteAt(body, [...path, name]),
          });
        }
        if (schema.additionalProperties === false) {
          const at2 = [...path, unknownPropertyName];
          mutations.push({
            name: `unknown property ${pointer(...at2)}`,
            pointer: pointer(...at2),
            keyword: "additionalProperties",
            decision: decisionOf("additionalProperties"),
            apply: (body) => setAt(body, at2, "not in the spec"),
          });
        }
        for (const [name, propertyAt] of schema.properties) visit(propertyAt, [...path, name]);
        break;
      case "array":
        if (schema.minItems !== undefined && schema.minItems > 0) {
          const count = schema.minItems - 1;
          set(`${count} items at ${here} (minItems ${schema.minItems})`, "minItems", () =>
            arrayOf(spec, schema, count),
          );
        }
        if (schema.maxItems !== undefined) {
          const count = schema.maxItems + 1;
          set(`${count} items at ${here} (maxItems ${schema.maxItems})`, "maxItems", () =>
            arrayOf(spec, schema, count),
          );
        }
        if (schema.items) visit(schema.items, [...path, 0]);
        break;
      case "string":
        if (schema.minLength !== undefined && schema.minLength > 0) {
          set(`a string shorter than ${schema.minLength} at ${here}`, "minLength", () =>
            "x".repeat(schema.minLength! - 1),
          );
        }
        if (schema.maxLength !== undefined) {
          set(`a string longer than ${schema.maxLength} at ${here}`, "maxLength", () =>
            "x".repeat(schema.maxLength! + 1),
          );
        }
        if (schema.format === "email") set(`a malformed email at ${here}`, "format", () => "not-an-email");
        if (schema.format === "date-time") set(`a malformed date-time at ${here}`, "format", () => "yesterday");
        break;
      case "integer":
      case "number":
        if (schema.minimum !== undefined)
          set(`a number below ${schema.minimum} at ${here}`, "minimum", () => schema.minimum! - 1);
        if (schema.maximum !== undefined)
          set(`a number above ${schema.maximum} at ${here}`, "maximum", () => schema.maximum! + 1);
        break;
    }
  };
  visit(schemaAt, []);
  return mutations;
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
