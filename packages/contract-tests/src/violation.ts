/**
 * A broken promise of the contract, described so that a reader can act on it without rerunning the
 * suite: which operation, which status, where (a JSON pointer), what the spec expects, what was there.
 */
export interface Violation {
  /** The spec's operationId, or `spec` for a problem of the document itself. */
  operation: string;
  /** The HTTP status of the answer concerned, when there is one. */
  status: number | undefined;
  /**
   * JSON pointer to the offending value. For an HTTP exchange it points into the exchange seen as a
   * document: `/status`, `/headers/retry-after`, `/body/prospectsAssigned/0/flowInstanceStatus`, and
   * for a request `/request/method`, `/request/body/…`. For the spec itself, into the spec.
   */
  where: string;
  expected: string;
  actual: string;
  /** Which check found it and with what input, e.g. `responses conform: forced 429 from the example`. */
  check: string;
}

/** One line per violation: `operation status at pointer: expected …; actual … [check]`. */
function formatViolation(violation: Violation): string {
  const status = violation.status === undefined ? "" : ` ${violation.status}`;
  return (
    `${violation.operation}${status} at ${violation.where || "/"}: expected ${violation.expected}; ` +
    `actual ${violation.actual}  [${violation.check}]`
  );
}

/** A report of every violation, one per line, with a count. */
export function formatReport(violations: readonly Violation[]): string {
  const noun = violations.length === 1 ? "violation" : "violations";
  return [`${violations.length} contract ${noun}:`, ...violations.map((v) => `  - ${formatViolation(v)}`)].join("\n");
}

/** Thrown by {@link assertConforms}; its message is the full report. */
export class ContractViolationError extends Error {
  override name = "ContractViolationError";
  readonly violations: readonly Violation[];

  constructor(violations: readonly Violation[]) {
    super(formatReport(violations));
    this.violations = violations;
  }
}

/** Throws a {@link ContractViolationError} listing every violation, when there is any. */
export function assertConforms(violations: readonly Violation[]): void {
  if (violations.length > 0) throw new ContractViolationError(violations);
}

/** Applies a redaction (of credentials) to the text of every violation. */
export function redactViolations(violations: readonly Violation[], redact: (text: string) => string): Violation[] {
  return violations.map((v) => ({ ...v, expected: redact(v.expected), actual: redact(v.actual), check: redact(v.check) }));
}
