import { chunk, definedOnly, distinct, doneOf, runChunks, throwOnFailure } from "../batch.js";
import { gongLimits } from "../defaults.js";
import type { RequestOptions, UnassignByFlowInstanceIdsInput, UnassignByFlowInstanceIdsResult } from "../types.js";
import { checkCall, type OperationContext } from "./context.js";

const path = "/v2/flows/prospects/unassign-flows-by-instance-id";

/** `unassignByFlowInstanceIds`: the ids, deduplicated, in requests of Gong's cap; each id in exactly one list. */
export function unassignByFlowInstanceIds({ post, options: client }: OperationContext) {
  return async (
    rawInput: UnassignByFlowInstanceIdsInput,
    options: RequestOptions = {},
  ): Promise<UnassignByFlowInstanceIdsResult> => {
    // The id cap is per request; the client splits longer lists, so the cap is not an error here.
    const lifted = [{ keyword: "maxItems", path: "/flowInstanceIds" }];
    const { settings, input, text } = checkCall("unassignFlowsByFlowInstanceIds", rawInput, options, lifted);
    const chunks = chunk(distinct(input.flowInstanceIds), gongLimits.unassignIdsPerRequest);
    const outcomes = await runChunks(chunks, client.batchConcurrency, async (flowInstanceIds, { record, stop }) => {
      const bytes = flowInstanceIds.length === input.flowInstanceIds.length ? text : undefined;
      const target = { ...settings, stop, ids: flowInstanceIds };
      const data = await post(path, { ...input, flowInstanceIds }, { target, record, bytes });
      const returned = new Set(data.unassignedFlowInstanceIds);
      // Only ids that were sent count: the response is matched against the request, id by id.
      return {
        unassigned: flowInstanceIds.filter((id) => returned.has(id)),
        missing: flowInstanceIds.filter((id) => !returned.has(id)),
        requestId: data.requestId,
      };
    });
    const done = doneOf(outcomes);
    // An id the final response did not return was kept assigned, unless an earlier attempt of its
    // request may have removed it: then nobody knows (unconfirmed).
    const result: UnassignByFlowInstanceIdsResult = {
      unassignedFlowInstanceIds: done.flatMap((o) => o.result.unassigned),
      notUnassignedFlowInstanceIds: done.filter((o) => !o.ambiguous).flatMap((o) => o.result.missing),
      unconfirmedFlowInstanceIds: done.filter((o) => o.ambiguous).flatMap((o) => o.result.missing),
      requestIds: definedOnly(done.map((o) => o.result.requestId)),
    };
    throwOnFailure("unassignFlowsByFlowInstanceIds", outcomes, result);
    return result;
  };
}
