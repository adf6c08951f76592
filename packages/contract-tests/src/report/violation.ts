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
  /** What the spec asks for there, in words. */
  expected: string;
  /** What was found instead, described (long values shortened, secrets redacted). */
  actual: string;
  /** Which check found it and with what input, e.g. `responses conform: forced 429 from the example`. */
  check: string;
}

/**
 * Something a live server did that breaks one of the project's own decisions, not a rule Gong
 * documents: reported, never a failure (unless the run is strict, when it is a {@link Violation}).
 */
export interface Note extends Violation {
  /** Why it is not a failure: the decision, in the spec's words. */
  decision: string;
}

/** One line per violation: `operation status at pointer: expected …; actual … [check]`. */
export function formatViolation(violation: Violation): string {
  const status = violation.status === undefined ? "" : ` ${violation.status}`;
  return (
    `${violation.operation}${status} at ${violation.where || "/"}: expected ${violation.expected}; ` +
    `actual ${violation.actual}  [${violation.check}]`
  );
}

/** One line per note: the violation's line, then whose rule it is. */
export function formatNote(note: Note): string {
  return `${formatViolation(note)} (our decision, not Gong's: ${note.decision})`;
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

/** Applies a redaction (of credentials) to the text of every violation or note. */
export function redactFindings<T extends Violation>(findings: readonly T[], redact: (text: string) => string): T[] {
  return findings.map((v) => ({
    ...v,
    expected: redact(v.expected),
    actual: redact(v.actual),
    check: redact(v.check),
  }));
}

/** What a check found: violations fail it, notes are reported beside it. */
export interface Findings {
  violations: Violation[];
  notes: Note[];
}

/** All findings of several checks together. */
export function mergeFindings(...all: readonly Findings[]): Findings {
  return { violations: all.flatMap((f) => f.violations), notes: all.flatMap((f) => f.notes) };
}

/** Findings of violations only, no notes. */
export function violationsOnly(violations: Violation[]): Findings {
  return { violations, notes: [] };
}
