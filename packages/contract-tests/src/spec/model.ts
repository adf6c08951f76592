import { decisionsOf, withoutDecisions, type Decision } from "./decisions.js";
import { loadSpec, type OpenApiDocument } from "./document.js";
import { jsonMediaType, listOperations, refTarget, type OperationSpec } from "@gong-flows/spec-reader";
import { parameterSchemaPointer, parametersOf, withParameterSchemas, type ParameterSpec } from "./parameters.js";
import { createSchemaValidator, type SchemaValidator } from "./schema-validator.js";

/**
 * What an operation's request carries that the checks generate, break and validate: a JSON body, or
 * (an operation without one) its query and path parameters, seen as one object.
 */
export type InputKind = "body" | "parameters";

/** The spec as the checks use it: the document, its operations, its decisions, and validators. */
export interface ContractModel {
  /**
   * The spec, with one object schema per operation's parameters added (see
   * {@link withParameterSchemas}): what the generators and validators read.
   */
  spec: OpenApiDocument;
  /** The spec exactly as read: what check 1 holds to OpenAPI 3.1. */
  source: OpenApiDocument;
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
  /** What the operation's request carries: a JSON body, or parameters only. */
  inputKind(operation: OperationSpec): InputKind;
  /**
   * JSON pointers of the forms of the operation's input schema: each form of a request body with
   * several (a top-level `oneOf`/`anyOf`, `$ref`s followed), the body schema itself, or the object
   * schema of its parameters.
   */
  inputForms(operation: OperationSpec): string[];
  /** The first of {@link ContractModel.inputForms}: the form a check uses when it needs one. */
  requestSchemaPointer(operation: OperationSpec): string;
  /** The query and path parameters of an operation. */
  parameters(operation: OperationSpec): ParameterSpec[];
  /** The spec's first server URL, the default live base URL. */
  defaultServerUrl: string;
}

/** Builds the model of a parsed OpenAPI document. */
export function createContractModel(source: OpenApiDocument): ContractModel {
  const operations = listOperations(source);
  const spec = withParameterSchemas(source, operations);
  const decisions = decisionsOf(source);
  const servers = source["servers"];
  const firstServer = Array.isArray(servers) ? (servers[0] as { url?: unknown } | undefined)?.url : undefined;
  const bodyPointer = (operation: OperationSpec) =>
    (operation.requestBody && jsonMediaType(operation.requestBody.content))?.schemaPointer;
  const inputForms = (operation: OperationSpec) => {
    const body = bodyPointer(operation);
    if (body) return formsOf(spec, body);
    if (parametersOf(source, operation).length > 0) return [parameterSchemaPointer(operation.operationId)];
    throw new Error(`spec: ${operation.operationId} has neither a JSON request body schema nor parameters`);
  };
  return {
    spec,
    source,
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
    inputKind: (operation) => (bodyPointer(operation) ? "body" : "parameters"),
    inputForms,
    requestSchemaPointer: (operation) => inputForms(operation)[0]!,
    parameters: (operation) => parametersOf(source, operation),
  };
}

/** The pointers of the forms of a `oneOf`/`anyOf` schema (following `$ref`s), or the pointer itself. */
function formsOf(spec: OpenApiDocument, pointer: string): string[] {
  const schema = refTarget(spec, `#${pointer}`) as { $ref?: unknown; oneOf?: unknown; anyOf?: unknown } | undefined;
  if (typeof schema?.$ref === "string") return formsOf(spec, schema.$ref.slice(1));
  for (const keyword of ["oneOf", "anyOf"] as const) {
    const forms = schema?.[keyword];
    if (Array.isArray(forms)) return forms.flatMap((_, i) => formsOf(spec, `${pointer}/${keyword}/${i}`));
  }
  return [pointer];
}

/**
 * Whether what Gong documents accepts an input of an operation. Of a body with several forms whose
 * exclusiveness is our decision (Gong's published spec has one object, every list optional), what
 * Gong documents is each form's rules for the properties it has: a body is accepted when no form
 * finds anything wrong with it but a missing property.
 */
export function documentedAccepts(model: ContractModel, operation: OperationSpec, input: unknown): boolean {
  const forms = model.inputForms(operation);
  if (forms.length === 1) return model.documentedValidator.isValid(forms[0]!, input);
  return forms.every((form) =>
    model.documentedValidator.issues(form, input).every((issue) => issue.keyword === "required"),
  );
}

/** Reads the spec (default: the one shipped with the suite) and builds its model. */
export async function loadContractModel(path?: string): Promise<ContractModel> {
  return createContractModel(await loadSpec(path));
}
