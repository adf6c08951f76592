import type { UnassignByCrmProspectIdInput } from "@gong-flows/client";
import { type OperationContract, requestIdsOf, responseBodies } from "./operation.js";

/** `unassignFlowsByCrmProspectId`: one request, its unassigned ids and its request id. */
export const unassignFlowsByCrmProspectId: OperationContract = {
  call: (client, input) => client.unassignByCrmProspectId(input as UnassignByCrmProspectIdInput),
  expectedResult(exchanges) {
    const bodies = responseBodies(exchanges);
    const ids = bodies[0]?.["unassignedFlowInstanceIds"];
    return {
      unassignedFlowInstanceIds: Array.isArray(ids) ? ids.filter((id) => typeof id === "string") : [],
      requestId: requestIdsOf(bodies)[0],
    };
  },
};
