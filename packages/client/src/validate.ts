import { GongValidationError, type GongValidationIssue } from "./validation-errors.js";
import { parameterChecks, type RawIssue, requestBodyChecks, requestBodyRequired } from "./generated/validators.js";
import type { OperationName } from "./types.js";

/** A rule of the schema that a caller lifts, by keyword and JSON pointer (see {@link requestBodyIssues}). */
export interface LiftedRule {
  keyword: string;
  path: string;
}

/**
 * Checks a request body against the operation's request schema from the spec (compiled ahead of time
 * by the generator) and returns every problem found; an empty list means the body is valid. `lifted`
 * names rules the caller takes care of itself (the 200-id cap, which batching lifts).
 */
export function requestBodyIssues(
  operation: OperationName,
  body: unknown,
  lifted: readonly LiftedRule[] = [],
): GongValidationIssue[] {
  const check = requestBodyChecks[operation];
  if (!check) return [];
  if (body === undefined)
    return requestBodyRequired[operation]
      ? [{ path: "", message: "is required: this operation takes a request body" }]
      : [];
  const raw: RawIssue[] = [];
  check(body, "", raw);
  return distinctIssues(raw, lifted);
}

/** The issues to report: those of rules not lifted, each said once. */
function distinctIssues(raw: readonly RawIssue[], lifted: readonly LiftedRule[]): GongValidationIssue[] {
  const seen = new Set<string>();
  const issues: GongValidationIssue[] = [];
  for (const [path, message, keyword] of raw) {
    if (lifted.some((rule) => rule.keyword === keyword && rule.path === path)) continue;
    // A $ref with sibling keywords (or allOf) can say the same thing twice: say it once.
    if (seen.has(`${path}\n${message}`)) continue;
    seen.add(`${path}\n${message}`);
    issues.push({ path, message });
  }
  return issues;
}

/**
 * The body exactly as it will be sent (one JSON round trip): what is validated is what Gong receives, and
 * a caller that changes its object while the call waits changes nothing. BigInts and cycles are refused.
 */
export function jsonSnapshot<T>(operation: OperationName, input: T): T {
  return jsonCopy(operation, input).value;
}

/** {@link jsonSnapshot}, with the JSON text it was made from (undefined for a value JSON drops). */
export function jsonCopy<T>(operation: OperationName, input: T): { value: T; text: string | undefined } {
  let text: string | undefined;
  try {
    text = JSON.stringify(input);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new GongValidationError([{ path: "", message: `cannot be sent as JSON (${reason})` }], { operation });
  }
  return { value: text === undefined ? input : JSON.parse(text), text };
}

/**
 * Checks a request body against the operation's request schema in the spec as written (the 200-id
 * cap included) and returns every problem, each with the JSON pointer of the offending value; an
 * empty list means Gong would be sent a valid body. The same check the client runs before sending —
 * on the body as JSON carries it — for code that wants to vet input before queueing it (or a mock that
 * must refuse what the spec refuses).
 *
 * @example
 * ```ts
 * validateRequestBody("listAssignedFlows", { crmProspectsIds: [""] });
 * // → [{ path: "/crmProspectsIds/0", message: "must not be empty" }]
 * ```
 */
export function validateRequestBody(operation: OperationName, body: unknown): readonly GongValidationIssue[] {
  try {
    return requestBodyIssues(operation, jsonSnapshot(operation, body));
  } catch (error) {
    if (error instanceof GongValidationError) return error.issues;
    throw error;
  }
}

/** Throws {@link GongValidationError} listing every problem when the body is not valid. */
export function assertValidRequestBody(
  operation: OperationName,
  body: unknown,
  lifted: readonly LiftedRule[] = [],
): void {
  const issues = requestBodyIssues(operation, body, lifted);
  if (issues.length > 0) throw new GongValidationError(issues, { operation });
}

/**
 * Throws {@link GongValidationError} listing every problem of a call's path and query parameters (one
 * object, a property per parameter), checked against the spec's parameter schemas.
 */
export function assertValidParameters(operation: OperationName, params: unknown): void {
  const check = parameterChecks[operation];
  if (!check) return;
  const raw: RawIssue[] = [];
  check(params, "", raw);
  const issues = distinctIssues(raw, []);
  if (issues.length > 0) throw new GongValidationError(issues, { operation });
}
