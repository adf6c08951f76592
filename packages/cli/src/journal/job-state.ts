import { matchesFilter, type FlowFilter } from "../plan/filter.js";
import type { Strategy } from "../plan/cost.js";
import type { AnswerRecord, CompactFlow, JournalRecord, RequestKind, RequestRecord } from "./records.js";

/**
 * Where a planned flow instance stands.
 *
 * - `pending`: not sent yet, or known to be still assigned and due to be sent (again).
 * - `unassigned`: Gong returned it as removed, or a listing shows it no longer assigned.
 * - `notUnassigned`: Gong answered and did not return it (Gong keeps that prospect assigned), or a
 *   final listing shows it still assigned.
 * - `unconfirmed`: a request carrying it may or may not have been applied (its answer was lost, or
 *   the process died while it was in flight); listing its prospect settles it.
 */
export type InstanceOutcome = "pending" | "unassigned" | "notUnassigned" | "unconfirmed";

/** One planned flow instance. */
export interface PlannedInstance {
  readonly crmProspectId: string | undefined;
  readonly flowId: string | undefined;
  readonly status: string | undefined;
  outcome: InstanceOutcome;
  /** The run in which the outcome was last set. */
  run: number;
  /** True when the last listing contradicted Gong's earlier answer (it said removed; the list still has it). */
  contradicted?: boolean;
}

/** by-crm-id: one prospect (and flow, with `--flow`) to take out. */
export interface CrmTarget {
  readonly crmProspectId: string;
  readonly flowId: string | undefined;
  outcome: "pending" | "done" | "unconfirmed";
  run: number;
  /** When Gong's answer said it was done: a flow created later was assigned after the call. */
  doneAt?: string | undefined;
}

/** Calls made, per operation: every attempt that left counts, retries included. */
export interface CallCounts {
  listAssignedFlows: number;
  unassignFlowsByCrmProspectId: number;
  unassignFlowsByFlowInstanceIds: number;
  total: number;
}

interface OpenRequest {
  readonly record: RequestRecord;
  attempts: number;
}

/** The key of a by-crm-id target. */
export function targetKey(crmProspectId: string, flowId: string | undefined): string {
  return flowId === undefined ? crmProspectId : `${crmProspectId}\u0000${flowId}`;
}

/** The UTC day of an ISO timestamp or a time, as `YYYY-MM-DD`: the daily budget's unit. */
export function utcDay(time: string | number | Date): string {
  return new Date(time).toISOString().slice(0, 10);
}

/**
 * A job's state, rebuilt from its journal record by record ({@link JobState.apply}) and kept up to
 * date the same way while it runs: the journal is the only truth, and replaying it gives exactly the
 * state the run had when it wrote its last record.
 */
export class JobState {
  readonly filter: FlowFilter;
  readonly strategy: Strategy;
  readonly mode: "prospects" | "flow-instances";
  /** The input prospects (prospect mode) in input order. */
  readonly prospects: readonly string[];
  /** Current run number (1 for the first run of the journal). */
  run = 0;
  /** Set by a `planned` record: every input prospect has been listed once. */
  planned = false;
  readonly instances = new Map<string, PlannedInstance>();
  readonly targets = new Map<string, CrmTarget>();
  /** Prospects whose planning listing has an answer. */
  readonly listedProspects = new Set<string>();
  /** Prospects the planning listing found in at least one flow (any flow, filter or not). */
  readonly prospectsInFlows = new Set<string>();
  readonly flowNames = new Map<string, string>();
  /** Flow instances assigned to the job's prospects, matching the filter, but not in the plan (seen by a later listing). */
  readonly assignedDuringRun = new Map<string, CompactFlow>();
  /** Flows Gong listed without a flowInstanceId: they cannot be unassigned by id. */
  flowsWithoutInstanceId = 0;
  readonly calls: CallCounts = { listAssignedFlows: 0, unassignFlowsByCrmProspectId: 0, unassignFlowsByFlowInstanceIds: 0, total: 0 };
  readonly callsByDay = new Map<string, number>();
  readonly requestIds: string[] = [];
  readonly openRequests = new Map<number, OpenRequest>();
  nextSeq = 1;
  runsStarted = 0;
  firstStartedAt: string | undefined;

