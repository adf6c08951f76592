import type { ObservedResponse, RequestShape } from "../http/exchange.js";
import { exampleInput } from "../requests/forced-responses.js";
import { inputRequest } from "../requests/input-request.js";
import { redactFindings, type Findings, type Violation } from "../report/violation.js";
import type { ContractContext } from "../run/context.js";
import type { OperationSpec } from "@gong-flows/spec-reader";
import { checkResponse } from "./response.js";

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
export const success: StatusExpectation = {
  description: "a 2xx (the request is valid)",
  accepts: (s) => s >= 200 && s < 300,
};

/** A 4xx: the server refused an invalid request as the client's error (never a 2xx or a 5xx). */
export const clientError: StatusExpectation = {
  description: "a 4xx (the request is invalid)",
  accepts: (s) => s >= 400 && s < 500,
};

/** Any status at all: what the server does is reported, not judged (see negative cases of decisions). */
export const anyStatus: StatusExpectation = { description: "any status", accepts: () => true };

/** The result of {@link checkExchange}: what was found, and the final answer when there was one. */
export interface ExchangeCheck extends Findings {
  response: ObservedResponse | undefined;
}

/** Options of {@link checkExchange}. */
export interface ExchangeOptions {
  /** A Prism `Prefer` header forcing the answer. */
  prefer?: string | undefined;
  /** Wait less than the run's timeout for the answer (one known not to come). */
  deadlineMs?: number | undefined;
}

/** Retry-After values (seconds) that a live run waits through; a longer one ends the exchange. */
const maxLiveWaitSeconds = 60;
const maxLiveRateLimitedAttempts = 3;

/**
 * Sends one request and holds its status and every response to the contract, findings redacted. On a
 * live target a 429 with a short `Retry-After` is waited through and sent again, up to three times.
 */
export async function checkExchange(
  ctx: ContractContext,
  operation: OperationSpec,
  shape: RequestShape,
  expectation: StatusExpectation,
  check: string,
  options: ExchangeOptions = {},
): Promise<ExchangeCheck> {
  const { model, target, transport, strict } = ctx;
  const findings: Findings = { violations: [], notes: [] };
  const add = (more: Findings) => {
    findings.violations.push(...more.violations);
    findings.notes.push(...more.notes);
  };
  // What the client is asked to send (and checks) before the shape replaces it on the wire.
  const body = model.inputKind(operation) === "body";
  const placeholderBody = body ? exampleInput(model, operation) : undefined;
  const placeholderParameters = body ? undefined : inputRequest(model, operation, exampleInput(model, operation));
  for (let attempt = 1; ; attempt++) {
    const outcome = await transport.send(operation, shape, {
      placeholderBody,
      placeholderParameters,
      prefer: options.prefer,
      deadlineMs: options.deadlineMs,
    });
    if (!outcome.responded) {
      const violation: Violation = {
        operation: operation.operationId,
        status: undefined,
        where: "/status",
        expected: expectation.description,
        actual: outcome.failure,
        check,
      };
      findings.violations.push(violation);
      return { ...redacted(findings, ctx), response: undefined };
    }
    const { response } = outcome;
    const waitSeconds = Number(response.headers.get("retry-after"));
    const waitThrough =
      target.kind === "live" &&
      response.status === 429 &&
      attempt < maxLiveRateLimitedAttempts &&
      Number.isInteger(waitSeconds) &&
      waitSeconds >= 0 &&
      waitSeconds <= maxLiveWaitSeconds;
    if (waitThrough) {
      // The run's client holds every request for the Retry-After it read: the next send waits for it.
      add(checkResponse(model, operation, response, `${check} (a 429 waited through)`, strict));
      continue;
    }
    if (!expectation.accepts(response.status)) {
      findings.violations.push({
        operation: operation.operationId,
        status: response.status,
        where: "/status",
        expected: expectation.description,
        actual: String(response.status),
        check,
      });
    }
    add(checkResponse(model, operation, response, check, strict));
    return { ...redacted(findings, ctx), response };
  }
}

function redacted(findings: Findings, ctx: ContractContext): Findings {
  const redact = (text: string) => ctx.target.redact(text);
  return { violations: redactFindings(findings.violations, redact), notes: redactFindings(findings.notes, redact) };
}
