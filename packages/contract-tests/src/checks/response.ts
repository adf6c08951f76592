import type { ObservedResponse } from "../http/exchange.js";
import { describeValue } from "../report/describe-value.js";
import type { Findings, Violation } from "../report/violation.js";
import type { Decision } from "../spec/decisions.js";
import {
  type HeaderSpec,
  isJsonMediaType,
  mediaTypeEssence,
  type OperationSpec,
  pointer,
  responseFor,
} from "@gong-flows/spec-reader";
import { textValue } from "../spec/text-value.js";
import type { ContractModel } from "../spec/model.js";
import type { SchemaIssue } from "../spec/schema-validator.js";

/**
 * Holds one response to the spec: documented status, JSON content type, documented headers, body.
 * `strict` holds it to our decisions too; otherwise a breach of a decision alone is a note.
 */
export function checkResponse(
  model: ContractModel,
  operation: OperationSpec,
  response: ObservedResponse,
  check: string,
  strict: boolean,
): Findings {
  const status = response.status;
  const violation = (where: string, expected: string, actual: string): Violation => ({
    operation: operation.operationId,
    status,
    where,
    expected,
    actual,
    check,
  });
  const findings: Findings = { violations: [], notes: [] };

  const documented = responseFor(operation, status);
  if (!documented) {
    const statuses = operation.responses.map((r) => r.status).join(", ");
    // Nothing else can be checked: the spec says nothing about this answer.
    findings.violations.push(
      violation("/status", `a status the spec documents for ${operation.operationId} (${statuses})`, String(status)),
    );
    return findings;
  }

  /** Validates `value` against a schema of the spec, sorting each issue into a violation or a note. */
  const hold = (schemaPointer: string, value: unknown, where: string) => {
    const all = model.validator.issues(schemaPointer, value);
    if (strict) {
      for (const issue of all)
        findings.violations.push(violation(`${where}${issue.pointer}`, issue.expected, issue.actual));
      return;
    }
    const gongs = model.documentedValidator.issues(schemaPointer, value);
    for (const issue of gongs)
      findings.violations.push(violation(`${where}${issue.pointer}`, issue.expected, issue.actual));
    for (const issue of all) {
      if (gongs.some((g) => g.pointer === issue.pointer && g.keyword === issue.keyword)) continue;
      findings.notes.push({
        ...violation(`${where}${issue.pointer}`, issue.expected, issue.actual),
        decision: decisionText(model.decisions, issue),
      });
    }
  };

  for (const header of documented.headers) checkHeader(model, header, response.headers, violation, hold, findings);

  if (documented.content.length === 0) return findings;
  const contentType = response.headers.get("content-type");
  const essence = contentType === null ? undefined : mediaTypeEssence(contentType);
  const media = documented.content.find((m) => mediaTypeEssence(m.mediaType) === essence);
  if (!media) {
    const allowed = documented.content.map((m) => m.mediaType).join(" or ");
    findings.violations.push(violation("/headers/content-type", allowed, describeValue(contentType ?? undefined)));
  }
  const schemaMedia = media ?? documented.content.find((m) => isJsonMediaType(m.mediaType));
  if (!schemaMedia?.schemaPointer || !isJsonMediaType(schemaMedia.mediaType)) return findings;

  let body: unknown;
  try {
    body = JSON.parse(response.bodyText);
  } catch {
    findings.violations.push(
      violation(
        "/body",
        "a JSON document",
        response.bodyText === "" ? "an empty body" : `not JSON: ${describeValue(response.bodyText)}`,
      ),
    );
    return findings;
  }
  hold(schemaMedia.schemaPointer, body, "/body");
  return findings;
}

/** The decision a note breaks: the one of the issue's keyword, quoted by its pointer. */
function decisionText(decisions: readonly Decision[], issue: SchemaIssue): string {
  const candidates = decisions.filter((decision) => decision.keyword === issue.keyword);
  if (candidates.length === 1) return `#${candidates[0]!.pointer}: ${candidates[0]!.reason}`;
  return `the ${issue.keyword} of the spec is marked as ours (x-gong-flows-decision)`;
}

function checkHeader(
  model: ContractModel,
  header: HeaderSpec,
  headers: Headers,
  violation: (where: string, expected: string, actual: string) => Violation,
  hold: (schemaPointer: string, value: unknown, where: string) => void,
  findings: Findings,
): void {
  const where = pointer("headers", header.name.toLowerCase());
  const raw = headers.get(header.name);
  if (raw === null) {
    if (header.required) findings.violations.push(violation(where, `the ${header.name} header (required)`, "absent"));
    return;
  }
  if (header.schemaPointer) hold(header.schemaPointer, textValue(model.spec, header.schemaPointer, raw), where);
}
