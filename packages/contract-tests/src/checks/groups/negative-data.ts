import type { OperationSpec } from "@gong-flows/spec-reader";
import { negativeCases, type NegativeCase } from "../../requests/negative-cases.js";
import type { ContractContext } from "../../run/context.js";
import { outcomeOf, type CaseOutcome, type CheckCase, type CheckGroup } from "../case.js";
import { anyStatus, checkExchange, clientError, exactly, type StatusExpectation } from "../exchange.js";
import { type PrismDefect, prismDefectFor } from "../prism-defects.js";

/**
 * Check 3: negative data gets a conforming 4xx (401 for bad credentials), never a 2xx or a 5xx. A case
 * that breaks only a decision is reported, not failed, on a live server without `--strict`.
 */
export function negativeDataGroup(ctx: ContractContext): CheckGroup {
  const cases: CheckCase[] = [];
  for (const operation of ctx.callableOperations) {
    for (const negative of negativeCases(ctx.model, operation)) {
      cases.push({
        name: `${operation.operationId}: ${negative.name}`,
        run: () => runNegativeCase(ctx, operation, negative),
      });
    }
  }
  return { id: "negative-data", title: "negative data is rejected", cases };
}

/** Runs one negative case: held as a refusal, unless Prism's known defect or a decision on a live target. */
async function runNegativeCase(
  ctx: ContractContext,
  operation: OperationSpec,
  negative: NegativeCase,
): Promise<CaseOutcome> {
  const defect = ctx.target.kind === "prism" ? prismDefectFor(negative) : undefined;
  if (defect) return runOnPrismDefect(ctx, operation, negative, defect);
  if (negative.decision && !ctx.strict) return reportDecision(ctx, operation, negative, negative.decision.pointer);
  return outcomeOf(await checkExchange(ctx, operation, negative.shape, refusalOf(negative), checkName(negative)));
}

const checkName = (negative: NegativeCase) => `negative data: ${negative.name}`;
const refusalOf = (negative: NegativeCase) => (negative.refusal === "401" ? exactly(401) : clientError);

/**
 * Any response Prism does give is held to the contract (a 2xx too, where it is the known defect);
 * without one, the silence must be the known defect (a wait that ran out), not a Prism that is gone.
 */
async function runOnPrismDefect(
  ctx: ContractContext,
  operation: OperationSpec,
  negative: NegativeCase,
  defect: PrismDefect,
): Promise<CaseOutcome> {
  if (defect.kind === "accepts") {
    const refusedOrAccepted: StatusExpectation = {
      description: `${clientError.description}, or the 2xx of a known defect of Prism`,
      accepts: (status) => clientError.accepts(status) || (status >= 200 && status < 300),
    };
    const result = await checkExchange(ctx, operation, negative.shape, refusedOrAccepted, checkName(negative));
    const status = result.response?.status ?? 0;
    if (result.violations.length > 0 || status >= 300) return outcomeOf(result);
    return {
      ...outcomeOf(result),
      reason: `a known defect of Prism, checked in full on live targets: ${defect.reason}`,
    };
  }
  const result = await checkExchange(ctx, operation, negative.shape, refusalOf(negative), checkName(negative), {
    deadlineMs: defect.waitMs,
  });
  if (result.response) return outcomeOf(result);
  const silent =
    result.violations.length === 1 && result.violations[0]?.actual === `no answer within ${defect.waitMs} ms`;
  if (!silent) return outcomeOf(result);
  return {
    verdict: "passed",
    violations: [],
    notes: [],
    reason: `a known defect of Prism, checked in full on live targets: ${defect.reason}`,
  };
}

/** Gong documents nothing that refuses this request: its response is reported, and held to the spec. */
async function reportDecision(
  ctx: ContractContext,
  operation: OperationSpec,
  negative: NegativeCase,
  decisionPointer: string,
): Promise<CaseOutcome> {
  const result = await checkExchange(ctx, operation, negative.shape, anyStatus, checkName(negative));
  if (result.violations.length > 0) return outcomeOf(result);
  const status = result.response?.status ?? 0;
  const what = status >= 400 && status < 500 ? `refused (${status})` : `accepted (${status})`;
  return {
    verdict: "reported",
    violations: [],
    notes: result.notes,
    reason: `${what}; not held on a live target without --strict: our decision (#${decisionPointer}), not Gong's`,
  };
}
