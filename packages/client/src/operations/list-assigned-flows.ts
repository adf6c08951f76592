import { chunk, definedOnly, distinct, doneOf, runChunks, throwOnFailure } from "../batch.js";
import type { ListAssignedFlowsInput, ListAssignedFlowsResult, RequestOptions } from "../types.js";
import type { ListFlowInstancesInput } from "../types-flows.js";
import { checkCall, type OperationContext } from "./context.js";

/**
 * `listAssignedFlows`, in either form: the prospects' ids (`crmProspectsIds`) or the flow instances'
 * (`flowInstanceIds`), deduplicated, in requests of `listBatchSize`.
 */
export function listAssignedFlows({ post, options: client }: OperationContext) {
  return async (
    rawInput: ListAssignedFlowsInput | ListFlowInstancesInput,
    options: RequestOptions = {},
  ): Promise<ListAssignedFlowsResult> => {
    const { settings, input, text } = checkCall("listAssignedFlows", rawInput, options);
    const given = "flowInstanceIds" in input ? input.flowInstanceIds : input.crmProspectsIds;
    const bodyOf = (ids: string[]) =>
      "flowInstanceIds" in input ? { flowInstanceIds: ids } : { crmProspectsIds: ids };
    const chunks = chunk(distinct(given), client.listBatchSize);
    const outcomes = await runChunks(chunks, client.batchConcurrency, async (ids, { record, stop }) => {
      // One request with every id as given: its body is the input's JSON, already made.
      const bytes = ids.length === given.length ? text : undefined;
      const target = { ...settings, stop, ids };
      const data = await post("/v2/flows/prospects", bodyOf(ids), { target, record, bytes });
      return { flows: data.prospectsAssigned ?? [], requestId: data.requestId };
    });
    const done = doneOf(outcomes);
    const flows = done.flatMap((o) => o.result.flows);
    const requestIds = definedOnly(done.map((o) => o.result.requestId));
    throwOnFailure("listAssignedFlows", outcomes, { requestIds, flows });
    return { flows, requestIds };
  };
}
