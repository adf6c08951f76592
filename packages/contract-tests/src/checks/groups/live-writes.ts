import { jsonRequest, parseJson } from "../../http/exchange.js";
import { type Findings, mergeFindings, violationsOnly } from "../../report/violation.js";
import type { ContractContext } from "../../run/context.js";
import { outcomeOf, skipped, type CaseOutcome, type CheckGroup } from "../case.js";
import { checkClientOutcome } from "../client/outcome.js";
import { checkClientRequest } from "../client/request.js";
import { checkExchange, success } from "../exchange.js";
import { assignConfigured, bulkAssignConfigured, whyNoLiveWrites } from "./live-assign.js";

/** A flow instance a list call returned, with the ids a write needs. */
interface ListedFlow {
  flowInstanceId: string;
  crmProspectId: string;
  flowId: string;
}

/**
 * Writes against a live server, only with writes allowed, and only on the flow instances a list call
 * of the configured prospects returned: the suite never unassigns anything it made up.
 */
export function liveWritesGroup(ctx: ContractContext): CheckGroup {
  return {
    id: "live-writes",
    title: "live writes unassign what was listed, and assign to the named flow",
    cases: [
      {
        name: "unassigns the listed flow instances, by CRM id and by instance id, and both answers conform",
        run: () => unassignListed(ctx),
      },
      {
        name: "assigns the configured prospects to the named flow through the client, and the answer conforms",
        run: () => assignConfigured(ctx),
      },
      {
        name: "submits a bulk assignment of the configured prospects to the named flow, polls it, and both answers conform",
        run: () => bulkAssignConfigured(ctx),
      },
    ],
  };
}

async function unassignListed(ctx: ContractContext): Promise<CaseOutcome> {
  const notHere = whyNoLiveWrites(ctx);
  if (notHere) return skipped(notHere);
  const listed = await checkExchange(
    ctx,
    ctx.model.operation("listAssignedFlows"),
    jsonRequest({ crmProspectsIds: ctx.target.crmProspectIds }),
    success,
    "live writes: list",
  );
  if (listed.violations.length > 0) return outcomeOf(listed);
  const flows = listedFlows(listed.response?.bodyText);
  if (flows.length === 0)
    return skipped("the configured prospects are in no flow: nothing to unassign (give --prospects)");
  const single = await unassignOneByCrmId(ctx, flows[0]!);
  const all = await unassignAllThroughClient(ctx, flows);
  return outcomeOf(mergeFindings(listed, single, all));
}

/** The listed flow instances that carry the ids a write needs. */
function listedFlows(bodyText: string | undefined): ListedFlow[] {
  const body = parseJson(bodyText) as { prospectsAssigned?: Partial<Record<keyof ListedFlow, unknown>>[] } | undefined;
  return (body?.prospectsAssigned ?? []).filter(
    (f): f is ListedFlow =>
      typeof f.flowInstanceId === "string" && typeof f.crmProspectId === "string" && typeof f.flowId === "string",
  );
}

/** One prospect out of one flow, straight through the spec. */
function unassignOneByCrmId(ctx: ContractContext, flow: ListedFlow) {
  const body = { crmProspectId: flow.crmProspectId, flowId: flow.flowId };
  return checkExchange(
    ctx,
    ctx.model.operation("unassignFlowsByCrmProspectId"),
    jsonRequest(body),
    success,
    "live writes: unassign one prospect from one flow",
  );
}

/**
 * Every listed instance through the client: the first is gone already, and must be reported as not
 * unassigned rather than lost.
 */
async function unassignAllThroughClient(ctx: ContractContext, flows: readonly ListedFlow[]): Promise<Findings> {
  const byInstance = ctx.model.operation("unassignFlowsByFlowInstanceIds");
  const input = { flowInstanceIds: flows.map((f) => f.flowInstanceId) };
  const { outcome, exchanges } = await ctx.transport.record({}, (client) => client.unassignByFlowInstanceIds(input));
  const check = "live writes: unassign the listed flow instances through the client";
  return violationsOnly([
    ...exchanges.flatMap((recorded) => checkClientRequest(ctx, byInstance, recorded, check)),
    ...checkClientOutcome(byInstance, exchanges, outcome, check),
  ]);
}
