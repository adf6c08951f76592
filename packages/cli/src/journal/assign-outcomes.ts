// How a prospect's assignment moves, by what the journal records: one function per kind of record.
import type { AssignResponseRecord, CompactFlow } from "./records.js";

/**
 * Where a prospect of an assign job stands: still to send; in the flow before the job assigned it;
 * assigned by the job; not assigned (with Gong's error code); or unknown (a response was lost).
 */
export type AssignOutcome = "pending" | "alreadyInFlow" | "assigned" | "notAssigned" | "unconfirmed";

/** One prospect of an assign job. */
export interface ProspectAssignment {
  outcome: AssignOutcome;
  /** Its flow instance in the job's flow, once known. */
  flowInstanceId: string | undefined;
  /** Gong's error code and message, when Gong did not assign it. */
  errorCode: string | undefined;
  errorMessage: string | undefined;
  /** A request carrying it may have been applied without the job seeing the response. */
  maybeApplied: boolean;
  /**
   * Gong answered "not assigned" after such a request: that answer alone does not settle it (the
   * earlier request may have assigned it), but a listing that does not find it in the flow does.
   */
  leftOut: boolean;
  /** The run of its last change. */
  run: number;
}

/** A prospect still to send. */
export function pendingAssignment(): ProspectAssignment {
  return {
    outcome: "pending",
    flowInstanceId: undefined,
    errorCode: undefined,
    errorMessage: undefined,
    maybeApplied: false,
    leftOut: false,
    run: 0,
  };
}

/** True once the prospect is in the flow: assigned by the job, or before it. */
export function isInFlow(assignment: ProspectAssignment): boolean {
  return assignment.outcome === "assigned" || assignment.outcome === "alreadyInFlow";
}

/** The flow instance of each listed prospect in `flowId` (prospects in the input's terms). */
export function instancesInFlow(flows: readonly CompactFlow[], flowId: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const [id, prospect, flow] of flows) if (prospect !== null && flow === flowId) found.set(prospect, id);
  return found;
}

/** The planning listing: a prospect already in the flow is not sent. */
export function settleByPlanListing(
  assignments: ReadonlyMap<string, ProspectAssignment>,
  found: ReadonlyMap<string, string>,
  run: number,
): void {
  for (const [prospect, flowInstanceId] of found) {
    const assignment = assignments.get(prospect);
    if (assignment?.outcome !== "pending") continue;
    Object.assign(assignment, { outcome: "alreadyInFlow", flowInstanceId, run });
  }
}

/**
 * A listing made to settle or verify: a listed prospect found in the flow is in it (and never sent
 * again); one whose outcome was unknown and is not found is sent again, or, when `final` or when
 * Gong had answered "not assigned", is not assigned.
 */
export function settleByCheckListing(
  assignments: ReadonlyMap<string, ProspectAssignment>,
  listed: readonly string[],
  found: ReadonlyMap<string, string>,
  final: boolean,
  run: number,
): void {
  for (const prospect of listed) {
    const assignment = assignments.get(prospect);
    if (assignment === undefined || isInFlow(assignment)) continue;
    const flowInstanceId = found.get(prospect);
    if (flowInstanceId !== undefined) {
      // Found in the flow: a request of the job put it there, or, never sent, someone else did.
      const outcome = assignment.maybeApplied ? "assigned" : "alreadyInFlow";
      Object.assign(assignment, { outcome, flowInstanceId, errorCode: undefined, errorMessage: undefined, run });
    } else if (assignment.outcome === "unconfirmed") {
      const kept = final || assignment.leftOut;
      Object.assign(assignment, { outcome: kept ? "notAssigned" : "pending", run });
    }
  }
}

/** A request carrying these prospects may have been applied unseen: each not yet in the flow is unconfirmed. */
export function markAssignMaybeApplied(
  assignments: ReadonlyMap<string, ProspectAssignment>,
  prospects: readonly string[],
  run: number,
): void {
  for (const prospect of prospects) {
    const assignment = assignments.get(prospect);
    if (assignment === undefined) continue;
    assignment.maybeApplied = true;
    assignment.leftOut = false;
    if (!isInFlow(assignment)) Object.assign(assignment, { outcome: "unconfirmed", run });
  }
}

/**
 * An assign response, prospect by prospect (ids in the input's terms). A prospect Gong answers "not
 * assigned" after a request that may have assigned it is unconfirmed until a listing decides; a
 * prospect of the request the response does not mention is unconfirmed too.
 */
export function applyAssignResponse(
  assignments: ReadonlyMap<string, ProspectAssignment>,
  requested: readonly string[],
  response: AssignResponseRecord,
  inputIdOf: (listed: string) => string | undefined,
  run: number,
): void {
  const mentioned = new Set<string>();
  const at = (listed: string) => {
    const prospect = inputIdOf(listed);
    if (prospect !== undefined) mentioned.add(prospect);
    return prospect === undefined ? undefined : assignments.get(prospect);
  };
  for (const [listed, flowInstanceId] of response.assigned) {
    const assignment = at(listed);
    if (assignment === undefined) continue;
    const instance = flowInstanceId ?? undefined;
    Object.assign(assignment, { outcome: "assigned", flowInstanceId: instance, errorCode: undefined, run });
  }
  for (const [listed, errorCode, errorMessage] of response.notAssigned) {
    const assignment = at(listed);
    if (assignment === undefined || isInFlow(assignment)) continue;
    const leftOut = assignment.maybeApplied;
    const error = { errorCode: errorCode ?? undefined, errorMessage: errorMessage ?? undefined };
    Object.assign(assignment, { outcome: leftOut ? "unconfirmed" : "notAssigned", leftOut, ...error, run });
  }
  const unknown = [...response.unconfirmed, ...requested.filter((prospect) => !mentioned.has(prospect))];
  markAssignMaybeApplied(assignments, unknown, run);
}
