import type { components } from "@gong-flows/client";
import { errorResponse, jsonResponse } from "../responses.js";
import type { MockOperation } from "./operation.js";

/**
 * `POST /v2/flows/steps`: the flows asked for with their steps, in the order asked, each once; one
 * unknown id fails the whole request with 404, whose message names every unknown id.
 */
export const getFlowSteps: MockOperation<"getFlowSteps"> = {
  method: "POST",
  respond({ body }, { catalogue, requestId }) {
    const ids = [...new Set(body.flowIds)];
    const unknown = ids.filter((id) => catalogue.flow(id) === undefined);
    if (unknown.length > 0) return errorResponse(404, requestId, [`Flows not found: ${unknown.join(", ")}`]);
    return jsonResponse(200, {
      requestId,
      flows: ids.map((id) => catalogue.withSteps(catalogue.flow(id)!)),
    } satisfies components["schemas"]["FlowsWithSteps"]);
  },
};
