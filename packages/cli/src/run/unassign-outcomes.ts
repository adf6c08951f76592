import type { CallCounts, JobState } from "../journal/job-state.js";

/** True when this run sent an unassign request. */
export function wroteSince(state: JobState, callsAtStart: CallCounts): boolean {
  return (
    state.calls.unassignFlowsByCrmProspectId + state.calls.unassignFlowsByFlowInstanceIds >
    callsAtStart.unassignFlowsByCrmProspectId + callsAtStart.unassignFlowsByFlowInstanceIds
  );
}

/** True when every planned instance is unassigned, every prospect called, and every prospect listed. */
export function everythingUnassigned(state: JobState): boolean {
  for (const instance of state.instances.values()) if (instance.outcome !== "unassigned") return false;
  for (const target of state.targets.values()) if (target.outcome !== "done") return false;
  return !(
    state.mode === "prospects" &&
    state.strategy === "list-then-batch" &&
    state.prospects.some((p) => !state.listedProspects.has(p))
  );
}

export function hasUnconfirmed(state: JobState): boolean {
  for (const instance of state.instances.values()) if (instance.outcome === "unconfirmed") return true;
  for (const target of state.targets.values()) if (target.outcome === "unconfirmed") return true;
  return false;
}
