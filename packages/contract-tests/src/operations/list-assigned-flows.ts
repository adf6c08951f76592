import type { ListAssignedFlowsInput, ListFlowInstancesInput } from "@gong-flows/client";
import { type OperationContract, requestIdsOf, responseBodies } from "./operation.js";

/** `listAssignedFlows`, in both forms (by CRM id, by flow instance id): every flow of every batch's response, and every request id. */
export const listAssignedFlows: OperationContract = {
  call: (client, input) => client.listAssignedFlows(input as ListAssignedFlowsInput | ListFlowInstancesInput),
  expectedResult(exchanges) {
    const bodies = responseBodies(exchanges);
    return {
      flows: bodies.flatMap((b) => (Array.isArray(b["prospectsAssigned"]) ? b["prospectsAssigned"] : [])),
      requestIds: requestIdsOf(bodies),
    };
  },
  forms: 2,
};
