import { resolveRef } from "@gong-flows/spec-reader";
import type { OpenApiDocument } from "./document.js";

/**
 * A header or a query parameter arrives as text; its schema speaks of JSON types. `"2"` is the
 * integer 2 for an integer schema, `"true"` the boolean for a boolean one, while `"2.5"` or `"soon"`
 * stay text and so fail an integer schema, as they should.
 */
export function textValue(spec: OpenApiDocument, schemaPointer: string, raw: string): unknown {
  const { node } = resolveRef(spec, schemaPointer);
  const text = raw.trim();
  switch (node["type"]) {
    case "integer":
      return /^-?\d+$/.test(text) ? Number(text) : raw;
    case "number":
      return /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text) ? Number(text) : raw;
    case "boolean":
      return text === "true" ? true : text === "false" ? false : raw;
    default:
      return raw;
  }
}
