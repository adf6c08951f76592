import type { ContractModel } from "./contract-model.js";
import { describeValue } from "./describe-value.js";
import type { ObservedResponse } from "./exchange.js";
import { pointer } from "./json-pointer.js";
import { isJsonMediaType, mediaTypeEssence, resolveRef, responseFor, type HeaderSpec, type OperationSpec } from "./spec-operations.js";
import type { Violation } from "./violation.js";

/**
 * Holds one answer to the spec: its status is documented for the operation, its content type is
 * one the spec documents for that status (JSON), every documented header is present when required
 * and has its documented type, and its body validates against the schema. Returns every violation.
 */
export function checkResponse(model: ContractModel, operation: OperationSpec, response: ObservedResponse, check: string): Violation[] {
  const status = response.status;
  const violation = (where: string, expected: string, actual: string): Violation => ({
    operation: operation.operationId,
    status,
    where,
    expected,
    actual,
    check,
  });

  const documented = responseFor(operation, status);
  if (!documented) {
    const statuses = operation.responses.map((r) => r.status).join(", ");
    // Nothing else can be checked: the spec says nothing about this answer.
    return [violation("/status", `a status the spec documents for ${operation.operationId} (${statuses})`, String(status))];
  }

  const violations: Violation[] = [];
  for (const header of documented.headers) violations.push(...checkHeader(model, header, response.headers, violation));

  if (documented.content.length === 0) return violations;
  const contentType = response.headers.get("content-type");
  const essence = contentType === null ? undefined : mediaTypeEssence(contentType);
  const media = documented.content.find((m) => mediaTypeEssence(m.mediaType) === essence);
  if (!media) {
    const allowed = documented.content.map((m) => m.mediaType).join(" or ");
    violations.push(violation("/headers/content-type", allowed, describeValue(contentType ?? undefined)));
  }
  const schemaMedia = media ?? documented.content.find((m) => isJsonMediaType(m.mediaType));
  if (!schemaMedia?.schemaPointer || !isJsonMediaType(schemaMedia.mediaType)) return violations;

  let body: unknown;
  try {
    body = JSON.parse(response.bodyText);
  } catch {
    violations.push(
      violation("/body", "a JSON document", response.bodyText === "" ? "an empty body" : `not JSON: ${describeValue(response.bodyText)}`),
    );
    return violations;
  }
  for (const issue of model.validator.issues(schemaMedia.schemaPointer, body)) {
    violations.push(violation(`/body${issue.pointer}`, issue.expected, issue.actual));
  }
  return violations;
}

function checkHeader(
  model: ContractModel,
  header: HeaderSpec,
  headers: Headers,
  violation: (where: string, expected: string, actual: string) => Violation,
): Violation[] {
  const where = pointer("headers", header.name.toLowerCase());
  const raw = headers.get(header.name);
  if (raw === null) {
    return header.required ? [violation(where, `the ${header.name} header (required)`, "absent")] : [];
  }
  if (!header.schemaPointer) return [];
  const value = coerceHeader(model, header.schemaPointer, raw);
  return model.validator.issues(header.schemaPointer, value).map((issue) => violation(`${where}${issue.pointer}`, issue.expected, issue.actual));
}

/**
 * A header arrives as text; its schema speaks of JSON types. `"2"` is the integer 2 for an integer
 * schema, while `"2.5"` or `"soon"` stay text and so fail an integer schema, as they should.
 */
function coerceHeader(model: ContractModel, schemaPointer: string, raw: string): unknown {
  const { node } = resolveRef(model.spec, schemaPointer);
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
