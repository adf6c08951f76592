// The named types of the operations that find flows and assign prospects (types.ts holds the rest).
import type { components as documented } from "./generated/documented-schema.js";
import type { components, operations } from "./generated/schema.js";
import type { AssignedFlow } from "./types.js";

/** A Gong Engage flow prospects can be assigned to. Every field optional: Gong promises none. */
export type Flow = documented["schemas"]["Flow"];
/** A folder of flows, as `listFlowFolders` returns it (the fields a folder is known to carry). */
export type FlowFolder = documented["schemas"]["FlowFolder"];
/** A flow's details and its steps, as `getFlowSteps` returns them. */
export type FlowWithSteps = documented["schemas"]["FlowWithSteps"];
/** One step of a flow. */
export type FlowStep = documented["schemas"]["FlowStep"];
/** Where a page stands among all the records that match (`records` of a page; its `cursor` leads on). */
export type PageRecords = documented["schemas"]["PageRecords"];
/** A prospect Gong did not assign, with its `errorCode` (an open set) and `errorMessage`. */
export type AssignmentFailure = documented["schemas"]["AssignmentFailure"];
/** A bulk assignment job: its `id`, `status`, counts and, as prospects are processed, `results`. */
export type BulkAssignment = documented["schemas"]["BulkAssignment"];
/** What a bulk assignment did with one prospect. */
export type BulkAssignmentResult = documented["schemas"]["BulkAssignmentResult"];
/** Where a bulk assignment stands: `PENDING`, `IN_PROGRESS`, `COMPLETED` or `FAILED` (an open set). */
export type BulkAssignmentStatus = documented["schemas"]["BulkAssignmentStatus"];

/** Input of `listAssignedFlows` in its second form: flow instances by id, finished ones included. */
export type ListFlowInstancesInput = components["schemas"]["ListAssignedFlowsByFlowInstanceIdsRequest"];
/** Input of `assignProspects`: the spec's request body, without its 100-id cap (the client batches). */
export type AssignProspectsInput = components["schemas"]["AssignProspectsRequest"];
/** Input of `getFlowSteps`: the spec's request body, without its 20-id cap (the client batches). */
export type GetFlowStepsInput = components["schemas"]["FlowStepsRequest"];
/** Input of `submitBulkAssignment` and `bulkAssign`: the spec's request body (at most 50 prospects). */
export type BulkAssignmentRequest = components["schemas"]["BulkAssignmentRequest"];
/** Query of `listFlowsPage`: the spec's parameters; `cursor` is the previous page's `nextCursor`. */
export type ListFlowsPageInput = operations["listFlows"]["parameters"]["query"];
/** Input of `listFlows`: the query of every page, without the cursor the iterator follows. */
export type ListFlowsInput = Omit<ListFlowsPageInput, "cursor">;
/** Query of `listFlowFoldersPage`: the spec's parameters. */
export type ListFlowFoldersPageInput = operations["listFlowFolders"]["parameters"]["query"];
/** Input of `listFlowFolders`: the query of every page, without the cursor the iterator follows. */
export type ListFlowFoldersInput = Omit<ListFlowFoldersPageInput, "cursor">;

/** What every page of a list operation carries besides its items. */
export interface PageInfo {
  /** The cursor of the next page (Gong's `records.cursor`); undefined on the last page. */
  nextCursor: string | undefined;
  /** Where this page stands among all the records, as Gong's answer says. */
  records: PageRecords | undefined;
  /** Gong's request id of this page's request; undefined only if the answer carried none. */
  requestId: string | undefined;
}

/** One page of `listFlowsPage`. */
export interface FlowsPage extends PageInfo {
  /** This page's flows. */
  flows: Flow[];
}

/** One page of `listFlowFoldersPage` (Gong names the array `flows`; here it is `folders`). */
export interface FlowFoldersPage extends PageInfo {
  /** This page's folders. */
  folders: FlowFolder[];
}

/**
 * Result of `assignProspects`. Every distinct CRM id given is in exactly one of `assigned` (by its
 * flow instance's `crmProspectId`), `notAssigned` or `unconfirmedCrmProspectIds`.
 */
export interface AssignProspectsResult {
  /** The flow instances created, one per prospect assigned. */
  assigned: AssignedFlow[];
  /** The prospects Gong did not assign, each with Gong's `errorCode` and `errorMessage`. */
  notAssigned: AssignmentFailure[];
  /**
   * Prospects whose outcome is not known: Gong's answer named them in neither list. (A request whose
   * answer was lost throws instead; it is never sent twice.) List them by CRM id to know.
   */
  unconfirmedCrmProspectIds: string[];
  /** Gong's request id of each request made, in order. */
  requestIds: string[];
}

/** Result of `getFlowSteps`. */
export interface GetFlowStepsResult {
  /** The flows asked for, with their steps, in the order Gong returned them. */
  flows: FlowWithSteps[];
  /** Gong's request id of each request made, in order. */
  requestIds: string[];
}

/** How `waitForBulkAssignment` polls. */
export interface WaitForBulkAssignmentOptions {
  /** The first wait between polls, in ms (default 1,000); it doubles after each poll. */
  pollIntervalMs?: number | undefined;
  /** The longest wait between polls, in ms (default 10,000). */
  maxPollIntervalMs?: number | undefined;
  /** How long to wait for the job to finish, in ms (default 600,000); past it, `GongWaitTimeoutError`. */
  timeoutMs?: number | undefined;
  /** Ends the wait (and the poll in flight) with `GongAbortError`. */
  signal?: AbortSignal | undefined;
}
