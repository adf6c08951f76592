import fc from "fast-check";
import type { OpenApiDocument } from "../spec/document.js";
import { assertGeneratable, effectiveSchema, type EffectiveSchema } from "../spec/effective-schema.js";

/**
 * A fast-check arbitrary of values valid against the schema at `at`, built from the schema itself
 * (types, required and optional properties, array and string bounds, formats, enums). A schema that
 * uses a keyword it does not understand is refused rather than half-honoured.
 */
export function validValueArbitrary(spec: OpenApiDocument, at: string): fc.Arbitrary<unknown> {
  const schema = effectiveSchema(spec, at);
  assertGeneratable(schema);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.alternatives) return alternativesArbitrary(spec, schema);
  switch (schema.type) {
    case "object": {
      const shape: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, propertyAt] of schema.properties) shape[name] = validValueArbitrary(spec, propertyAt);
      // Only the documented properties: additionalProperties may be false (requests are strict).
      return fc.record(shape, { requiredKeys: schema.required.filter((name) => schema.properties.has(name)) });
    }
    case "array": {
      const item = schema.items ? validValueArbitrary(spec, schema.items) : fc.constant(null);
      const minLength = schema.minItems ?? 0;
      const array = (bounds: { minLength: number; maxLength?: number }) =>
        schema.uniqueItems
          ? fc.uniqueArray(item, { ...bounds, selector: (v) => JSON.stringify(v) })
          : fc.array(item, bounds);
      if (schema.maxItems === undefined) return array({ minLength });
      // fast-check keeps arrays short by default; the documented maximum (200 flow instances) is the
      // boundary most worth sending, so one run in five sends exactly that many.
      return fc.oneof(
        { weight: 4, arbitrary: array({ minLength, maxLength: schema.maxItems }) },
        { weight: 1, arbitrary: array({ minLength: schema.maxItems, maxLength: schema.maxItems }) },
      );
    }
    case "string":
      if (schema.format === "email") return fc.emailAddress();
      if (schema.format === "date-time") {
        return fc
          .date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true })
          .map((d) => d.toISOString());
      }
      if (schema.format !== undefined) throw new Error(`spec: ${at}: no generator for format "${schema.format}"`);
      if (schema.pattern !== undefined) {
        if (schema.minLength !== undefined || schema.maxLength !== undefined)
          throw new Error(`spec: ${at}: no generator for a pattern with length bounds`);
        return fc.stringMatching(new RegExp(schema.pattern, "u"));
      }
      return fc.string({
        unit: "grapheme",
        minLength: schema.minLength ?? 0,
        ...(schema.maxLength === undefined ? {} : { maxLength: schema.maxLength }),
      });
    case "integer":
      return fc.integer({
        ...(schema.minimum === undefined ? {} : { min: schema.minimum }),
        ...(schema.maximum === undefined ? {} : { max: schema.maximum }),
      });
    case "number":
      return fc.double({
        noNaN: true,
        noDefaultInfinity: true,
        ...(schema.minimum === undefined ? {} : { min: schema.minimum }),
        ...(schema.maximum === undefined ? {} : { max: schema.maximum }),
      });
    case "boolean":
      return fc.boolean();
    default:
      throw new Error(`spec: ${at}: no generator for type ${String(schema.type)}`);
  }
}

/**
 * A value of one of the alternatives (`anyOf`/`oneOf`) of a schema that states nothing else: a
 * schema with a type or properties beside its alternatives is refused rather than half-honoured.
 */
function alternativesArbitrary(spec: OpenApiDocument, schema: EffectiveSchema): fc.Arbitrary<unknown> {
  if (schema.type !== undefined || schema.properties.size > 0)
    throw new Error(`spec: ${schema.pointer}: no generator for anyOf/oneOf beside other keywords`);
  return fc.oneof(...(schema.alternatives ?? []).map((at) => validValueArbitrary(spec, at)));
}
