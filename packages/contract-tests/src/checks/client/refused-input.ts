import { GongValidationError } from "@gong-flows/client";
import type { OperationSpec } from "@gong-flows/spec-reader";
import type { RecordedExchange } from "../../http/exchange.js";
import { describeValue } from "../../report/describe-value.js";
import type { Violation } from "../../report/violation.js";
import { describeError } from "./describe-error.js";
import type { ClientOutcome } from "./outcome.js";

/**
 * Holds the client's answer to an invalid input: a `GongValidationError` whose issues point at the
 * broken value (or at the value of alternatives above it, none of which fits), and not a single
 * request sent.
 */
export function checkRefusedInput(
  operation: OperationSpec,
  brokenAt: readonly string[],
  outcome: ClientOutcome,
  exchanges: readonly RecordedExchange[],
  check: string,
): Violation[] {
  const violations: Violation[] = [];
  const add = (where: string, expected: string, actual: string) =>
    violations.push({ operation: operation.operationId, status: undefined, where, expected, actual, check });
  if (exchanges.length > 0) add("/request", "no request sent", `${exchanges.length} request(s) sent`);
  if (outcome.kind === "result") {
    add("/error", "GongValidationError thrown", `a result: ${describeValue(outcome.value)}`);
    return violations;
  }
  const error = outcome.error;
  if (!(error instanceof GongValidationError)) {
    add("/error", "GongValidationError", describeError(error));
    return violations;
  }
  const paths = error.issues.map((issue) => issue.path);
  if (!brokenAt.some((at) => paths.includes(at))) {
    const where = brokenAt.map((at) => at || '"" (the body)').join(" or ");
    add("/error/issues", `an issue at ${where}`, describeValue(paths));
  }
  return violations;
}
