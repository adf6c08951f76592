import type { components, operations } from "./generated/schema.js";

/** The operationIds of the spec: the names operations go by in errors and log events. */
export type OperationName = keyof operations;

/** One flow instance: a prospect's assignment to a Gong Engage flow (Gong's `PublicApiAssignedFlow`). */
export type AssignedFlow = components["schemas"]["AssignedFlow"];

/** The status of a flow instance: `"Running" | "Pending" | "Paused"`. */
export type FlowInstanceStatus = components["schemas"]["FlowInstanceStatus"];

/** Input of {@link GongFlowsClient.listAssignedFlows}: the spec's request body. */
export type ListAssignedFlowsInput = components["schemas"]["ListAssignedFlowsRequest"];
/** Input of {@link GongFlowsClient.unassignByCrmProspectId}: the spec's request body. */
export type UnassignByCrmProspectIdInput = components["schemas"]["UnassignFlowsByCrmProspectIdRequest"];
/** Input of {@link GongFlowsClient.unassignByFlowInstanceIds}: the spec's request body, without its 200-id cap. */
export type UnassignByFlowInstanceIdsInput = components["schemas"]["UnassignFlowsByFlowInstanceIdsRequest"];

/** Result of {@link GongFlowsClient.listAssignedFlows}. */
export interface ListAssignedFlowsResult {
  /** Every flow instance assigned to the given prospects, from all the requests made. */
  flows: AssignedFlow[];
  /** Gong's request id of each request made, in order. */
  requestIds: string[];
}

/** Result of {@link GongFlowsClient.unassignByCrmProspectId}. */
export interface UnassignByCrmProspectIdResult {
  /** The flow instances the prospect was removed from. */
  unassignedFlowInstanceIds: string[];
  /** Gong's request id; undefined only if Gong's answer carried none. */
  requestId: string | undefined;
}

/** Result of {@link GongFlowsClient.unassignByFlowInstanceIds}. */
export interface UnassignByFlowInstanceIdsResult {
  /** The flow instances prospects were removed from. */
  unassignedFlowInstanceIds: string[];
  /**
   * Ids that were sent but that Gong did not return: Gong keeps these prospects assigned. Together
   * with `unassignedFlowInstanceIds` this is every distinct id given.
   */
  notUnassignedFlowInstanceIds: string[];
  /** Gong's request id of each request made, in order. */
  requestIds: string[];
}

/** Options every method takes as its second argument. */
export interface RequestOptions {
  /** Ends the call, including any wait for a retry or the rate limiter, when aborted. */
  signal?: AbortSignal | undefined;
  /** Per-attempt timeout for this call, in milliseconds; overrides the client's `timeoutMs`. */
  timeoutMs?: number | undefined;
  /** Retries for this call; overrides the client's `maxRetries`. */
  maxRetries?: number | undefined;
}
