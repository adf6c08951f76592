import type { components } from "@gong-flows/client";
import { errorResponse, jsonResponse } from "../responses.js";
import type { MockOperation } from "./operation.js";

/** `POST /v2/flows/prospects`: the open flow instances of the prospects asked about. */
export const listAssignedFlows: MockOperation<"listAssignedFlows"> = {
  method: "POST",
  respond(body, { requestId, flowInstances }) {
    if (!("crmProspectsIds" in body))
      return errorResponse(501, requestId, ["This mock lists by crmProspectsIds only, not by flowInstanceIds yet."]);
    return jsonResponse(200, {
      requestId,
      prospectsAssigned: flowInstances.assignedOf(body.crmProspectsIds),
    } satisfies components["schemas"]["ProspectsAssignedFlows"]);
  },
};
