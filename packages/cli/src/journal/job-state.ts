import { matchesFilter, type FlowFilter } from "../plan/filter.js";
import type { Strategy } from "../plan/cost.js";
import { ProspectMatcher } from "../plan/prospect-match.js";
import { InstanceTable, type InstanceOutcome } from "./instance-table.js";
import type { AnswerRecord, CompactFlow, JournalRecord, RequestKind, RequestRecord } from "./records.js";

export type { InstanceOutcome, PlannedInstance } from "./instance-table.js";

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
  /** Calls of `POST /v2/flows/prospects`. */
  listAssignedFlows: number;
  /** Calls of `POST /v2/flows/prospects/unassign-flows-by-crm-id`. */
  unassignFlowsByCrmProspectId: number;
  /** Calls of `POST /v2/flows/prospects/unassign-flows-by-instance-id`. */
  unassignFlowsByFlowInstanceIds: number;
  /** All calls: the sum of the three. */
  total: number;
}

interface OpenRequest {
  readonly record: RequestRecord;
  attempts: number;
}

const listedFlag = 1;
const inFlowsFlag = 2;

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
  /** The planned instances. Read them anywhere; change them only through {@link JobState.apply}. */
  readonly instances = new InstanceTable();
  readonly targets = new Map<string, CrmTarget>();
  /**
   * Every prospect the job knows — the input's, and any other a listing names — with its flags, in
   * one map that also gives each its one string: `(index << 2) | flags`, the index into
   * {@link JobState.prospects} or, past its end, into the prospects only Gong named.
   */
  readonly #prospects = new Map<string, number>();
  readonly #otherProspects: string[] = [];
  /** Prospects whose planning listing has an answer. */
  readonly listedProspects = this.#flagView(listedFlag);
  /** Prospects the planning listing found in at least one flow (any flow, filter or not). */
  readonly prospectsInFlows = this.#flagView(inFlowsFlag);
  readonly flowNames = new Map<string, string>();
  /** Flow instances assigned to the job's prospects, matching the filter, but not in the plan (seen by a later listing). */
  readonly assignedDuringRun = new Map<string, CompactFlow>();
  /**
   * Flow instances a planning listing named for a prospect the input does not name (by id, in its
   * order): never planned, never touched, reported in a list of their own.
   */
  readonly outsideInput = new Map<string, { readonly crmProspectId: string | undefined }>();
  /** Flows Gong listed without a flowInstanceId: they cannot be unassigned by id. */
  flowsWithoutInstanceId = 0;
  /** Matches the prospect ids a listing names to the input's (a Salesforce id's 15- and 18-character forms). */
  readonly #matcher: ProspectMatcher | undefined;
  readonly calls: CallCounts = { listAssignedFlows: 0, unassignFlowsByCrmProspectId: 0, unassignFlowsByFlowInstanceIds: 0, total: 0 };
  readonly callsByDay = new Map<string, number>();
  readonly requestIds: string[] = [];
  readonly openRequests = new Map<number, OpenRequest>();
  nextSeq = 1;
  runsStarted = 0;
  firstStartedAt: string | undefined;
  /**
   * One copy of each repeated flow id and status: a listing of 100,000 prospects brings 200,000
   * copies of each otherwise. (Prospect ids get theirs from {@link JobState.#prospects}.)
   */
  readonly #strings = new Map<string, string>();

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
        this.instances.add(entry.id, { crmProspectId: entry.crmProspectId, flowId: undefined, status: undefined, outcome: "pending", run: 0 });
      }
      this.planned = true;
    } else {
      this.prospects = init.entries.map((e) => e.id);
      this.#matcher = new ProspectMatcher(this.prospects);
      for (const [index, prospect] of this.prospects.entries()) this.#prospects.set(prospect, index << 2);
      if (init.strategy === "by-crm-id") {
        const flows = init.filter.flowIds.length === 0 ? [undefined] : init.filter.flowIds;
        for (const prospect of this.prospects) {
          for (const flowId of flows) this.targets.set(targetKey(prospect, flowId), { crmProspectId: prospect, flowId, outcome: "pending", run: 0 });
        }
        this.planned = true;
      }
    }
  }

  /** The job's one string for a prospect id, registering one only Gong named. */
  private prospect(value: string | null): string | undefined {
    if (value === null) return undefined;
    const known = this.#prospects.get(value);
    if (known !== undefined) return this.#prospectAt(known >> 2);
    this.#prospects.set(value, (this.prospects.length + this.#otherProspects.length) << 2);
    this.#otherProspects.push(value);
    return value;
  }

  #prospectAt(index: number): string {
    return index < this.prospects.length ? this.prospects[index]! : this.#otherProspects[index - this.prospects.length]!;
  }

  #flagView(flag: number): { has(prospect: string): boolean; add(prospect: string): void; readonly size: number } {
    let size = 0;
    return {
      has: (prospect) => ((this.#prospects.get(prospect) ?? 0) & flag) !== 0,
      add: (prospect) => {
        const canonical = this.prospect(prospect)!;
        const value = this.#prospects.get(canonical)!;
        if ((value & flag) === 0) {
          this.#prospects.set(canonical, value | flag);
          size += 1;
        }
      },
      get size() {
        return size;
      },
    };
  }

  private intern(value: string | null): string | undefined {
    if (value === null) return undefined;
    const known = this.#strings.get(value);
    if (known !== undefined) return known;
    this.#strings.set(value, value);
    return value;
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
   * are settled. Their ids become unconfirmed, to be settled by listing their prospects rather than by
   * sending them again blindly — also when no attempt record says the request left: that record
   * reaches the disk with the next flush, and a machine that crashed (rather than a process that was
   * killed) may have lost it after the request went out.
   */
  private settleOrphans(): void {
    for (const [seq, open] of this.openRequests) {
      this.openRequests.delete(seq);
      this.markMaybeApplied(open.record);
    }
  }

  private markMaybeApplied(request: RequestRecord): void {
    if (request.kind === "unassign-by-instance-id") {
      for (const id of request.ids) {
        const row = this.instances.indexOf(id);
        if (row !== undefined && this.instances.outcomeAt(row) !== "unassigned") this.setOutcome(row, "unconfirmed");
      }
    } else if (request.kind === "unassign-by-crm-id") {
      const target = this.targets.get(targetKey(request.ids[0]!, request.flowId));
      if (target !== undefined && target.outcome !== "done") {
        target.outcome = "unconfirmed";
        target.run = this.run;
      }
    }
  }

  private setOutcome(row: number, outcome: InstanceOutcome): void {
    this.instances.setOutcome(row, outcome, this.run);
  }

  /** Planned instances with an outcome other than "still to send". */
  get settledInstances(): number {
    return this.instances.size - this.instances.pending;
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
      for (const [id, name] of Object.entries(answer.flowNames)) if (!this.flowNames.has(id)) this.flowNames.set(this.intern(id)!, name);
      const flows = this.#matcher === undefined ? answer.flows : answer.flows.map((flow) => this.inInputTerms(flow));
      if (request.kind === "plan-list") this.applyPlanListing(request, flows);
      else this.applyCheckListing(request, flows);
      return;
    }
    if (request.kind === "unassign-by-crm-id") {
      const prospect = request.ids[0]!;
      const target = this.targets.get(targetKey(prospect, request.flowId));
      for (const id of answer.unassigned) {
        const row = this.instances.add(id, { crmProspectId: prospect, flowId: request.flowId, status: undefined, outcome: "unassigned", run: this.run });
        this.setOutcome(row, "unassigned");
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
        const row = this.instances.indexOf(id);
        if (row !== undefined && this.instances.outcomeAt(row) !== "unassigned") this.setOutcome(row, outcome);
      }
    };
    apply(answer.notUnassigned, "notUnassigned");
    apply(answer.unconfirmed, "unconfirmed");
    apply(answer.unassigned, "unassigned");
  }

  /** A listed flow with its prospect written as the input writes it (a 15-character id for Gong's 18). */
  private inInputTerms(flow: CompactFlow): CompactFlow {
    const prospect = flow[1] === null ? undefined : this.#matcher?.inputIdOf(flow[1]);
    return prospect === undefined || prospect === flow[1] ? flow : [flow[0], prospect, flow[2], flow[3], flow[4]];
  }

  /** True when the input names this prospect (prospect mode). */
  private isInputProspect(prospect: string | null): boolean {
    if (prospect === null) return false;
    const known = this.#prospects.get(prospect);
    return known !== undefined && known >> 2 < this.prospects.length;
  }

  private applyPlanListing(request: RequestRecord, flows: readonly CompactFlow[]): void {
    for (const prospect of request.ids) this.listedProspects.add(prospect);
    for (const [id, rawProspect, rawFlowId, rawStatus] of flows) {
      // Never act beyond the input: an answer naming a prospect the user did not name is left alone.
      if (this.mode === "prospects" && !this.isInputProspect(rawProspect)) {
        if (id !== "" && !this.instances.has(id)) this.outsideInput.set(id, { crmProspectId: rawProspect ?? undefined });
        continue;
      }
      const prospect = this.prospect(rawProspect);
      if (prospect !== undefined) this.prospectsInFlows.add(prospect);
      const flowId = this.intern(rawFlowId);
      const status = this.intern(rawStatus);
      if (!matchesFilter(this.filter, flowId, status)) continue;
      if (id === "") {
        this.flowsWithoutInstanceId += 1;
        continue;
      }
      this.instances.add(id, { crmProspectId: prospect, flowId, status, outcome: "pending", run: this.run });
    }
  }

  /** by-crm-id: a flow instance a listing shows still assigned to a prospect the job took out. */
  private markStillAssigned(flow: CompactFlow): number {
    const [id, prospect, flowId, status] = flow;
    const row = this.instances.add(id, {
      crmProspectId: this.prospect(prospect),
      flowId: this.intern(flowId),
      status: this.intern(status),
      outcome: "notUnassigned",
      run: this.run,
    });
    this.setOutcome(row, "notUnassigned");
    return row;
  }

  /**
   * A listing made to settle or verify: for the listed prospects, what is still assigned is still
   * assigned, and what is gone is gone.
   */
  private applyCheckListing(request: RequestRecord, flows: readonly CompactFlow[]): void {
    const listed = new Set(request.ids);
    const stillAssigned = new Map<string, CompactFlow>();
    for (const flow of flows) if (flow[0] !== "") stillAssigned.set(flow[0], flow);
    for (const row of this.instances.rows()) {
      const id = this.instances.idAt(row);
      const prospect = this.instances.prospectAt(row);
      if (prospect === undefined || !listed.has(prospect)) continue;
      const outcome = this.instances.outcomeAt(row);
      if (stillAssigned.has(id)) {
        if (outcome === "unconfirmed") this.setOutcome(row, request.final ? "notUnassigned" : "pending");
        else if (outcome === "unassigned") {
          this.setOutcome(row, "notUnassigned");
          this.instances.markContradicted(row);
        }
      } else if (outcome !== "unassigned") {
        this.setOutcome(row, "unassigned");
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
          else this.instances.markContradicted(this.markStillAssigned(flow));
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
