import type { RawIssue } from "../generated/validators.js";
import type { PostCall } from "../transport.js";
import type { OperationName, RequestOptions } from "../types.js";
import type {
  Flow,
  FlowFolder,
  FlowFoldersPage,
  FlowsPage,
  ListFlowFoldersInput,
  ListFlowFoldersPageInput,
  ListFlowsInput,
  ListFlowsPageInput,
  PageInfo,
} from "../types-flows.js";
import { checkParameters, type OperationContext } from "./context.js";
import { type GongPager, type PageAnswer, pageInfo, pager } from "./pages.js";

/** Sends one page's request with the query given (the cursor set, or left out for the first page). */
type SendPage<Query, Page> = (query: Query, call: PostCall<PageAnswer>) => Promise<Page>;

/**
 * A list operation's two methods: one page (its cursor in the input), and every item of every page.
 * The input is checked when the method is called, before anything is sent.
 */
function listMethods<Query extends { cursor?: string }, Page extends PageInfo, Item>(
  operation: OperationName,
  sendPage: SendPage<Query, Page>,
  itemsOf: (page: Page) => Item[],
) {
  const pageAt = (input: Query, options: RequestOptions = {}) => {
    const { settings, params } = checkParameters(operation, input, options);
    return (cursor = params.cursor, answerIssues?: (answer: PageAnswer) => RawIssue[]): Promise<Page> => {
      const { cursor: _first, ...rest } = params;
      const query = (cursor === undefined ? rest : { ...rest, cursor }) as Query;
      return sendPage(query, { target: { ...settings, ids: [] }, record: { ambiguous: false }, answerIssues });
    };
  };
  return {
    page: async (input: Query, options?: RequestOptions): Promise<Page> => pageAt(input, options)(),
    all: (input: Omit<Query, "cursor">, options?: RequestOptions): GongPager<Item, Page> =>
      pager(pageAt(input as Query, options), itemsOf),
  };
}

/** `listFlowsPage` and `listFlows`: one page of flows, or every flow, following `records.cursor`. */
export function listFlows({ get }: OperationContext) {
  const { page, all } = listMethods<ListFlowsPageInput, FlowsPage, Flow>(
    "listFlows",
    async (query, call) => {
      const answer = await get("/v2/flows", { query }, call);
      return { flows: answer.flows ?? [], ...pageInfo(answer) };
    },
    (p) => p.flows,
  );
  const listFlows: (input: ListFlowsInput, options?: RequestOptions) => GongPager<Flow, FlowsPage> = all;
  return { listFlowsPage: page, listFlows };
}

/** `listFlowFoldersPage` and `listFlowFolders`: one page of folders, or every folder. */
export function listFlowFolders({ get }: OperationContext) {
  const { page, all } = listMethods<ListFlowFoldersPageInput, FlowFoldersPage, FlowFolder>(
    "listFlowFolders",
    async (query, call) => {
      const answer = await get("/v2/flows/folders", { query }, call);
      // Gong names the array `flows`, as its spec reuses the flows' schema; these are folders.
      return { folders: answer.flows ?? [], ...pageInfo(answer) };
    },
    (p) => p.folders,
  );
  const listFlowFolders: (
    input: ListFlowFoldersInput,
    options?: RequestOptions,
  ) => GongPager<FlowFolder, FlowFoldersPage> = all;
  return { listFlowFoldersPage: page, listFlowFolders };
}
