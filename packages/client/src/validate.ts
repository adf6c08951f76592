import { GongValidationError, type GongValidationIssue } from "./errors.js";
import * as validators from "./generated/validators.js";
import type { OperationName } from "./types.js";

/** The shape of an error reported by the generated (Ajv standalone) validators. */
interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

type Validator = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

const byOperation = validators as unknown as Partial<Record<OperationName, Validator>>;

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
export function requestBodyIssues(operation: OperationName, body: unknown, lifted: readonly LiftedRule[] = []): GongValidationIssue[] {
  const validate = byOperation[operation];
  if (!validate || validate(body)) return [];
  return (validate.errors ?? [])
    .filter((error) => !lifted.some((rule) => rule.keyword === error.keyword && rule.path === error.instancePath))
    .map(toIssue);
}

/**
 * The body as JSON will carry it: properties whose value is `undefined` are dropped (JSON.stringify
 * drops them too), so `{ flowId: undefined }` means "no flowId" rather than failing validation.
 */
export function asJsonBody<T>(input: T): T {
  if (input === null || typeof input !== "object" || Array.isArray(input)) return input;
  let hasUndefined = false;
  for (const key in input) if (input[key] === undefined) hasUndefined = true;
  if (!hasUndefined) return input;
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as T;
}

/**
 * Checks a request body against the operation's request schema in the spec as written (the 200-id
 * cap included) and returns every problem, each with the JSON pointer of the offending value; an
 * empty list means Gong would be sent a valid body. The same check the client runs before sending,
 * for code that wants to vet input before queueing it (or a mock that must refuse what the spec
 * refuses).
 *
 * @example
 * ```ts
 * validateRequestBody("listAssignedFlows", { crmProspectsIds: [""] });
 * // → [{ path: "/crmProspectsIds/0", message: "must not be empty" }]
 * ```
 */
export function validateRequestBody(operation: OperationName, body: unknown): readonly GongValidationIssue[] {
  return requestBodyIssues(operation, body);
}

/** Throws {@link GongValidationError} listing every problem when the body is not valid. */
export function assertValidRequestBody(operation: OperationName, body: unknown, lifted: readonly LiftedRule[] = []): void {
  const issues = requestBodyIssues(operation, body, lifted);
  if (issues.length > 0) throw new GongValidationError(issues, { operation });
}

/** Turns an Ajv error into an issue that points at the offending value and says what is wrong. */
function toIssue(error: AjvError): GongValidationIssue {
  const { instancePath, keyword, params } = error;
  switch (keyword) {
    case "required":
      return { path: `${instancePath}/${String(params["missingProperty"])}`, message: "is required" };
    case "additionalProperties":
      return {
        path: `${instancePath}/${String(params["additionalProperty"])}`,
        message: "is not a known property (check its spelling)",
      };
    case "minItems":
      return { path: instancePath, message: `must hold at least ${String(params["limit"])} item(s)` };
    case "maxItems":
      return { path: instancePath, message: `must hold at most ${String(params["limit"])} items` };
    case "minLength":
      return { path: instancePath, message: params["limit"] === 1 ? "must not be empty" : `must be at least ${String(params["limit"])} characters long` };
    case "format":
      return { path: instancePath, message: params["format"] === "email" ? "must be an email address" : `must be a valid ${String(params["format"])}` };
    case "type":
      return { path: instancePath, message: `must be ${article(String(params["type"]))}` };
    default:
      return { path: instancePath, message: error.message ?? `fails the "${keyword}" rule` };
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
