import type { components } from "@gong-flows/client";
import { jsonResponse } from "../responses.js";
import type { MockOperation } from "./operation.js";

/** `POST /v2/flows/prospects`: the open flow instances of the prospects asked about. */
export const listAssignedFlows: MockOperation<"listAssignedFlows"> = {
  method: "POST",
  respond({ crmProspectsIds }, { requestId, flowInstances }) {
    return jsonResponse(200, {
      requestId,
      prospectsAssigned: flowInstances.assignedOf(crmProspectsIds),
    } satisfies components["schemas"]["ProspectsAssignedFlows"]);
  },
};
