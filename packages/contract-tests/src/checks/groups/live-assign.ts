import { parseJson } from "../../http/exchange.js";
import { inputRequest } from "../../requests/input-request.js";
import { mergeFindings, violationsOnly } from "../../report/violation.js";
import type { ContractContext } from "../../run/context.js";
import type { Assignment } from "../../run/target.js";
import { outcomeOf, skipped, type CaseOutcome } from "../case.js";
import { checkClientOutcome } from "../client/outcome.js";
import { checkClientRequest } from "../client/request.js";
import { checkExchange, exactly, success } from "../exchange.js";

// The live assigns: only the configured prospects, only to the flow and owner the user named. An
// assign starts the flow's first steps for real prospects, so nothing here is ever made up.

/** Why this run makes no live write, or undefined when it does. */
export function whyNoLiveWrites(ctx: ContractContext): string | undefined {
  if (ctx.target.kind !== "live") return "only against a live server (on Prism every operation is checked above)";
  if (!ctx.target.allowWrites) return "read-only run: writes need --allow-writes (CONTRACT_ALLOW_WRITES=1)";
  return undefined;
}

/** Why this run makes no live assign (no flow or owner named), or the assignment it makes. */
function namedAssignment(ctx: ContractContext): { skip: string } | { assignment: Assignment } {
  const notHere = whyNoLiveWrites(ctx);
  if (notHere) return { skip: notHere };
  if (!ctx.target.assignment) {
    return {
      skip: "no flow named: a live assign needs --assign-flow-id and --assign-owner-email (CONTRACT_ASSIGN_FLOW_ID, CONTRACT_ASSIGN_OWNER_EMAIL)",
    };
  }
  return { assignment: ctx.target.assignment };
}

/** The configured prospects, assigned to the named flow through the client: requests and result held. */
export async function assignConfigured(ctx: ContractContext): Promise<CaseOutcome> {
  const named = namedAssignment(ctx);
  if ("skip" in named) return skipped(named.skip);
  const operation = ctx.model.operation("assignProspects");
  const input = {
    crmProspectsIds: ctx.target.crmProspectIds,
    flowId: named.assignment.flowId,
    flowInstanceOwnerEmail: named.assignment.ownerEmail,
  };
  const { outcome, exchanges } = await ctx.transport.record({}, (client) => client.assignProspects(input));
  const check = "live writes: assign the configured prospects to the named flow through the client";
  return outcomeOf(
    violationsOnly([
      ...exchanges.flatMap((recorded) => checkClientRequest(ctx, operation, recorded, check)),
      ...checkClientOutcome(operation, exchanges, outcome, check),
    ]),
  );
}

/**
 * A bulk assignment of the configured prospects (by CRM id) to the named flow: its 202 holds the job,
 * and polling the job by its id answers a conforming 200.
 */
export async function bulkAssignConfigured(ctx: ContractContext): Promise<CaseOutcome> {
  const named = namedAssignment(ctx);
  if ("skip" in named) return skipped(named.skip);
  const submit = ctx.model.operation("submitBulkAssignment");
  const body = {
    flowId: named.assignment.flowId,
    flowInstanceOwnerEmail: named.assignment.ownerEmail,
    prospects: ctx.target.crmProspectIds.slice(0, 50).map((crmId) => ({ crmId })),
  };
  const submitted = await checkExchange(
    ctx,
    submit,
    inputRequest(ctx.model, submit, body),
    exactly(202),
    "live writes: submit a bulk assignment",
  );
  const id = (parseJson(submitted.response?.bodyText) as { id?: unknown } | undefined)?.id;
  if (submitted.violations.length > 0) return outcomeOf(submitted);
  if (typeof id !== "string") return { ...outcomeOf(submitted), reason: "the 202 named no job id: nothing to poll" };
  const poll = ctx.model.operation("getBulkAssignment");
  const polled = await checkExchange(
    ctx,
    poll,
    inputRequest(ctx.model, poll, { id }),
    success,
    "live writes: get the submitted bulk assignment",
  );
  return outcomeOf(mergeFindings(submitted, polled));
}
