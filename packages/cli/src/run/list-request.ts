import type { AssignedFlow, GongFlowsClient } from "@gong-flows/client";
import type { CompactFlow, RequestKind } from "../journal/records.js";
import type { RequestSender, SendOutcome } from "./request-sender.js";

/** What a job's list requests need. */
export interface ListRequestDeps {
  readonly requests: RequestSender;
  readonly client: GongFlowsClient;
  /** Retries the client may make per list request (a read: safe to send again). */
  readonly maxRetries: number;
}

/**
 * Lists the flows of `crmProspectIds` through the journaled request path: the one list request of
 * every job. `final`: a check after which nothing is sent again in this run (see `RequestRecord.final`).
 */
export function sendListRequest(
  deps: ListRequestDeps,
  kind: Extract<RequestKind, "plan-list" | "check-list">,
  crmProspectIds: string[],
  final?: boolean,
): Promise<SendOutcome> {
  const request = { kind, ids: crmProspectIds, ...(final ? { final } : {}) };
  return deps.requests.send(request, deps.maxRetries, async (options) => {
    const result = await deps.client.listAssignedFlows({ crmProspectsIds: crmProspectIds }, options);
    return listResponse(result);
  });
}

/** The journal's response record of a listing: the flows, compacted, and the flows' names. */
export function listResponse(result: { flows: readonly AssignedFlow[]; requestIds: readonly string[] }) {
  const flowNames: Record<string, string> = {};
  for (const flow of result.flows)
    if (flow.flowId !== undefined && flow.flowName !== undefined) flowNames[flow.flowId] = flow.flowName;
  return { ok: true as const, flows: result.flows.map(compactFlow), flowNames, requestIds: [...result.requestIds] };
}

/** The journal's form of a listed flow instance. */
export function compactFlow(flow: AssignedFlow): CompactFlow {
  return [
    flow.flowInstanceId ?? "",
    flow.crmProspectId ?? null,
    flow.flowId ?? null,
    flow.flowInstanceStatus ?? null,
    flow.flowInstanceCreateDate ?? null,
  ];
}
