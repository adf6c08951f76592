import { appendPointer, type OperationSpec, pointer, resolveRef, tokensOf, valueAt } from "@gong-flows/spec-reader";
import type { OpenApiDocument } from "./document.js";

/** A query or path parameter of an operation, and where its schema is in the spec. */
export interface ParameterSpec {
  name: string;
  in: "query" | "path";
  /** Always true for a path parameter (OpenAPI requires it). */
  required: boolean;
  /** JSON pointer to the Parameter Object (`$ref`s followed). */
  pointer: string;
  /** JSON pointer to its schema. */
  schemaPointer: string;
}

/**
 * Where the suite keeps, in its copy of the spec, one object schema per operation that has parameters:
 * its query and path parameters as properties (each a `$ref` to the parameter's own schema), so that the
 * generators, the mutations and the validator treat them like a request body.
 */
export const parameterSchemasKey = "gong-flows-contract-parameters";

/**
 * The query and path parameters of an operation: the path item's, then the operation's (which override
 * one of the same name and location). Header and cookie parameters are not read: the spec has none.
 */
export function parametersOf(spec: OpenApiDocument, operation: OperationSpec): ParameterSpec[] {
  const pathItemAt = pointer(...tokensOf(operation.pointer).slice(0, -1));
  const found = new Map<string, ParameterSpec>();
  for (const listAt of [appendPointer(pathItemAt, "parameters"), appendPointer(operation.pointer, "parameters")]) {
    const list = valueAt(spec, listAt);
    if (!Array.isArray(list)) continue;
    list.forEach((_, i) => {
      const { pointer: at, node } = resolveRef(spec, appendPointer(listAt, i));
      const where = node["in"];
      const name = node["name"];
      if ((where !== "query" && where !== "path") || typeof name !== "string") return;
      found.set(`${where} ${name}`, {
        name,
        in: where,
        required: where === "path" || node["required"] === true,
        pointer: at,
        schemaPointer: appendPointer(at, "schema"),
      });
    });
  }
  return [...found.values()];
}

/**
 * A copy of the spec with an object schema of each operation's parameters under
 * {@link parameterSchemasKey}; the spec as read is left as it is (check 1 holds that one).
 */
export function withParameterSchemas(spec: OpenApiDocument, operations: readonly OperationSpec[]): OpenApiDocument {
  const schemas: Record<string, unknown> = {};
  for (const operation of operations) {
    const parameters = parametersOf(spec, operation);
    if (parameters.length === 0) continue;
    schemas[operation.operationId] = {
      type: "object",
      properties: Object.fromEntries(parameters.map((p) => [p.name, { $ref: `#${encodeURI(p.schemaPointer)}` }])),
      required: parameters.filter((p) => p.required).map((p) => p.name),
    };
  }
  return { ...spec, [parameterSchemasKey]: schemas };
}

/** The pointer of the parameters' object schema of an operation (see {@link withParameterSchemas}). */
export function parameterSchemaPointer(operationId: string): string {
  return pointer(parameterSchemasKey, operationId);
}
