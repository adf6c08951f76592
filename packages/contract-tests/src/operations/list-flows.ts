import type {
  ListFlowFoldersInput,
  ListFlowFoldersPageInput,
  ListFlowsInput,
  ListFlowsPageInput,
} from "@gong-flows/client";
import { type OperationContract, responseBodies } from "./operation.js";

/** What every page carries besides its items, as the client documents it: from one answer's body. */
function pageInfo(body: Record<string, unknown> | undefined) {
  const records = body?.["records"] as { cursor?: unknown } | undefined;
  return { nextCursor: records?.cursor, records, requestId: body?.["requestId"] };
}

const items = (body: Record<string, unknown> | undefined) => (Array.isArray(body?.["flows"]) ? body["flows"] : []);

/** `listFlows`, one page (`listFlowsPage`): the page's flows, its cursor, records and request id. */
export const listFlows: OperationContract = {
  call: (client, input) => client.listFlowsPage(input as ListFlowsPageInput),
  expectedResult(exchanges) {
    const body = responseBodies(exchanges)[0];
    return { flows: items(body), ...pageInfo(body) };
  },
  pages: (client, input) => client.listFlows(input as ListFlowsInput).pages(),
  fromAnswers: ["cursor"],
};

/** `listFlowFolders`, one page (`listFlowFoldersPage`): Gong's `flows` array as `folders`. */
export const listFlowFolders: OperationContract = {
  call: (client, input) => client.listFlowFoldersPage(input as ListFlowFoldersPageInput),
  expectedResult(exchanges) {
    const body = responseBodies(exchanges)[0];
    return { folders: items(body), ...pageInfo(body) };
  },
  pages: (client, input) => client.listFlowFolders(input as ListFlowFoldersInput).pages(),
  fromAnswers: ["cursor"],
};
