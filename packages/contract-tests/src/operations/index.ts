import type { OperationName } from "@gong-flows/client";
import { assignProspects } from "./assign-prospects.js";
import { getBulkAssignment, submitBulkAssignment } from "./bulk-assignment.js";
import { getFlowSteps } from "./flow-steps.js";
import { listAssignedFlows } from "./list-assigned-flows.js";
import { listFlowFolders, listFlows } from "./list-flows.js";
import type { OperationContract } from "./operation.js";
import { unassignFlowsByCrmProspectId } from "./unassign-by-crm-prospect-id.js";
import { unassignFlowsByFlowInstanceIds } from "./unassign-by-flow-instance-ids.js";

/** Every operation the suite can call through the client: a new one is its module plus one line here. */
const contracts = {
  assignProspects,
  getBulkAssignment,
  getFlowSteps,
  listAssignedFlows,
  listFlowFolders,
  listFlows,
  submitBulkAssignment,
  unassignFlowsByCrmProspectId,
  unassignFlowsByFlowInstanceIds,
} satisfies Record<OperationName, OperationContract>;

/** The contract of an operation of the spec by operationId; undefined when the suite has none yet (skipped, named). */
export function operationContract(operationId: string): OperationContract | undefined {
  return Object.hasOwn(contracts, operationId) ? contracts[operationId as keyof typeof contracts] : undefined;
}
