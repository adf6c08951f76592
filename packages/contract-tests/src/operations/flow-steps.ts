import type { GetFlowStepsInput } from "@gong-flows/client";
import { type OperationContract, objectsAt, requestIdsOf, responseBodies } from "./operation.js";

/** `getFlowSteps`: every flow of every batch's answer, and every request id. */
export const getFlowSteps: OperationContract = {
  call: (client, input) => client.getFlowSteps(input as GetFlowStepsInput),
  expectedResult(exchanges) {
    const bodies = responseBodies(exchanges);
    return { flows: bodies.flatMap((b) => objectsAt(b, "flows")), requestIds: requestIdsOf(bodies) };
  },
  clientHandledKeywords: [
    { keyword: "maxItems", why: "getFlowSteps takes any number of flow ids and sends them in requests of at most 20" },
  ],
};
