import type { components } from "@gong-flows/client";
import { jsonResponse } from "../responses.js";
import { type MockOperation, unassignmentOf } from "./operation.js";

/** `POST /v2/flows/prospects/unassign-flows-by-instance-id`: the given flow instances still assigned. */
export const unassignFlowsByFlowInstanceIds: MockOperation<"unassignFlowsByFlowInstanceIds"> = {
  method: "POST",
  respond({ body: { flowInstanceIds, unassignedByUserEmail } }, context) {
    const how = unassignmentOf(context, unassignedByUserEmail);
    const { removed, alreadyUnassigned } = context.flowInstances.unassignInstances(flowInstanceIds, how);
    context.counts.alreadyUnassignedIdsSent += alreadyUnassigned;
    return jsonResponse(200, {
      requestId: context.requestId,
      unassignedFlowInstanceIds: removed,
    } satisfies components["schemas"]["UnassignFlowsResponse"]);
  },
};
