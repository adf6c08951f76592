import type { components } from "@gong-flows/client";
import { jsonResponse } from "../responses.js";
import { type MockOperation, unassignmentOf } from "./operation.js";

/** `POST /v2/flows/prospects/unassign-flows-by-crm-id`: one prospect out of all its flows, or of one. */
export const unassignFlowsByCrmProspectId: MockOperation<"unassignFlowsByCrmProspectId"> = {
  method: "POST",
  respond({ body: { crmProspectId, flowId, unassignedByUserEmail } }, context) {
    const how = unassignmentOf(context, unassignedByUserEmail);
    const removed = context.flowInstances.unassignProspect(crmProspectId, flowId, how);
    return jsonResponse(200, {
      requestId: context.requestId,
      unassignedFlowInstanceIds: removed,
    } satisfies components["schemas"]["UnassignFlowsResponse"]);
  },
};
