import { matchesFilter, type FlowFilter } from "../plan/filter.js";
import type { InstanceTable } from "./instance-table.js";

// How a planned instance's outcome moves, by what the journal records: one function per kind of record.
import type { CompactFlow, UnassignResponseRecord } from "./records.js";

/**
 * Settles the planned instances of the listed prospects by a check listing: what is still assigned
 * is still assigned (sent again, or kept assigned when `final` or left out by a response), what is
 * gone is gone. A response that said "removed" and is contradicted is marked so.
 */
export function settleInstancesByListing(
  instances: InstanceTable,
  listed: ReadonlySet<string>,
  stillAssigned: ReadonlyMap<string, CompactFlow>,
  final: boolean,
  run: number,
): void {
  for (const row of instances.rows()) {
    const prospect = instances.prospectAt(row);
    if (prospect === undefined || !listed.has(prospect)) continue;
    settleRow(instances, row, stillAssigned.has(instances.idAt(row)), final, run);
  }
}

/**
 * Settles the listed instances by a listing by flow-instance id: an instance listed in an open status
 * is still assigned; one listed finished, or not listed at all, is no longer assigned.
 */
export function settleInstancesById(
  instances: InstanceTable,
  listed: readonly string[],
  flows: readonly CompactFlow[],
  final: boolean,
  run: number,
): void {
  const open = new Set<string>();
  for (const [id, , , status] of flows) if (id !== "" && isOpenStatus(status)) open.add(id);
  for (const id of listed) {
    const row = instances.indexOf(id);
    if (row !== undefined) settleRow(instances, row, open.has(id), final, run);
  }
}

/**
 * Whether a listed status is an open one: Gong's finished statuses (`Finished`, `FinishedNoReply`,
 * `FinishedResponse`) are not; any other, or none given, is taken as open, so that a status Gong adds
 * later never makes an instance look removed.
 */
export function isOpenStatus(status: string | null): boolean {
  return status === null || !status.startsWith("Finished");
}

/** What a listing says of one planned instance: still assigned (sent again, or kept), or gone. */
function settleRow(instances: InstanceTable, row: number, stillAssigned: boolean, final: boolean, run: number): void {
  const outcome = instances.outcomeAt(row);
  if (stillAssigned) {
    const kept = final || instances.hasFlag(row, "leftOut");
    if (outcome === "unconfirmed") instances.setOutcome(row, kept ? "notUnassigned" : "pending", run);
    else if (outcome === "unassigned") {
      instances.setOutcome(row, "notUnassigned", run);
      instances.setFlag(row, "contradicted");
    }
  } else if (outcome !== "unassigned") {
    instances.setOutcome(row, "unassigned", run);
  }
}

/** The flows a check listing shows assigned to listed prospects, matching the filter, that the plan lacks. */
export function* assignedMeanwhile(
  instances: InstanceTable,
  listed: ReadonlySet<string>,
  stillAssigned: ReadonlyMap<string, CompactFlow>,
  filter: FlowFilter,
): Generator<CompactFlow> {
  for (const flow of stillAssigned.values()) {
    const [id, prospect, flowId, status] = flow;
    if (instances.has(id) || prospect === null || !listed.has(prospect)) continue;
    if (matchesFilter(filter, flowId ?? undefined, status ?? undefined)) yield flow;
  }
}

/** A request carrying these instances may have been applied unseen: each not yet unassigned is unconfirmed. */
export function markInstancesMaybeApplied(instances: InstanceTable, ids: readonly string[], run: number): void {
  for (const id of ids) {
    const row = instances.indexOf(id);
    if (row === undefined) continue;
    instances.setFlag(row, "maybeApplied");
    instances.setFlag(row, "leftOut", false);
    if (instances.outcomeAt(row) !== "unassigned") instances.setOutcome(row, "unconfirmed", run);
  }
}

/**
 * An unassign-by-instance-id response, id by id. An id it leaves out after an earlier request that may
 * have been applied is not "kept assigned" on this response's word: that request may have removed it
 * since. It is unconfirmed until a listing decides.
 */
export function applyInstanceResponse(instances: InstanceTable, response: UnassignResponseRecord, run: number): void {
  for (const [ids, outcome] of [
    [response.notUnassigned, "notUnassigned"],
    [response.unconfirmed, "unconfirmed"],
    [response.unassigned, "unassigned"],
  ] as const) {
    for (const id of ids) {
      const row = instances.indexOf(id);
      if (row === undefined || instances.outcomeAt(row) === "unassigned") continue;
      const leftOut = outcome === "notUnassigned" && instances.hasFlag(row, "maybeApplied");
      if (outcome === "unconfirmed") instances.setFlag(row, "maybeApplied");
      instances.setFlag(row, "leftOut", leftOut);
      instances.setOutcome(row, leftOut ? "unconfirmed" : outcome, run);
    }
  }
}
