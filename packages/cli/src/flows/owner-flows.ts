import type { Flow, GongFlowsClient, RequestOptions } from "@gong-flows/client";

/** What lists a user's flows: the owner, and optionally a folder or a workspace. */
export interface OwnerFlowsQuery {
  /** The Gong user whose personal flows, and the flows shared with whom, are listed with the company's. */
  readonly flowOwnerEmail: string;
  /** Only the flows of this folder. */
  readonly folderId?: string | undefined;
  /** Only the flows of this workspace. */
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
