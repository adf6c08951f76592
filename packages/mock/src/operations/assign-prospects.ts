import type { components } from "@gong-flows/client";
import { assignProspect } from "../assignment.js";
import { errorResponse, jsonResponse } from "../responses.js";
import type { MockOperation } from "./operation.js";

type Schemas = components["schemas"];

/**
 * `POST /v2/flows/prospects/assign`: each prospect into the flow, or into `prospectsNotAssigned` with
 * Gong's error code; a flow the mock does not hold is a 404 and assigns no one.
 */
export const assignProspects: MockOperation<"assignProspects"> = {
  method: "POST",
  respond({ body }, context) {
    const flow = context.catalogue.flow(body.flowId);
    if (flow === undefined) return errorResponse(404, context.requestId, [`Flow not found: ${body.flowId}`]);
    const prospectsAssigned: Schemas["AssignedFlow"][] = [];
    const prospectsNotAssigned: Schemas["AssignmentFailure"][] = [];
    for (const crmProspectId of body.crmProspectsIds) {
      const outcome = assignProspect(context, {
        flow,
        crmProspectId,
        ownerEmail: body.flowInstanceOwnerEmail,
        at: context.now(),
      });
      if ("assigned" in outcome) prospectsAssigned.push(outcome.assigned);
      else prospectsNotAssigned.push({ flowId: body.flowId, crmProspectId, ...outcome.refused });
    }
    return jsonResponse(200, {
      requestId: context.requestId,
      prospectsAssigned,
      prospectsNotAssigned,
    } satisfies Schemas["ProspectsAssignment"]);
  },
};
