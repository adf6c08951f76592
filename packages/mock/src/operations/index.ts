import type { MockOperationName } from "../routes.js";
import { assignProspects } from "./assign-prospects.js";
import { getBulkAssignment, submitBulkAssignment } from "./bulk-assignment.js";
import { getFlowSteps } from "./get-flow-steps.js";
import { listAssignedFlows } from "./list-assigned-flows.js";
import { listFlowFolders } from "./list-flow-folders.js";
import { listFlows } from "./list-flows.js";
import type { MockOperation } from "./operation.js";
import { unassignFlowsByCrmProspectId } from "./unassign-by-crm-prospect-id.js";
import { unassignFlowsByFlowInstanceIds } from "./unassign-by-flow-instance-ids.js";

/** Every operation the mock serves: a new operation is its module plus one line here. */
export const mockOperations: { readonly [Name in MockOperationName]: MockOperation<Name> } = {
  listAssignedFlows,
  unassignFlowsByCrmProspectId,
  unassignFlowsByFlowInstanceIds,
  assignProspects,
  listFlows,
  listFlowFolders,
  getFlowSteps,
  submitBulkAssignment,
  getBulkAssignment,
};
