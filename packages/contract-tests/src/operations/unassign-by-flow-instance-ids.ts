import type { UnassignByFlowInstanceIdsInput } from "@gong-flows/client";
import { parseJson } from "../http/exchange.js";
import { type OperationContract, requestIdsOf, responseBodies } from "./operation.js";

/** `unassignFlowsByFlowInstanceIds`: each id sent counted as unassigned or not, batch by batch. */
export const unassignFlowsByFlowInstanceIds: OperationContract = {
  call: (client, input) => client.unassignByFlowInstanceIds(input as UnassignByFlowInstanceIdsInput),
  expectedResult(exchanges) {
    const bodies = responseBodies(exchanges);
    const unassigned: string[] = [];
    const notUnassigned: string[] = [];
    exchanges.forEach((exchange, i) => {
      const sent = (parseJson(exchange.bodyText) as { flowInstanceIds?: string[] } | undefined)?.flowInstanceIds ?? [];
      const returnedIds = bodies[i]?.["unassignedFlowInstanceIds"];
      const returned = new Set(Array.isArray(returnedIds) ? returnedIds : []);
      for (const id of sent) (returned.has(id) ? unassigned : notUnassigned).push(id);
    });
    // Each request is sent once (no retries here), so no attempt's outcome is unknown: none unconfirmed.
    return {
      unassignedFlowInstanceIds: unassigned,
      notUnassignedFlowInstanceIds: notUnassigned,
      unconfirmedFlowInstanceIds: [],
      requestIds: requestIdsOf(bodies),
    };
  },
  clientHandledKeywords: [
    {
      keyword: "maxItems",
      why: "unassignByFlowInstanceIds takes any number of ids and sends them in requests of at most 200",
    },
  ],
};
