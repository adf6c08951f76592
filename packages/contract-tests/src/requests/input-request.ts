import type { OperationSpec } from "@gong-flows/spec-reader";
import { jsonRequest, type RequestShape } from "../http/exchange.js";
import type { ContractModel } from "../spec/model.js";

/**
 * The request that carries an input of an operation: a JSON body, or for an operation without one,
 * its query and path parameters (a name the spec does not know goes in the query, where a server
 * would see it).
 */
export function inputRequest(
  model: ContractModel,
  operation: OperationSpec,
  input: unknown,
  options: Omit<RequestShape, "bodyText" | "query" | "path"> = {},
): RequestShape {
  if (model.inputKind(operation) === "body") return jsonRequest(input, options);
  const values = input !== null && typeof input === "object" ? (input as Record<string, unknown>) : {};
  const where = new Map(model.parameters(operation).map((parameter) => [parameter.name, parameter.in]));
  const query: Record<string, unknown> = {};
  const path: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) (where.get(name) === "path" ? path : query)[name] = value;
  return { ...options, query, path };
}
