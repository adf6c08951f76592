import type { components } from "@gong-flows/client";
import { jsonResponse } from "../responses.js";
import type { MockOperation } from "./operation.js";

/**
 * `POST /v2/flows/prospects`: by CRM prospect id, the prospects' open flow instances; by flow instance
 * id, the given instances whatever their state, finished ones included.
 */
export const listAssignedFlows: MockOperation<"listAssignedFlows"> = {
  method: "POST",
  respond({ body }, { requestId, flowInstances }) {
    const prospectsAssigned =
      "crmProspectsIds" in body
        ? flowInstances.assignedOf(body.crmProspectsIds)
        : flowInstances.byInstanceIds(body.flowInstanceIds);
    return jsonResponse(200, {
      requestId,
      prospectsAssigned,
    } satisfies components["schemas"]["ProspectsAssignedFlows"]);
  },
};
