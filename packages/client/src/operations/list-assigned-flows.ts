import { chunk, definedOnly, distinct, doneOf, runChunks, throwOnFailure } from "../batch.js";
import type { ListAssignedFlowsInput, ListAssignedFlowsResult, RequestOptions } from "../types.js";
import { checkCall, type OperationContext } from "./context.js";

/** `listAssignedFlows`: the prospects' ids, deduplicated, in requests of `listBatchSize`. */
export function listAssignedFlows({ post, options: client }: OperationContext) {
  return async (rawInput: ListAssignedFlowsInput, options: RequestOptions = {}): Promise<ListAssignedFlowsResult> => {
    const { settings, input, text } = checkCall("listAssignedFlows", rawInput, options);
    const chunks = chunk(distinct(input.crmProspectsIds), client.listBatchSize);
    const outcomes = await runChunks(chunks, client.batchConcurrency, async (crmProspectsIds, { record, stop }) => {
      // One request with every id as given: its body is the input's JSON, already made.
      const bytes = crmProspectsIds.length === input.crmProspectsIds.length ? text : undefined;
      const target = { ...settings, stop, ids: crmProspectsIds };
      const data = await post("/v2/flows/prospects", { ...input, crmProspectsIds }, { target, record, bytes });
      return { flows: data.prospectsAssigned ?? [], requestId: data.requestId };
    });
    const done = doneOf(outcomes);
    const flows = done.flatMap((o) => o.result.flows);
    const requestIds = definedOnly(done.map((o) => o.result.requestId));
    throwOnFailure("listAssignedFlows", outcomes, { requestIds, flows });
    return { flows, requestIds };
  };
}
