import type { GongAttemptHook } from "./attempt-hook.js";
import type { components as documented } from "./generated/documented-schema.js";
import type { components } from "./generated/schema.js";

export type { OperationName } from "./operation-name.js";

/**
 * One flow instance: a prospect's assignment to a Gong Engage flow (Gong's `PublicApiAssignedFlow`).
 * Every field is optional, because Gong's pages promise none of them.
 */
export type AssignedFlow = documented["schemas"]["AssignedFlow"];

/**
 * The status of a flow instance. Gong documents `"Running" | "Pending" | "Paused"`, and these are
 * offered for autocomplete; but Gong adds statuses (its own published spec already lists `Finished`,
 * `FinishedNoReply`, `FinishedResponse`), and the client passes any other string through rather than
 * failing the call, so the type admits any string (`(string & {})`). Compare against the values you
 * handle and keep a default branch. (The spec's raw types, `components` and `paths`, and with them
 * `raw`'s answers, are the spec as written: the documented values only.)
 */
export type FlowInstanceStatus = documented["schemas"]["FlowInstanceStatus"];

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
  /** The flow instances the prospect was removed from, as Gong's final answer lists them. */
  unassignedFlowInstanceIds: string[];
  /** Gong's request id; undefined only if Gong's answer carried none. */
  requestId: string | undefined;
  /**
   * Present (and `true`) when an earlier attempt of this call got no usable answer (a timeout, a
   * connection lost after sending, a 5xx): Gong may have removed the prospect from flows then, which
   * the final answer does not list. List the prospect's flows to know where it stands.
   */
  unconfirmed?: true;
}

/**
 * Result of {@link GongFlowsClient.unassignByFlowInstanceIds}. Every distinct id given is in exactly
 * one of the three lists.
 */
export interface UnassignByFlowInstanceIdsResult {
  /** The flow instances prospects were removed from. */
  unassignedFlowInstanceIds: string[];
  /** Ids Gong answered for but did not return: Gong keeps these prospects assigned. */
  notUnassignedFlowInstanceIds: string[];
  /**
   * Ids that may or may not have been removed: Gong's final answer did not return them, but an earlier
   * attempt of their request got no usable answer (a timeout, a connection lost after sending, a 5xx),
   * and Gong may have removed them then. List the prospects to know.
   */
  unconfirmedFlowInstanceIds: string[];
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
  /**
   * Extra headers for this call's requests (a tracing id, say), set after the client's own, so they
   * win over them; `authorization` is refused: the client's `auth` decides it.
   */
  headers?: Record<string, string> | undefined;
  /** Receives this call's attempt events, after the client's own `onAttempt` (see `GongAttemptEvent`). */
  onAttempt?: GongAttemptHook | undefined;
}
