import type { MockOperationName } from "./routes.js";
import { operationNames } from "./routes.js";
import type { FlowInstanceStore } from "./store.js";

/** What the mock has seen: `GET /_mock/stats` responds with exactly this. */
export interface GongMockStats {
  /** Calls of each operation (every call, whatever its answer), and of all of them. */
  calls: Record<MockOperationName, number> & { total: number };
  /** Answers of the operations by status (`"200"`, `"400"`, …). */
  statuses: Record<string, number>;
  /** Flow instances still assigned, and unassigned by a call. */
  flowInstances: { assigned: number; unassigned: number };
  /**
   * Ids sent to unassign-by-instance-id that an earlier call had already unassigned (distinct ids per
   * call; unknown ids are not counted). 0 proves that a clean-up never sent an id twice.
   */
  alreadyUnassignedIdsSent: number;
}

/** The counters behind {@link GongMockStats}, changed as requests come and go. */
export interface MockCounts {
  calls: GongMockStats["calls"];
  statuses: Record<string, number>;
  alreadyUnassignedIdsSent: number;
}

/** Every counter at zero. */
export function emptyCounts(): MockCounts {
  const calls = { total: 0 } as GongMockStats["calls"];
  for (const name of operationNames) calls[name] = 0;
  return { calls, statuses: {}, alreadyUnassignedIdsSent: 0 };
}

/** Counts a request of `operation` as it arrives. */
export function countRequest(counts: MockCounts, operation: MockOperationName): void {
  counts.calls[operation]++;
  counts.calls.total++;
}

/** Counts a response by its status. */
export function countResponse(counts: MockCounts, response: Response): void {
  const status = String(response.status);
  counts.statuses[status] = (counts.statuses[status] ?? 0) + 1;
}

/** A copy of the counters, with the flow instances counted now. */
export function statsOf(counts: MockCounts, flowInstances: FlowInstanceStore): GongMockStats {
  return {
    calls: { ...counts.calls },
    statuses: { ...counts.statuses },
    flowInstances: flowInstances.counts(),
    alreadyUnassignedIdsSent: counts.alreadyUnassignedIdsSent,
  };
}