  constructor(init: {
    filter: FlowFilter;
    strategy: Strategy;
    mode: "prospects" | "flow-instances";
    entries: readonly { id: string; crmProspectId?: string | undefined }[];
  }) {
    this.filter = init.filter;
    this.strategy = init.strategy;
    this.mode = init.mode;
    if (init.mode === "flow-instances") {
      this.prospects = [];
      for (const entry of init.entries) {
        this.instances.set(entry.id, { crmProspectId: entry.crmProspectId, flowId: undefined, status: undefined, outcome: "pending", run: 0 });
      }
      this.planned = true;
    } else {
      this.prospects = init.entries.map((e) => e.id);
      if (init.strategy === "by-crm-id") {
        const flows = init.filter.flowIds.length === 0 ? [undefined] : init.filter.flowIds;
        for (const prospect of this.prospects) {
          for (const flowId of flows) this.targets.set(targetKey(prospect, flowId), { crmProspectId: prospect, flowId, outcome: "pending", run: 0 });
        }
        this.planned = true;
      }
    }
  }

  /** Calls made on the UTC day `day` (all runs of this journal). */
  callsOn(day: string): number {
    return this.callsByDay.get(day) ?? 0;
  }

  /** Applies one journal record. */
  apply(record: JournalRecord): void {
    switch (record.type) {
      case "start":
        this.run = record.run;
        this.runsStarted += 1;
        this.firstStartedAt ??= record.at;
        this.settleOrphans();
        return;
      case "request":
        this.openRequests.set(record.seq, { record, attempts: 0 });
        if (record.seq >= this.nextSeq) this.nextSeq = record.seq + 1;
        return;
      case "attempt": {
        const open = this.openRequests.get(record.seq);
        if (open === undefined) return;
        open.attempts += 1;
        this.countCall(open.record.kind, record.at);
        return;
      }
      case "answer":
        this.applyAnswer(record);
        return;
      case "planned":
        this.planned = true;
        return;
      case "end":
        return;
    }
  }

  private countCall(kind: RequestKind, at: string): void {
    if (kind === "plan-list" || kind === "check-list") this.calls.listAssignedFlows += 1;
    else if (kind === "unassign-by-crm-id") this.calls.unassignFlowsByCrmProspectId += 1;
    else this.calls.unassignFlowsByFlowInstanceIds += 1;
    this.calls.total += 1;
    const day = utcDay(at);
    this.callsByDay.set(day, (this.callsByDay.get(day) ?? 0) + 1);
  }

  /**
   * A new run starts: requests of earlier runs that never got an answer record (the process died)
   * are settled. One with no attempt never left: its ids are simply still to do. One with an
   * attempt may have been applied: its ids become unconfirmed, to be settled by listing their
   * prospects rather than by sending them again blindly.
   */
  private settleOrphans(): void {
    for (const [seq, open] of this.openRequests) {
      this.openRequests.delete(seq);
      if (open.attempts === 0) continue;
      this.markMaybeApplied(open.record);
    }
  }

  private markMaybeApplied(request: RequestRecord): void {
    if (request.kind === "unassign-by-instance-id") {
      for (const id of request.ids) {
        const instance = this.instances.get(id);
        if (instance !== undefined && instance.outcome !== "unassigned") this.setOutcome(instance, "unconfirmed");
      }
    } else if (request.kind === "unassign-by-crm-id") {
      const target = this.targets.get(targetKey(request.ids[0]!, request.flowId));
      if (target !== undefined && target.outcome !== "done") {
        target.outcome = "unconfirmed";
        target.run = this.run;
      }
    }
  }

  private setOutcome(instance: PlannedInstance, outcome: InstanceOutcome): void {
    instance.outcome = outcome;
    instance.run = this.run;
  }

  private applyAnswer(answer: AnswerRecord): void {
    const open = this.openRequests.get(answer.seq);
    if (open === undefined) return;
    this.openRequests.delete(answer.seq);
    const request = open.record;
    if (!answer.ok) {
      if (answer.applied === "maybe") this.markMaybeApplied(request);
      return;
    }
    this.requestIds.push(...answer.requestIds);
    if ("flows" in answer) {
      for (const [id, name] of Object.entries(answer.flowNames)) this.flowNames.set(id, name);
      if (request.kind === "plan-list") this.applyPlanListing(request, answer.flows);
      else this.applyCheckListing(request, answer.flows);
      return;
    }
    if (request.kind === "unassign-by-crm-id") {
      const prospect = request.ids[0]!;
      const target = this.targets.get(targetKey(prospect, request.flowId));
      for (const id of answer.unassigned) {
        const known = this.instances.get(id);
        if (known === undefined) {
          this.instances.set(id, { crmProspectId: prospect, flowId: request.flowId, status: undefined, outcome: "unassigned", run: this.run });
        } else this.setOutcome(known, "unassigned");
      }
      if (answer.unassigned.length > 0) this.prospectsInFlows.add(prospect);
      if (target !== undefined) {
        target.outcome = answer.prospectUnconfirmed ? "unconfirmed" : "done";
        target.run = this.run;
        target.doneAt = answer.at;
      }
      return;
    }
    const apply = (ids: readonly string[], outcome: InstanceOutcome) => {
      for (const id of ids) {
        const instance = this.instances.get(id);
        if (instance !== undefined && instance.outcome !== "unassigned") this.setOutcome(instance, outcome);
      }
    };
    apply(answer.notUnassigned, "notUnassigned");
    apply(answer.unconfirmed, "unconfirmed");
    apply(answer.unassigned, "unassigned");
  }

