import type { Flow, GongFlowsClient, RequestOptions } from "@gong-flows/client";

/** What lists a user's flows: the owner, and optionally a folder or a workspace. */
export interface OwnerFlowsQuery {
  readonly flowOwnerEmail: string;
  readonly folderId?: string | undefined;
  readonly workspaceId?: string | undefined;
}

/**
 * Every flow Gong lists for `query` (the company's, the owner's own and those shared with the owner),
 * following the pages to the last.
 */
export async function listOwnerFlows(
  client: GongFlowsClient,
  query: OwnerFlowsQuery,
  options: RequestOptions = {},
): Promise<Flow[]> {
  const input = {
    flowOwnerEmail: query.flowOwnerEmail,
    ...(query.folderId === undefined ? {} : { folderId: query.folderId }),
    ...(query.workspaceId === undefined ? {} : { workspaceId: query.workspaceId }),
  };
  const flows: Flow[] = [];
  for await (const flow of client.listFlows(input, options)) flows.push(flow);
  return flows;
}
