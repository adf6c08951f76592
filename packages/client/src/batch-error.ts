import { GongError } from "./errors.js";
import type { AssignedFlow, OperationName } from "./types.js";
import type { AssignmentFailure, FlowWithSteps } from "./types-flows.js";

/** What the requests of a batched call that did complete had returned when a later request failed. */
export interface GongBatchErrorInit {
  /** The operation the call was for. */
  operation: OperationName;
  /** The error of the request that failed. */
  cause: GongError;
  /** Ids in requests that Gong answered successfully. */
  processedIds: readonly string[];
  /** Ids never sent, or sent in a request that failed. */
  unprocessedIds: readonly string[];
  /** The part of `unprocessedIds` whose failed request may have been carried out. */
  outcomeUnknownIds?: readonly string[];
  /** Request ids of the requests Gong answered successfully. */
  requestIds: readonly string[];
  /** For `unassignByFlowInstanceIds`: the processed ids Gong removed. */
  unassignedFlowInstanceIds?: readonly string[];
  /** For `unassignByFlowInstanceIds`: the processed ids Gong answered for but kept assigned. */
  notUnassignedFlowInstanceIds?: readonly string[];
  /** For `unassignByFlowInstanceIds`: the processed ids whose removal could not be observed (list the prospect to know). */
  unconfirmedFlowInstanceIds?: readonly string[];
  /** For `listAssignedFlows`: the flows of the processed prospects. */
  flows?: readonly AssignedFlow[];
  /** For `assignProspects`: the flow instances created for processed prospects. */
  assigned?: readonly AssignedFlow[];
  /** For `assignProspects`: the processed prospects Gong did not assign, with its error codes. */
  notAssigned?: readonly AssignmentFailure[];
  /** For `assignProspects`: the processed prospects Gong's answer named in neither list. */
  unconfirmedCrmProspectIds?: readonly string[];
  /** For `getFlowSteps`: the flows of the processed ids, with their steps. */
  flowsWithSteps?: readonly FlowWithSteps[];
}

const batchLists = [
  "processedIds",
  "unprocessedIds",
  "outcomeUnknownIds",
  "requestIds",
  "unassignedFlowInstanceIds",
  "notUnassignedFlowInstanceIds",
  "unconfirmedFlowInstanceIds",
  "flows",
  "assigned",
  "notAssigned",
  "unconfirmedCrmProspectIds",
  "flowsWithSteps",
] as const;

/**
 * A call that the client split into several requests failed part-way, after each failing request's
 * retries: it says exactly what was done and what was not, so that no id is lost.
 *
 * - `cause`: the error of the request that failed (a {@link GongError}).
 * - `processedIds` / `unprocessedIds`: every input id is in exactly one of the two. An unprocessed id was
 *   never sent (its request was still waiting when the batch stopped), or was in a request that failed.
 * - `outcomeUnknownIds`: the unprocessed ids whose request may have been carried out all the same (an
 *   attempt timed out, lost its connection after sending, or got a 5xx or an answer that breaks the
 *   spec). The other unprocessed ids certainly had no effect.
 * - For `unassignByFlowInstanceIds`, `processedIds` is split further, each id in exactly one list:
 *   `unassignedFlowInstanceIds` (removed), `notUnassignedFlowInstanceIds` (Gong answered but kept the
 *   prospect assigned) and `unconfirmedFlowInstanceIds` (not returned by an answer to a retry after an
 *   attempt whose outcome is unknown: may or may not have been removed; list the prospect to know).
 * - For `listAssignedFlows`, `flows` holds the flows of the processed prospects.
 * - For `assignProspects`, every processed id is in exactly one of `assigned` (by its flow instance's
 *   `crmProspectId`), `notAssigned` and `unconfirmedCrmProspectIds`.
 * - For `getFlowSteps`, `flowsWithSteps` holds the flows of the processed ids.
 *
 * `JSON.stringify` keeps every list, `flows` included, and the cause.
 */
export class GongBatchError extends GongError {
  /** `"GongBatchError"`: the class's name, which a bundler that renames classes does not change. */
  override name = "GongBatchError";
  /** The operation the call was for. */
  declare readonly operation: OperationName;
  /** The error of the request that failed, after its retries. */
  declare readonly cause: GongError;
  /** Ids in requests that Gong answered successfully. */
  declare readonly processedIds: readonly string[];
  /** Ids never sent, or sent in a request that failed; with `processedIds`, every input id once. */
  declare readonly unprocessedIds: readonly string[];
  /** The part of `unprocessedIds` whose failed request may have been carried out all the same. */
  declare readonly outcomeUnknownIds: readonly string[];
  /** Gong's request ids of the requests it answered successfully. */
  declare readonly requestIds: readonly string[];
  /** For `unassignByFlowInstanceIds`: the processed ids Gong removed. */
  declare readonly unassignedFlowInstanceIds: readonly string[];
  /** For `unassignByFlowInstanceIds`: the processed ids Gong answered for but kept assigned. */
  declare readonly notUnassignedFlowInstanceIds: readonly string[];
  /** For `unassignByFlowInstanceIds`: the processed ids whose removal could not be observed (list the prospect to know). */
  declare readonly unconfirmedFlowInstanceIds: readonly string[];
  /** For `listAssignedFlows`: the flows of the processed prospects. */
  declare readonly flows: readonly AssignedFlow[];
  /** For `assignProspects`: the flow instances created for processed prospects. */
  declare readonly assigned: readonly AssignedFlow[];
  /** For `assignProspects`: the processed prospects Gong did not assign, with its error codes. */
  declare readonly notAssigned: readonly AssignmentFailure[];
  /** For `assignProspects`: the processed prospects Gong's answer named in neither list (outcome unknown). */
  declare readonly unconfirmedCrmProspectIds: readonly string[];
  /** For `getFlowSteps`: the flows of the processed ids, with their steps. */
  declare readonly flowsWithSteps: readonly FlowWithSteps[];

  constructor(init: GongBatchErrorInit) {
    const unknown = init.outcomeUnknownIds?.length;
    super(
      `${init.operation} failed part-way: ${init.processedIds.length} of ${init.processedIds.length + init.unprocessedIds.length} ids processed` +
        `${unknown ? `, ${unknown} of unknown outcome` : ""}. Cause: ${init.cause.message}`,
      { operation: init.operation },
    );
    // The cause is a public field (so that JSON.stringify keeps it), and every list is frozen.
    Object.assign(this, { cause: init.cause });
    for (const list of batchLists) Object.assign(this, { [list]: Object.freeze([...(init[list] ?? [])]) });
  }
}
