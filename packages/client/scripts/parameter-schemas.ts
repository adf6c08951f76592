// The path and query parameters of each operation, as one JSON Schema object per operation, so that the
// request validators check a call's parameters as they check a body (one issue per problem, its
// pointer the parameter's name). The schemas point at the parameters' own, which stay the spec's.
import {
  appendPointer,
  escapeToken,
  listOperations,
  type OpenApiDocument,
  resolveRef,
  valueAt,
} from "@gong-flows/spec-reader";

/** Where the parameter schemas are put in the copy of the spec the validators are compiled from. */
export const parameterSchemasKey = "x-gong-flows-parameters";

/** A pointer as a local `$ref` (each token escaped; a `$ref` is a URI, so it is percent-encoded too). */
const refOf = (pointer: string) =>
  `#${pointer
    .split("/")
    .map((token) => encodeURIComponent(token))
    .join("/")}`;

/** The parameters of the operation at `at` (and of its path item), `$ref`s followed. */
function parametersAt(
  spec: OpenApiDocument,
  at: string,
): { name: string; in: string; required: boolean; schema: string }[] {
  const pathItem = at.slice(0, at.lastIndexOf("/"));
  const holders = [appendPointer(pathItem, "parameters"), appendPointer(at, "parameters")];
  const byName = new Map<string, { name: string; in: string; required: boolean; schema: string }>();
  for (const holder of holders) {
    const list = valueAt(spec, holder);
    if (!Array.isArray(list)) continue;
    for (const index of list.keys()) {
      const { pointer, node } = resolveRef(spec, appendPointer(holder, index));
      const where = node["in"];
      if ((where !== "query" && where !== "path") || typeof node["name"] !== "string") continue;
      // An operation's parameter overrides its path item's of the same name and place.
      byName.set(`${where} ${node["name"]}`, {
        name: node["name"],
        in: where,
        required: node["required"] === true,
        schema: schemaRef(node["schema"], appendPointer(pointer, "schema")),
      });
    }
  }
  return [...byName.values()];
}

/** The `$ref` of a parameter's schema: the schema it names when it is only a `$ref`, so that it compiles once. */
function schemaRef(schema: unknown, pointer: string): string {
  const ref = (schema as { $ref?: unknown } | undefined)?.$ref;
  const only = schema !== null && typeof schema === "object" && Object.keys(schema).length === 1;
  return only && typeof ref === "string" ? ref : refOf(pointer);
}

/**
 * The spec with one object schema per operation that has path or query parameters, under
 * {@link parameterSchemasKey}: its properties the parameters (no other allowed), its `required` theirs.
 */
export function withParameterSchemas(spec: OpenApiDocument): {
  document: OpenApiDocument;
  entries: { name: string; where: string }[];
} {
  const schemas: Record<string, unknown> = {};
  for (const operation of listOperations(spec)) {
    const parameters = parametersAt(spec, operation.pointer);
    if (parameters.length === 0) continue;
    schemas[operation.operationId] = {
      type: "object",
      additionalProperties: false,
      required: parameters.filter((p) => p.required).map((p) => p.name),
      properties: Object.fromEntries(parameters.map((p) => [p.name, { $ref: p.schema }])),
    };
  }
  const entries = Object.keys(schemas).map((name) => ({
    name,
    where: `#/${parameterSchemasKey}/${escapeToken(name)}`,
  }));
  return { document: { ...spec, [parameterSchemasKey]: schemas }, entries };
}
