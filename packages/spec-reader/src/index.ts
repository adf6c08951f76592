// The one reader of the spec: every generator and the contract suite read the document through these.
export { decisionKeyword, decisionMarks, type DecisionMark } from "./decision-marks.js";
export { appendPointer, escapeToken, pointer, tokensOf, unescapeToken, valueAt } from "./json-pointer.js";
export { parseSpec, readSpec, SpecLoadError, type OpenApiDocument } from "./load.js";
export {
  isJsonMediaType,
  isReadOperation,
  jsonMediaType,
  listOperations,
  mediaTypeEssence,
  responseFor,
  type HeaderSpec,
  type MediaTypeSpec,
  type OperationSpec,
  type ResponseSpec,
} from "./operations.js";
export { pointerOfRef, refTarget, resolveRef } from "./refs.js";
export { everySchema, mapOfSubschemas, schemaHolders, schemaRoots, subschemas } from "./schema-locations.js";
