import type { components } from "@gong-flows/client";
import { errorResponse, jsonResponse } from "../responses.js";
import type { MockOperation } from "./operation.js";

type BulkAssignment = components["schemas"]["BulkAssignment"];

/**
 * `POST /v2/flows/prospects/bulk-assignments`: 202 with the job, `PENDING` (unless the mock is told to
 * start jobs at once); it then runs on the mock's clock. A flow the mock does not hold is a 404 and starts no job.
 */
export const submitBulkAssignment: MockOperation<"submitBulkAssignment"> = {
  method: "POST",
  respond({ body }, context) {
    const flow = context.catalogue.flow(body.flowId);
    if (flow === undefined) return errorResponse(404, context.requestId, [`Flow not found: ${body.flowId}`]);
    const now = context.nowMs();
    const id = context.bulkAssignments.submit({
      submittedAt: now,
      flow,
      ownerEmail: body.flowInstanceOwnerEmail,
      prospects: body.prospects,
    });
    // A job due to start at once (startAfterMs 0) has already acted by the time it is answered.
    context.bulkAssignments.advance(now, context);
    const job = context.bulkAssignments.view(id, now)!;
    return jsonResponse(202, { requestId: context.requestId, ...job } satisfies BulkAssignment);
  },
};

/** `GET /v2/flows/prospects/bulk-assignments/{id}`: the job's progress and the results so far; 404 for an unknown id. */
export const getBulkAssignment: MockOperation<"getBulkAssignment"> = {
  method: "GET",
  respond({ path }, context) {
    const job = context.bulkAssignments.view(path.id, context.nowMs());
    if (job === undefined) return errorResponse(404, context.requestId, [`No bulk assignment has the id ${path.id}`]);
    return jsonResponse(200, { requestId: context.requestId, ...job } satisfies BulkAssignment);
  },
};
