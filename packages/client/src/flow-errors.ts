import { describeApiError, GongApiError, type GongApiErrorInit, GongError } from "./errors.js";
import type { BulkAssignment } from "./types-flows.js";

/**
 * Gong answered 404 to a flow-steps request: one of its flow ids is unknown, and Gong then returns no
 * flow of that request. `flowIds` are the ids that request carried; `unknownFlowIds` those of them
 * that Gong's error messages name (empty when they name none: then any of `flowIds` may be the one).
 */
export class GongUnknownFlowsError extends GongApiError {
  /** `"GongUnknownFlowsError"`: the class's name, which a bundler that renames classes does not change. */
  override name = "GongUnknownFlowsError";
  /** The flow ids of the request Gong refused. */
  declare readonly flowIds: readonly string[];
  /** The part of `flowIds` Gong's error messages name as unknown; empty when they name none. */
  declare readonly unknownFlowIds: readonly string[];

  /** `message`: what Gong answered (by default, from `init`); the flow ids are added to it. */
  constructor(
    init: GongApiErrorInit & { flowIds: readonly string[]; unknownFlowIds: readonly string[] },
    message = describeApiError(init),
  ) {
    const named = init.unknownFlowIds.length ? `unknown: ${init.unknownFlowIds.join(", ")}` : "Gong did not say which";
    super(init, `${message} (${init.flowIds.length} flow ids asked for; ${named})`);
    Object.assign(this, {
      flowIds: Object.freeze([...init.flowIds]),
      unknownFlowIds: Object.freeze([...init.unknownFlowIds]),
    });
  }

  /** The typed form of a 404 answer to a request that carried `flowIds`. */
  static of(error: GongApiError, flowIds: readonly string[]): GongUnknownFlowsError {
    // An id counts as named when it is a whole word of a message, not part of a longer id.
    const words = new Set(error.errors.flatMap((text) => text.split(/[^\w-]+/)));
    const unknownFlowIds = flowIds.filter((id) => words.has(id));
    const { status, operation, requestId, errors, headers, message } = error;
    return new GongUnknownFlowsError(
      { status, operation, requestId, errors, headers, flowIds, unknownFlowIds },
      message,
    );
  }
}

/**
 * `waitForBulkAssignment` reached its deadline before the job finished. The job goes on at Gong:
 * `job` is the last state seen (undefined when no poll was answered), `jobId` its id; poll it again
 * with `getBulkAssignment` to follow it.
 */
export class GongBulkAssignmentTimeoutError extends GongError {
  /** `"GongBulkAssignmentTimeoutError"`: the class's name, which a bundler that renames classes does not change. */
  override name = "GongBulkAssignmentTimeoutError";
  /** The bulk assignment's id. */
  declare readonly jobId: string;
  /** The job as the last answered poll returned it. */
  declare readonly job: BulkAssignment | undefined;
  /** The deadline that passed, in ms. */
  declare readonly timeoutMs: number;

  constructor(init: { jobId: string; job: BulkAssignment | undefined; timeoutMs: number }) {
    const status = init.job?.status ? `still ${init.job.status}` : "no poll answered";
    super(`bulk assignment ${init.jobId} did not finish within ${init.timeoutMs} ms (${status}); it goes on at Gong`, {
      operation: "getBulkAssignment",
    });
    Object.assign(this, init);
  }
}
