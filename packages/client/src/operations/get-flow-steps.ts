import { chunk, definedOnly, distinct, doneOf, runChunks, throwOnFailure } from "../batch.js";
import { gongLimits } from "../defaults.js";
import { GongApiError } from "../errors.js";
import { GongUnknownFlowsError } from "../flow-errors.js";
import type { RequestOptions } from "../types.js";
import type { GetFlowStepsInput, GetFlowStepsResult } from "../types-flows.js";
import { checkCall, type OperationContext } from "./context.js";

// The id cap is per request; the client splits longer lists, so the cap is not an error here.
const lifted = [{ keyword: "maxItems", path: "/flowIds" }];

/** `getFlowSteps`: the flow ids, deduplicated, in requests of Gong's cap; a 404 names the request's ids. */
export function getFlowSteps({ post, options: client }: OperationContext) {
  return async (rawInput: GetFlowStepsInput, options: RequestOptions = {}): Promise<GetFlowStepsResult> => {
    const { settings, input, text } = checkCall("getFlowSteps", rawInput, options, lifted);
    const chunks = chunk(distinct(input.flowIds), gongLimits.flowStepsIdsPerRequest);
    const outcomes = await runChunks(chunks, client.batchConcurrency, async (flowIds, { record, stop }) => {
      const bytes = flowIds.length === input.flowIds.length ? text : undefined;
      try {
        const data = await post(
          "/v2/flows/steps",
          { flowIds },
          { target: { ...settings, stop, ids: flowIds }, record, bytes },
        );
        return { flows: data.flows ?? [], requestId: data.requestId };
      } catch (error) {
        // Gong refuses the whole request when one id is unknown: say which ids that request carried.
        throw error instanceof GongApiError && error.status === 404 ? GongUnknownFlowsError.of(error, flowIds) : error;
      }
    });
    const done = doneOf(outcomes);
    const flows = done.flatMap((o) => o.result.flows);
    const requestIds = definedOnly(done.map((o) => o.result.requestId));
    throwOnFailure("getFlowSteps", outcomes, { requestIds, flowsWithSteps: flows });
    return { flows, requestIds };
  };
}
