import type { RequestOptions, UnassignByCrmProspectIdInput, UnassignByCrmProspectIdResult } from "../types.js";
import { checkCall, type OperationContext } from "./context.js";

/** `unassignByCrmProspectId`: one request, unconfirmed when an earlier attempt's outcome is unknown. */
export function unassignByCrmProspectId({ post }: OperationContext) {
  return async (
    rawInput: UnassignByCrmProspectIdInput,
    options: RequestOptions = {},
  ): Promise<UnassignByCrmProspectIdResult> => {
    const { settings, input, text } = checkCall("unassignFlowsByCrmProspectId", rawInput, options);
    const record = { ambiguous: false };
    const call = { target: { ...settings, ids: [input.crmProspectId] }, record, bytes: text };
    const data = await post("/v2/flows/prospects/unassign-flows-by-crm-id", input, call);
    const result: UnassignByCrmProspectIdResult = {
      unassignedFlowInstanceIds: data.unassignedFlowInstanceIds ?? [],
      requestId: data.requestId,
    };
    if (record.ambiguous) result.unconfirmed = true;
    return result;
  };
}
