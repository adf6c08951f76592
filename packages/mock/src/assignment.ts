// Who can be assigned to a flow: one home for the rules that assign and bulk assignments share.
import type { components } from "@gong-flows/client";
import type { CrmProspects } from "./crm.js";
import type { GongMockFlow } from "./data-set.js";
import type { FlowInstanceStore } from "./store.js";

type Schemas = components["schemas"];

/** Why a prospect was not assigned: Gong's error code and a message. */
export interface AssignmentRefusal {
  errorCode: NonNullable<Schemas["AssignmentFailure"]["errorCode"]>;
  errorMessage: string;
}

/** A new flow instance, or why there is none. */
export type AssignmentOutcome = { assigned: Schemas["AssignedFlow"] } | { refused: AssignmentRefusal };

/** One assignment to make: the flow, the prospect, who owns the instance, and when. */
export interface AssignmentRequest {
  flow: GongMockFlow;
  crmProspectId: string;
  ownerEmail: string;
  /** ISO 8601, the mock's clock. */
  at: string;
}

/**
 * Assigns one prospect to a flow, as Gong's rules allow: a CRM id the CRM does not hold is an
 * `InvalidArgument`; a prospect already in this flow, or in an exclusive flow, is an `InvalidState`.
 * An instance it creates is `Pending` (the flow's first steps have yet to run).
 */
export function assignProspect(
  state: { flowInstances: FlowInstanceStore; crm: CrmProspects },
  { flow, crmProspectId, ownerEmail, at }: AssignmentRequest,
): AssignmentOutcome {
  if (!state.crm.has(crmProspectId)) return refused("InvalidArgument", `Invalid crmId ${crmProspectId}`);
  const open = state.flowInstances.openOf(crmProspectId);
  if (open.some((instance) => instance.flowId === flow.id))
    return refused("InvalidState", "The prospect is already assigned to this flow");
  if (open.some((instance) => instance.exclusive === true))
    return refused("InvalidState", "The prospect is already assigned to an exclusive flow");
  const fullName = state.flowInstances.ownerFullName(ownerEmail);
  const instance: Schemas["AssignedFlow"] = {
    flowId: flow.id!,
    ...(flow.name === undefined ? {} : { flowName: flow.name }),
    crmProspectId,
    flowInstanceId: state.flowInstances.newInstanceId(),
    flowInstanceOwnerEmail: ownerEmail,
    ...(fullName === undefined ? {} : { flowInstanceOwnerFullName: fullName }),
    flowInstanceCreateDate: at,
    flowInstanceStatus: "Pending",
    ...(flow.workspaceId === undefined ? {} : { workspaceId: flow.workspaceId }),
    ...(flow.exclusive === undefined ? {} : { exclusive: flow.exclusive }),
  };
  state.flowInstances.add([instance]);
  return { assigned: instance };
}

function refused(errorCode: AssignmentRefusal["errorCode"], errorMessage: string): AssignmentOutcome {
  return { refused: { errorCode, errorMessage } };
}
