import { decisionsOf, withoutDecisions, type Decision } from "./decisions.js";
import { loadSpec, type OpenApiDocument } from "./document.js";
import { jsonMediaType, listOperations, refTarget, type OperationSpec } from "@gong-flows/spec-reader";
import { createSchemaValidator, type SchemaValidator } from "./schema-validator.js";

/** The spec as the checks use it: the document, its operations, its decisions, and validators. */
export interface ContractModel {
  spec: OpenApiDocument;
  operations: OperationSpec[];
  /** Every schema of the spec as written: what Prism, our mocks and the client are held to. */
  validator: SchemaValidator;
  /**
   * The same schemas without the project's decisions (see {@link Decision}): what Gong documents, and
   * what a live server is held to unless the run is strict.
   */
  documentedValidator: SchemaValidator;
  /** The constraints the spec marks as the project's own, not Gong's. */
  decisions: Decision[];
  /** The operation with this operationId; throws when the spec has none. */
  operation(operationId: string): OperationSpec;
  /**
   * JSON pointer to the operation's JSON request-body schema; throws when it has none. Of a body with
   * several forms (a top-level `oneOf`/`anyOf`), the first form's: the one the client's method takes,
   * and the only one the suite exercises so far.
   */
  requestSchemaPointer(operation: OperationSpec): string;
  /** The spec's first server URL, the default live base URL. */
  defaultServerUrl: string;
}

/** Builds the model of a parsed OpenAPI document. */
export function createContractModel(spec: OpenApiDocument): ContractModel {
  const operations = listOperations(spec);
  const decisions = decisionsOf(spec);
  const servers = spec["servers"];
  const firstServer = Array.isArray(servers) ? (servers[0] as { url?: unknown } | undefined)?.url : undefined;
  return {
    spec,
    operations,
    validator: createSchemaValidator(spec),
    documentedValidator: createSchemaValidator(withoutDecisions(spec, decisions)),
    decisions,
    defaultServerUrl: typeof firstServer === "string" ? firstServer : "https://api.gong.io",
    operation(operationId) {
      const found = operations.find((operation) => operation.operationId === operationId);
      if (!found) throw new Error(`spec: no operation ${operationId}`);
      return found;
    },
    requestSchemaPointer(operation) {
      const media = operation.requestBody && jsonMediaType(operation.requestBody.content);
      if (!media?.schemaPointer) throw new Error(`spec: ${operation.operationId} has no JSON request body schema`);
      return firstForm(spec, media.schemaPointer);
    },
  };
}

/** The pointer of the first form of a `oneOf`/`anyOf` schema (following `$ref`s), or the pointer itself. */
function firstForm(spec: OpenApiDocument, pointer: string): string {
  const schema = refTarget(spec, `#${pointer}`) as { $ref?: unknown; oneOf?: unknown; anyOf?: unknown } | undefined;
  if (typeof schema?.$ref === "string") return firstForm(spec, schema.$ref.slice(1));
  if (Array.isArray(schema?.oneOf)) return firstForm(spec, `${pointer}/oneOf/0`);
  if (Array.isArray(schema?.anyOf)) return firstForm(spec, `${pointer}/anyOf/0`);
  return pointer;
}

/** Reads the spec (default: the one shipped with the suite) and builds its model. */
export async function loadContractModel(path?: string): Promise<ContractModel> {
  return createContractModel(await loadSpec(path));
}
