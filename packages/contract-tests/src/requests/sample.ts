import type { OpenApiDocument } from "../spec/document.js";
import { assertGeneratable, effectiveSchema, type EffectiveSchema } from "../spec/effective-schema.js";

/** The prefix of every id the suite makes up: such an id can only match nothing on a real account. */
export const madeUpIdPrefix = "gong-flows-contract-test-made-up";

/**
 * A valid value for the schema at `at`, with every optional property filled in and made-up ids for
 * strings, so that each part of it can be broken on purpose by a negative case.
 */
export function sampleValue(spec: OpenApiDocument, at: string): unknown {
  const schema = effectiveSchema(spec, at);
  assertGeneratable(schema);
  if (schema.enum) return schema.enum[0];
  // Of alternatives, the first: the form every negative case of the body breaks.
  if (schema.alternatives?.[0] !== undefined) return sampleValue(spec, schema.alternatives[0]);
  switch (schema.type) {
    case "object": {
      const object: Record<string, unknown> = {};
      for (const [name, propertyAt] of schema.properties) object[name] = sampleValue(spec, propertyAt);
      return object;
    }
    case "array":
      return schema.items ? sampleItems(spec, schema.items, Math.max(schema.minItems ?? 0, 1)) : [];
    case "string":
      if (schema.format === "email") return "contract-test@example.com";
      if (schema.format === "date-time") return "2024-01-17T16:20:05-03:00";
      if (schema.pattern !== undefined) return patternSample(schema);
      return `${madeUpIdPrefix}-1`;
    case "integer":
      return schema.minimum ?? 1;
    case "number":
      return schema.minimum ?? 1.5;
    case "boolean":
      return true;
    default:
      throw new Error(`spec: cannot make up a value for the schema at ${at} (type ${String(schema.type)})`);
  }
}

/**
 * `count` valid items of the schema at `itemsAt`. Plain strings (ids) are made distinct: an id list
 * with duplicates would test de-duplication, not the contract.
 */
export function sampleItems(spec: OpenApiDocument, itemsAt: string, count: number): unknown[] {
  const item = effectiveSchema(spec, itemsAt);
  const plainString = item.type === "string" && item.format === undefined && item.pattern === undefined && !item.enum;
  return Array.from({ length: count }, (_, i) => {
    const value = sampleValue(spec, itemsAt);
    return plainString ? `${String(value)}-${i + 1}` : value;
  });
}

/** A string matching a schema's pattern: its first example that does, or made-up decimal digits. */
function patternSample(schema: EffectiveSchema): string {
  const pattern = new RegExp(schema.pattern ?? "", "u");
  const example = schema.examples.find((e): e is string => typeof e === "string" && pattern.test(e));
  if (example !== undefined) return example;
  if (pattern.test("1")) return "1";
  throw new Error(`spec: ${schema.pointer}: give an example that matches the pattern ${schema.pattern}`);
}
