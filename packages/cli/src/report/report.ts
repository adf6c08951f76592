import type { CallCounts, JobState } from "../journal/job-state.js";
import { FlowStatusGroups } from "../plan/flow-groups.js";
import type { FlowOutcomes, ReportInstance, UnassignReport, VerifyMode } from "./report-types.js";
import { callsSince, reportEnding, reportRuns, type RunReportMeta } from "./report-run.js";

export type { FlowOutcomes, ReportInstance, UnassignReport, VerifyMode } from "./report-types.js";
export { csvColumns, reportCsvChunks, reportJsonChunks, writeReport, writeWhole } from "./report-files.js";

/** What the report says of the run beyond the job's state. */
export interface ReportMeta extends RunReportMeta<CallCounts> {
  readonly verify: VerifyMode;
}

/** The outcome a report gives an instance: `pending` at the end of a run means it was not processed. */
function reportOutcome(outcome: string): ReportInstance["outcome"] {
  return outcome === "pending" ? "unprocessed" : (outcome as ReportInstance["outcome"]);
}

/** Builds the report from the job's state. */
export function buildReport(state: JobState, meta: ReportMeta): UnassignReport {
  const calls = { ...state.calls };
  const { lists, contradicted, flows } = instanceOutcomes(state, meta.dryRun);
  return {
    tool: meta.tool,
    dryRun: meta.dryRun,
    mode: state.mode,
    strategy: state.strategy,
    filter: state.filter,
    ...reportRuns(state, meta),
    prospects: state.prospects.length,
    prospectsInFlows: state.prospectsInFlows.size,
    flowInstancesPlanned: state.instances.size,
    ...lists,
    ...prospectOutcomes(state, meta.dryRun),
    flowInstancesOutsideInput: [...state.outsideInput].map(([flowInstanceId, { crmProspectId }]) => ({
      flowInstanceId,
      crmProspectId,
    })),
    assignedDuringRun: [...state.assignedDuringRun.keys()],
    contradictedByListing: contradicted,
    flowsWithoutInstanceId: state.flowsWithoutInstanceId,
    calls,
    callsThisRun: callsSince(calls, meta.callsAtStart),
    ...reportEnding(state, meta),
    flows,
  };
}

/** Each planned instance in exactly one of the four lists, the contradicted ones, and the counts per flow. */
function instanceOutcomes(state: JobState, dryRun: boolean) {
  const lists = {
    unassigned: [] as string[],
    notUnassigned: [] as string[],
    unconfirmed: [] as string[],
    unprocessed: [] as string[],
  };
  const contradicted: string[] = [];
  const groups = new FlowStatusGroups((flowId, flowInstanceStatus) => ({
    flowId,
    flowInstanceStatus,
    counts: { unassigned: 0, notUnassigned: 0, unconfirmed: 0, unprocessed: 0 } as Record<
      ReportInstance["outcome"],
      number
    >,
  }));
  for (const [id, instance] of state.instances) {
    // A dry run acts on nothing: every planned instance is unprocessed.
    const outcome = dryRun ? "unprocessed" : reportOutcome(instance.outcome);
    lists[outcome].push(id);
    if (instance.contradicted) contradicted.push(id);
    groups.get(instance.flowId, instance.status).counts[outcome] += 1;
  }
  const flows: FlowOutcomes[] = groups.values().map(({ flowId, flowInstanceStatus, counts }) => ({
    flowId,
    flowName: flowId === undefined ? undefined : state.flowNames.get(flowId),
    flowInstanceStatus,
    planned: counts.unassigned + counts.notUnassigned + counts.unconfirmed + counts.unprocessed,
    ...counts,
  }));
  return { lists, contradicted, flows };
}

/** The prospects not processed, not confirmed, or whose flows put nothing in the plan. */
function prospectOutcomes(state: JobState, dryRun: boolean) {
  const prospectsUnprocessed = new Set<string>();
  const prospectsUnconfirmed = new Set<string>();
  if (state.strategy === "by-crm-id" && state.mode === "prospects" && !dryRun) {
    for (const target of state.targets.values()) {
      if (target.outcome === "pending") prospectsUnprocessed.add(target.crmProspectId);
      else if (target.outcome === "unconfirmed") prospectsUnconfirmed.add(target.crmProspectId);
    }
  } else if (state.mode === "prospects" && state.strategy === "list-then-batch") {
    for (const prospect of state.prospects)
      if (!state.listedProspects.has(prospect)) prospectsUnprocessed.add(prospect);
  }
  const prospectsWithPlan = new Set<string>();
  for (const [, instance] of state.instances)
    if (instance.crmProspectId !== undefined) prospectsWithPlan.add(instance.crmProspectId);
  return {
    prospectsUnprocessed: [...prospectsUnprocessed],
    prospectsUnconfirmed: [...prospectsUnconfirmed],
    prospectsMatchingNoFlow: state.prospects.filter((p) => state.listedProspects.has(p) && !prospectsWithPlan.has(p)),
  };
}

/** Each planned instance with its prospect, flow, status and outcome: the rows of the CSV report. */
export function* reportInstances(state: JobState, dryRun: boolean): Generator<ReportInstance> {
  for (const [id, instance] of state.instances) {
    yield {
      flowInstanceId: id,
      crmProspectId: instance.crmProspectId,
      flowId: instance.flowId,
      flowName: instance.flowId === undefined ? undefined : state.flowNames.get(instance.flowId),
      flowInstanceStatus: instance.status,
      outcome: dryRun ? "unprocessed" : reportOutcome(instance.outcome),
    };
  }
}
