import type { components } from "@gong-flows/client";
import { isVisibleTo } from "../catalogue.js";
import { pageOf } from "../paging.js";
import { errorResponse, jsonResponse } from "../responses.js";
import type { MockOperation } from "./operation.js";

/**
 * `GET /v2/flows/folders`: the company's folders, and the user's own and shared with them, in the data
 * set's order, one page at a time; `parentId` keeps that folder and the folders under it.
 */
export const listFlowFolders: MockOperation<"listFlowFolders"> = {
  method: "GET",
  respond({ query }, { catalogue, pageSize, requestId }) {
    const tree = query.parentId === undefined ? undefined : catalogue.folderTree(query.parentId);
    const folders = catalogue
      .folders()
      .filter(
        (folder) =>
          isVisibleTo(folder, query.flowFolderOwnerEmail) &&
          (query.workspaceId === undefined || folder.workspaceId === query.workspaceId) &&
          (tree === undefined || tree.has(folder.id!)),
      );
    const page = pageOf(folders, query, pageSize);
    if ("refused" in page) return errorResponse(400, requestId, [page.refused]);
    return jsonResponse(200, {
      requestId,
      records: page.records,
      // The array is named `flows`, as in Gong's published spec.
      flows: page.items.map((folder) => catalogue.servedFolder(folder)),
    } satisfies components["schemas"]["FlowFoldersPage"]);
  },
};
