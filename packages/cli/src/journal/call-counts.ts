import type { RequestKind } from "./records.js";

/** Calls made, per operation: every attempt that left counts, retries included. */
export interface CallCounts {
  /** Calls of `POST /v2/flows/prospects`. */
  listAssignedFlows: number;
  /** Calls of `POST /v2/flows/prospects/unassign-flows-by-crm-id`. */
  unassignFlowsByCrmProspectId: number;
  /** Calls of `POST /v2/flows/prospects/unassign-flows-by-instance-id`. */
  unassignFlowsByFlowInstanceIds: number;
  /** All calls: the sum of the three. */
  total: number;
}

/** The UTC day of an ISO timestamp or a time, as `YYYY-MM-DD`: the daily budget's unit. */
export function utcDay(time: string | number | Date): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** Counts one attempt of a request of `kind` that left at `at`, per operation and per UTC day. */
export function countCall(calls: CallCounts, byDay: Map<string, number>, kind: RequestKind, at: string): void {
  if (kind === "plan-list" || kind === "check-list" || kind === "instance-list") calls.listAssignedFlows += 1;
  else if (kind === "unassign-by-crm-id") calls.unassignFlowsByCrmProspectId += 1;
  else if (kind === "unassign-by-instance-id") calls.unassignFlowsByFlowInstanceIds += 1;
  calls.total += 1;
  countDay(byDay, at);
}

/** Counts one call on the UTC day of `at`. */
export function countDay(byDay: Map<string, number>, at: string): void {
  const day = utcDay(at);
  byDay.set(day, (byDay.get(day) ?? 0) + 1);
}