  private applyPlanListing(request: RequestRecord, flows: readonly CompactFlow[]): void {
    for (const prospect of request.ids) this.listedProspects.add(prospect);
    for (const [id, prospect, flowId, status] of flows) {
      if (prospect !== null) this.prospectsInFlows.add(prospect);
      if (!matchesFilter(this.filter, flowId ?? undefined, status ?? undefined)) continue;
      if (id === "") {
        this.flowsWithoutInstanceId += 1;
        continue;
      }
      if (!this.instances.has(id)) {
        this.instances.set(id, { crmProspectId: prospect ?? undefined, flowId: flowId ?? undefined, status: status ?? undefined, outcome: "pending", run: this.run });
      }
    }
  }

  /** by-crm-id: a flow instance a listing shows still assigned to a prospect the job took out. */
  private markStillAssigned(flow: CompactFlow): PlannedInstance {
    const [id, prospect, flowId, status] = flow;
    let instance = this.instances.get(id);
    if (instance === undefined) {
      instance = { crmProspectId: prospect ?? undefined, flowId: flowId ?? undefined, status: status ?? undefined, outcome: "notUnassigned", run: this.run };
      this.instances.set(id, instance);
    }
    this.setOutcome(instance, "notUnassigned");
    return instance;
  }

  /**
   * A listing made to settle or verify: for the listed prospects, what is still assigned is still
   * assigned, and what is gone is gone.
   */
  private applyCheckListing(request: RequestRecord, flows: readonly CompactFlow[]): void {
    const listed = new Set(request.ids);
    const stillAssigned = new Map<string, CompactFlow>();
    for (const flow of flows) if (flow[0] !== "") stillAssigned.set(flow[0], flow);
    for (const [id, instance] of this.instances) {
      if (instance.crmProspectId === undefined || !listed.has(instance.crmProspectId)) continue;
      if (stillAssigned.has(id)) {
        if (instance.outcome === "unconfirmed") this.setOutcome(instance, request.final ? "notUnassigned" : "pending");
        else if (instance.outcome === "unassigned") {
          this.setOutcome(instance, "notUnassigned");
          instance.contradicted = true;
        }
      } else if (instance.outcome !== "unassigned") {
        this.setOutcome(instance, "unassigned");
      }
    }
    for (const target of this.targets.values()) {
      if (!listed.has(target.crmProspectId)) continue;
      const remaining = flows.filter(([id, prospect, flowId]) => id !== "" && prospect === target.crmProspectId && (target.flowId === undefined || flowId === target.flowId));
      if (remaining.length === 0) {
        if (target.outcome !== "done") {
          target.outcome = "done";
          target.run = this.run;
        }
      } else if (target.outcome === "unconfirmed" && !request.final) {
        target.outcome = "pending";
        target.run = this.run;
      } else if (target.outcome === "unconfirmed") {
        // Nothing more is sent in this run: what is still assigned is reported as not unassigned.
        target.outcome = "done";
        target.run = this.run;
        for (const flow of remaining) this.markStillAssigned(flow);
      } else if (target.outcome === "done") {
        // Gong said it took the prospect out, yet the prospect is listed in the flow: a flow instance
        // created after that answer was assigned since; an older one was not removed.
        for (const flow of remaining) {
          const [id, , , , createdAt] = flow;
          const createdAfter = createdAt !== null && target.doneAt !== undefined && Date.parse(createdAt) > Date.parse(target.doneAt);
          if (createdAfter) this.assignedDuringRun.set(id, flow);
          else this.markStillAssigned(flow).contradicted = true;
        }
      }
    }
    if (this.mode === "prospects" && this.strategy === "list-then-batch") {
      for (const flow of stillAssigned.values()) {
        const [id, prospect, flowId, status] = flow;
        if (this.instances.has(id) || prospect === null || !listed.has(prospect)) continue;
        if (matchesFilter(this.filter, flowId ?? undefined, status ?? undefined)) this.assignedDuringRun.set(id, flow);
      }
    }
  }
}
