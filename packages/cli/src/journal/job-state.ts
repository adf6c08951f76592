import { matchesFilter, type FlowFilter } from "../plan/filter.js";
import type { Strategy } from "../plan/cost.js";
import { ProspectMatcher } from "../plan/prospect-match.js";
import { InstanceTable, type InstanceOutcome } from "./instance-table.js";
import { ProspectIndex, type ProspectFlagView } from "./prospect-index.js";
import type { CompactFlow, OkResponseRecord, RequestKind, RequestRecord } from "./records.js";
import { JournalReplay } from "./journal-replay.js";
import { countCall, type CallCounts } from "./call-counts.js";
import {
  applyInstanceResponse,
  assignedMeanwhile,
  markInstancesMaybeApplied,
  settleInstancesById,
  settleInstancesByListing,
} from "./instance-outcomes.js";
import { applyTargetResponse, markTargetMaybeApplied, settleTargetByListing, type CrmTarget } from "./crm-targets.js";
import { planCrmTargets, planFileInstances } from "./initial-plan.js";

export type { InstanceOutcome, PlannedInstance } from "./instance-table.js";
export { utcDay, type CallCounts } from "./call-counts.js";
export { targetKey, type CrmTarget } from "./crm-targets.js";

/**
 * A job's state, rebuilt from its journal record by record ({@link JobState.apply}) and kept up to
 * date the same way while it runs: the journal is the only truth, and replaying it gives exactly the
 * state the run had when it wrote its last record.
 */
export class JobState extends JournalReplay {
  readonly filter: FlowFilter;
  readonly strategy: Strategy;
  readonly mode: "prospects" | "flow-instances";
  /** The input prospects (prospect mode) in input order. */
  readonly prospects: readonly string[];
  /** The planned instances. Read them anywhere; change them only through {@link JobState.apply}. */
  readonly instances = new InstanceTable();
  readonly targets = new Map<string, CrmTarget>();
  /** Every prospect the job knows, with its flags and its one string. */
  readonly #prospects: ProspectIndex;
  /** Prospects whose planning listing has a response. */
  readonly listedProspects: ProspectFlagView;
  /** Prospects the planning listing found in at least one flow (any flow, filter or not). */
  readonly prospectsInFlows: ProspectFlagView;
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
  readonly calls: CallCounts = {
    listAssignedFlows: 0,
    unassignFlowsByCrmProspectId: 0,
    unassignFlowsByFlowInstanceIds: 0,
    total: 0,
  };
  /**
   * One copy of each repeated flow id and status: a listing of 100,000 prospects brings 200,000
   * copies of each otherwise. (Prospect ids get theirs from the {@link ProspectIndex}.)
   */
  readonly #strings = new Map<string, string>();

  constructor(init: {
    filter: FlowFilter;
    strategy: Strategy;
    mode: "prospects" | "flow-instances";
    entries: readonly { id: string; crmProspectId?: string | undefined }[];
  }) {
    super();
    this.filter = init.filter;
    this.strategy = init.strategy;
    this.mode = init.mode;
    this.prospects = init.mode === "flow-instances" ? [] : init.entries.map((e) => e.id);
    this.#prospects = new ProspectIndex(this.prospects);
    this.#matcher = init.mode === "flow-instances" ? undefined : new ProspectMatcher(this.prospects);
    this.listedProspects = this.#prospects.flagView(1);
    this.prospectsInFlows = this.#prospects.flagView(2);
    if (init.mode === "flow-instances") {
      planFileInstances(this.instances, init.entries);
      this.planned = true;
    } else if (init.strategy === "by-crm-id") {
      planCrmTargets(this.targets, this.prospects, init.filter);
      this.planned = true;
    }
  }

  private intern(value: string | null): string | undefined {
    if (value === null) return undefined;
    const known = this.#strings.get(value);
    if (known !== undefined) return known;
    this.#strings.set(value, value);
    return value;
  }

  protected countAttempt(kind: RequestKind, at: string): void {
    countCall(this.calls, this.callsByDay, kind, at);
  }

  /** An unassign request Gong may have applied without the job seeing its response. */
  protected maybeApplied(request: RequestRecord): void {
    if (request.kind === "unassign-by-instance-id") {
      markInstancesMaybeApplied(this.instances, request.ids, this.run);
    } else markTargetMaybeApplied(this.targets, request, this.run);
  }

  private setOutcome(row: number, outcome: InstanceOutcome): void {
    this.instances.setOutcome(row, outcome, this.run);
  }

  /** Planned instances with an outcome other than "still to send". */
  get settledInstances(): number {
    return this.instances.size - this.instances.pending;
  }

  protected applyAnswer(request: RequestRecord, response: OkResponseRecord): void {
    if ("flows" in response) {
      for (const [id, name] of Object.entries(response.flowNames))
        if (!this.flowNames.has(id)) this.flowNames.set(this.intern(id)!, name);
      const flows =
        this.#matcher === undefined ? response.flows : response.flows.map((flow) => this.inInputTerms(flow));
      if (request.kind === "plan-list") this.applyPlanListing(request, flows);
      else if (request.kind === "instance-list")
        settleInstancesById(this.instances, request.ids, flows, request.final === true, this.run);
      else this.applyCheckListing(request, flows);
      return;
    }
    if (!("unassigned" in response)) return;
    if (request.kind === "unassign-by-crm-id") {
      // Instances a by-crm-id call returned as removed join the plan, so that the report lists them.
      if (applyTargetResponse(this.instances, this.targets, request, response, this.run))
        this.prospectsInFlows.add(request.ids[0]!);
      return;
    }
    applyInstanceResponse(this.instances, response, this.run);
  }

  /** A listed flow with its prospect written as the input writes it (a 15-character id for Gong's 18). */
  private inInputTerms(flow: CompactFlow): CompactFlow {
    const prospect = flow[1] === null ? undefined : this.#matcher?.inputIdOf(flow[1]);
    return prospect === undefined || prospect === flow[1] ? flow : [flow[0], prospect, flow[2], flow[3], flow[4]];
  }

  private applyPlanListing(request: RequestRecord, flows: readonly CompactFlow[]): void {
    for (const prospect of request.ids) this.listedProspects.add(prospect);
    for (const [id, rawProspect, rawFlowId, rawStatus] of flows) {
      // Never act beyond the input: a response naming a prospect the user did not name is left alone.
      if (this.mode === "prospects" && !this.#prospects.isInput(rawProspect)) {
        if (id !== "" && !this.instances.has(id))
          this.outsideInput.set(id, { crmProspectId: rawProspect ?? undefined });
        continue;
      }
      const prospect = this.#prospects.canonical(rawProspect);
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
      crmProspectId: this.#prospects.canonical(prospect),
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
    settleInstancesByListing(this.instances, listed, stillAssigned, request.final === true, this.run);
    for (const target of this.targets.values()) {
      if (!listed.has(target.crmProspectId)) continue;
      const { kept, contradicted, assignedSince } = settleTargetByListing(
        target,
        flows,
        request.final === true,
        this.run,
      );
      for (const flow of kept) this.markStillAssigned(flow);
      for (const flow of contradicted) this.instances.setFlag(this.markStillAssigned(flow), "contradicted");
      for (const flow of assignedSince) this.assignedDuringRun.set(flow[0], flow);
    }
    if (this.mode === "prospects" && this.strategy === "list-then-batch") {
      for (const flow of assignedMeanwhile(this.instances, listed, stillAssigned, this.filter))
        this.assignedDuringRun.set(flow[0], flow);
    }
  }
}
