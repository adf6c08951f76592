import type { components } from "@gong-flows/client";
import { isVisibleTo } from "../catalogue.js";
import type { GongMockFlow } from "../data-set.js";
import { pageOf } from "../paging.js";
import { errorResponse, jsonResponse } from "../responses.js";
import type { MockOperation, OperationContext, RequestQuery } from "./operation.js";

/** How many flows `mostRecentlyAssigned=true` lists at most (Gong's number). */
const mostRecentlyAssignedLimit = 20;

/**
 * `GET /v2/flows`: the company's flows, and the user's own and shared with them, in the data set's
 * order, one page at a time; or the flows the user assigned prospects to most recently.
 */
export const listFlows: MockOperation<"listFlows"> = {
  method: "GET",
  respond({ query }, context) {
    const page = pageOf(flowsOf(query, context), query, context.pageSize);
    if ("refused" in page) return errorResponse(400, context.requestId, [page.refused]);
    return jsonResponse(200, {
      requestId: context.requestId,
      records: page.records,
      flows: page.items.map((flow) => context.catalogue.servedFlow(flow)),
    } satisfies components["schemas"]["FlowsPage"]);
  },
};

function flowsOf(query: RequestQuery<"listFlows">, { catalogue, flowInstances }: OperationContext): GongMockFlow[] {
  const visible = (flow: GongMockFlow) =>
    isVisibleTo(flow, query.flowOwnerEmail) &&
    (query.workspaceId === undefined || flow.workspaceId === query.workspaceId) &&
    (query.folderId === undefined || flow.folderId === query.folderId);
  if (query.mostRecentlyAssigned !== true) return catalogue.flows().filter(visible);
  return flowInstances
    .recentFlowIdsOf(query.flowOwnerEmail, Number.POSITIVE_INFINITY)
    .flatMap((id) => catalogue.flow(id) ?? [])
    .filter(visible)
    .slice(0, mostRecentlyAssignedLimit);
}
