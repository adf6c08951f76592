import { isDeepStrictEqual } from "node:util";
import {
  GongApiError,
  GongAuthenticationError,
  GongBadRequestError,
  GongPermissionError,
  GongRateLimitError,
  GongResponseValidationError,
  GongServerError,
} from "@gong-flows/client";
import type { OperationSpec } from "@gong-flows/spec-reader";
import { parseJson, type RecordedExchange } from "../../http/exchange.js";
import type { Outcome } from "../../http/transport.js";
import { operationContract } from "../../operations/index.js";
import { describeValue } from "../../report/describe-value.js";
import type { Violation } from "../../report/violation.js";
import { describeError } from "./describe-error.js";

/** What a client call ended with. */
export type ClientOutcome = Outcome<unknown>;

/**
 * Holds a client call's outcome to the responses: after a 2xx, the documented result exactly (or the
 * `GongResponseValidationError` the client documents for an answer it cannot match); after an
 * error status, the matching error class with the status, Gong's `requestId` and any `Retry-After` wait.
 */
export function checkClientOutcome(
  operation: OperationSpec,
  exchanges: readonly RecordedExchange[],
  outcome: ClientOutcome,
  check: string,
): Violation[] {
  const responded = exchanges.filter((e) => e.response !== undefined);
  const last = responded[responded.length - 1]?.response;
  const violation = (where: string, expected: string, actual: string): Violation => ({
    operation: operation.operationId,
    status: last?.status,
    where,
    expected,
    actual,
    check,
  });
  if (!last)
    return [
      violation("/request", "at least one request with an answer", `${exchanges.length} requests, none answered`),
    ];

  if (last.status >= 200 && last.status < 300) {
    const refusal = operationContract(operation.operationId)?.refusedAnswer?.(responded);
    if (refusal !== undefined) {
      if (outcome.kind === "error" && outcome.error instanceof GongResponseValidationError) return [];
      const actual =
        outcome.kind === "error" ? describeError(outcome.error) : `a result: ${describeValue(outcome.value)}`;
      return [violation("/error", `GongResponseValidationError (${refusal})`, actual)];
    }
    if (outcome.kind === "error") return [violation("/result", "a result", `threw ${describeError(outcome.error)}`)];
    const expected = expectedResult(operation.operationId, responded);
    if (!isDeepStrictEqual(normalized(outcome.value), normalized(expected))) {
      return [violation("/result", describeValue(expected), describeValue(outcome.value))];
    }
    return [];
  }

  const expectedClass = expectedErrorClass(last.status);
  if (outcome.kind === "result")
    return [violation("/error", `${expectedClass.name} thrown`, `a result: ${describeValue(outcome.value)}`)];
  const error = outcome.error;
  const violations: Violation[] = [];
  if (!expectedClass.matches(error)) violations.push(violation("/error", expectedClass.name, describeError(error)));
  if (!(error instanceof GongApiError)) return violations;
  const body = parseJson(last.bodyText) as { requestId?: unknown } | undefined;
  if (error.status !== last.status)
    violations.push(violation("/error/status", String(last.status), String(error.status)));
  const requestId = typeof body?.requestId === "string" ? body.requestId : undefined;
  if (error.requestId !== requestId)
    violations.push(violation("/error/requestId", describeValue(requestId), describeValue(error.requestId)));
  if (error.operation !== operation.operationId) {
    violations.push(
      violation("/error/operation", describeValue(operation.operationId), describeValue(error.operation)),
    );
  }
  if (error instanceof GongRateLimitError) {
    const header = last.headers.get("retry-after");
    const expectedMs = header !== null && /^\d+$/.test(header.trim()) ? Number(header) * 1000 : undefined;
    if (expectedMs !== undefined && error.retryAfterMs !== expectedMs) {
      violations.push(violation("/error/retryAfterMs", String(expectedMs), describeValue(error.retryAfterMs)));
    }
  }
  return violations;
}

/** The error class the client documents for each HTTP status it surfaces. */
function expectedErrorClass(status: number): { name: string; matches(error: unknown): boolean } {
  const classes: [number | ((s: number) => boolean), string, abstract new (...args: never[]) => unknown][] = [
    [400, "GongBadRequestError", GongBadRequestError],
    [401, "GongAuthenticationError", GongAuthenticationError],
    [403, "GongPermissionError", GongPermissionError],
    [429, "GongRateLimitError", GongRateLimitError],
    [(s) => s >= 500 && s < 600, "GongServerError", GongServerError],
  ];
  for (const [when, name, ctor] of classes) {
    if (typeof when === "number" ? when === status : when(status)) return { name, matches: (e) => e instanceof ctor };
  }
  return { name: "GongApiError", matches: (e) => e instanceof GongApiError };
}

/** The result the client documents for these responses (see src/operations). */
function expectedResult(operationId: string, responded: readonly RecordedExchange[]): unknown {
  const contract = operationContract(operationId);
  if (!contract) throw new Error(`no expected result for ${operationId}: add its module to src/operations`);
  return contract.expectedResult(responded);
}

/**
 * Order-insensitive form of a result: batched requests may be answered in any order, and the
 * contract is about which values come back, not in which order the chunks finished.
 */
function normalized(value: unknown): unknown {
  if (Array.isArray(value))
    return value.map(normalized).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, normalized(v)]),
    );
  }
  return value;
}
