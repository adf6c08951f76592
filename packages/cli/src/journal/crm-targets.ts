import type { InstanceTable } from "./instance-table.js";
import type { CompactFlow, RequestRecord, UnassignResponseRecord } from "./records.js";

/** by-crm-id: one prospect (and flow, with `--flow`) to take out. */
export interface CrmTarget {
  readonly crmProspectId: string;
  readonly flowId: string | undefined;
  outcome: "pending" | "done" | "unconfirmed";
  run: number;
  /** When Gong's response said it was done: a flow created later was assigned after the call. */
  doneAt?: string | undefined;
}

/** The key of a by-crm-id target. */
export function targetKey(crmProspectId: string, flowId: string | undefined): string {
  return flowId === undefined ? crmProspectId : `${crmProspectId}\u0000${flowId}`;
}

/** The flows of a check listing still assigned to what a target takes out. */
export interface TargetListing {
  /** Reported not unassigned: this run sends nothing more for it. */
  readonly kept: CompactFlow[];
  /** Gong said it took the prospect out, yet an instance older than that response is still there. */
  readonly contradicted: CompactFlow[];
  /** Created after Gong's response: assigned since, not the job's to touch. */
  readonly assignedSince: CompactFlow[];
}

/**
 * Settles a by-crm-id target by a listing of its prospect (`final`: nothing is sent again in this
 * run), and says which of the flows still listed to report, and how.
 */
export function settleTargetByListing(
  target: CrmTarget,
  flows: readonly CompactFlow[],
  final: boolean,
  run: number,
): TargetListing {
  const remaining = flows.filter(
    ([id, prospect, flowId]) =>
      id !== "" && prospect === target.crmProspectId && (target.flowId === undefined || flowId === target.flowId),
  );
  const result: TargetListing = { kept: [], contradicted: [], assignedSince: [] };
  const settle = (outcome: CrmTarget["outcome"]) => {
    target.outcome = outcome;
    target.run = run;
  };
  if (remaining.length === 0) {
    if (target.outcome !== "done") settle("done");
  } else if (target.outcome === "unconfirmed") {
    settle(final ? "done" : "pending");
    // Nothing more is sent in this run: what is still assigned is reported as not unassigned.
    if (final) result.kept.push(...remaining);
  } else if (target.outcome === "done") {
    for (const flow of remaining) {
      const createdAt = flow[4];
      const createdAfter =
        createdAt !== null && target.doneAt !== undefined && Date.parse(createdAt) > Date.parse(target.doneAt);
      (createdAfter ? result.assignedSince : result.contradicted).push(flow);
    }
  }
  return result;
}

/** A by-crm-id request that may have been applied unseen: its target, unless done, is unconfirmed. */
export function markTargetMaybeApplied(targets: Map<string, CrmTarget>, request: RequestRecord, run: number): void {
  const target = targets.get(targetKey(request.ids[0]!, request.flowId));
  if (target !== undefined && target.outcome !== "done") {
    target.outcome = "unconfirmed";
    target.run = run;
  }
}

/**
 * A by-crm-id response: the instances it returned as removed are added to the table as unassigned,
 * and its target is done (or unconfirmed). Returns whether it removed any.
 */
export function applyTargetResponse(
  instances: InstanceTable,
  targets: Map<string, CrmTarget>,
  request: RequestRecord,
  response: UnassignResponseRecord,
  run: number,
): boolean {
  const prospect = request.ids[0]!;
  const target = targets.get(targetKey(prospect, request.flowId));
  for (const id of response.unassigned) {
    const row = instances.add(id, {
      crmProspectId: prospect,
      flowId: request.flowId,
      status: undefined,
      outcome: "unassigned",
      run,
    });
    instances.setOutcome(row, "unassigned", run);
  }
  if (target !== undefined) {
    target.outcome = response.prospectUnconfirmed ? "unconfirmed" : "done";
    target.run = run;
    target.doneAt = response.at;
  }
  return response.unassigned.length > 0;
}
