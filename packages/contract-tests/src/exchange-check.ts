import type { ContractModel } from "./contract-model.js";
import { exchange, type ObservedResponse, type OutgoingRequest } from "./exchange.js";
import type { Pacer } from "./pacer.js";
import { checkResponse } from "./response-check.js";
import type { OperationSpec } from "./spec-operations.js";
import type { ContractTarget } from "./target.js";
import { redactViolations, type Violation } from "./violation.js";

/** What status an exchange must end with: a description for reports, and the test. */
export interface StatusExpectation {
  description: string;
  accepts(status: number): boolean;
}

/** Exactly this status (a forced response, or 401 for missing credentials). */
export function exactly(status: number): StatusExpectation {
  return { description: `status ${status}`, accepts: (s) => s === status };
}

/** A 2xx: the request was valid and the server accepted it. */
export const success: StatusExpectation = { description: "a 2xx (the request is valid)", accepts: (s) => s >= 200 && s < 300 };

/** A 4xx: the server refused an invalid request as the client's error (never a 2xx or a 5xx). */
export const clientError: StatusExpectation = {
  description: "a 4xx (the request is invalid)",
  accepts: (s) => s >= 400 && s < 500,
};

/** The result of {@link checkExchange}: every violation, and the final answer when there was one. */
export interface ExchangeCheck {
  violations: Violation[];
  response: ObservedResponse | undefined;
}

/**
 * Sends one request and holds everything that comes back to the contract: the status must meet the
 * expectation, and every answer (429s waited through included) must conform to the spec. Violations
 * are redacted of the target's credentials.
 */
export async function checkExchange(
  model: ContractModel,
  target: ContractTarget,
  pacer: Pacer,
  operation: OperationSpec,
  request: OutgoingRequest,
  expectation: StatusExpectation,
  check: string,
): Promise<ExchangeCheck> {
  const outcome = await exchange(target, pacer, operation, request);
  if (!outcome.answered) {
    const violation: Violation = {
      operation: operation.operationId,
      status: undefined,
      where: "/status",
      expected: expectation.description,
      actual: outcome.failure,
      check,
    };
    return { violations: redactViolations([violation], (t) => target.redact(t)), response: undefined };
  }
  const { response } = outcome;
  const violations: Violation[] = [];
  for (const limited of outcome.rateLimited) violations.push(...checkResponse(model, operation, limited, `${check} (a 429 waited through)`));
  if (!expectation.accepts(response.status)) {
    violations.push({
      operation: operation.operationId,
      status: response.status,
      where: "/status",
      expected: expectation.description,
      actual: String(response.status),
      check,
    });
  }
  violations.push(...checkResponse(model, operation, response, check));
  return { violations: redactViolations(violations, (t) => target.redact(t)), response };
}
