import { describeApiError, GongError } from "./errors.js";
import type { OperationName } from "./types.js";

/** One problem found in a body, at a JSON pointer (`/flowInstanceIds/3`; empty for the body itself). */
export interface GongValidationIssue {
  /** Where the problem is: a JSON pointer into the body (`/crmProspectsIds/0`), empty for the body itself. */
  readonly path: string;
  /** What is wrong there, in words. */
  readonly message: string;
}

/** The issues, one per line, as the messages of the validation errors list them. */
function issueLines(issues: readonly GongValidationIssue[]): string {
  const lines = issues.slice(0, 20).map((issue) => `\n  ${issue.path || "(body)"}: ${issue.message}`);
  return lines.join("") + (issues.length > 20 ? `\n  … and ${issues.length - 20} more` : "");
}

const frozen = (issues: readonly GongValidationIssue[]) =>
  Object.freeze(issues.map(({ path, message }) => Object.freeze({ path, message })));

/**
 * The input was rejected before anything was sent: nothing reached Gong. `issues` lists every
 * problem, each with the JSON pointer of the offending value.
 */
export class GongValidationError extends GongError {
  /** `"GongValidationError"`: the class's name, which a bundler that renames classes does not change. */
  override name = "GongValidationError";
  /** Every problem found, in the body's order. */
  declare readonly issues: readonly GongValidationIssue[];

  constructor(issues: readonly GongValidationIssue[], options: { operation?: OperationName | undefined } = {}) {
    super(
      `Invalid ${options.operation ? `${options.operation} input` : "input"}; nothing was sent:${issueLines(issues)}`,
      options,
    );
    Object.assign(this, { issues: frozen(issues) });
  }
}

/**
 * Gong answered with a success status, but the answer does not hold to the operation's response schema
 * in the spec: not JSON, not an object, an id list that is not a list of strings, … The client does not
 * guess what such an answer meant. It is **not retried**: the request was received, and a write may have
 * been carried out. In a batched unassign, the ids of that request are reported as of unknown outcome
 * (see `GongBatchError.outcomeUnknownIds`).
 *
 * `issues` lists every problem with the JSON pointer of the value in the answer; no value of the answer
 * (and nothing of the request) is quoted.
 */
export class GongResponseValidationError extends GongError {
  /** `"GongResponseValidationError"`: the class's name, which a bundler that renames classes does not change. */
  override name = "GongResponseValidationError";
  /** The HTTP status of the answer (a 2xx). */
  declare readonly status: number;
  /** Gong's request id, when the answer had a readable one. */
  declare readonly requestId: string | undefined;
  /** Every way the answer breaks the spec. */
  declare readonly issues: readonly GongValidationIssue[];

  constructor(init: {
    status: number;
    operation?: OperationName | undefined;
    endpoint?: string | undefined;
    requestId?: string | undefined;
    issues: readonly GongValidationIssue[];
  }) {
    super(
      `${describeApiError(init)}, an answer that breaks the spec; not used, not retried (it may have been carried out):${issueLines(init.issues)}`,
      init,
    );
    Object.assign(this, { status: init.status, requestId: init.requestId, issues: frozen(init.issues) });
  }
}
