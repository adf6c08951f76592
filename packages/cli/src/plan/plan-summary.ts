import { gongLimits } from "@gong-flows/client";
import type { CallCounts, JobState } from "../journal/job-state.js";
import { flowInstanceIdsPerRequest, type Strategy } from "./cost.js";
import { FlowStatusGroups } from "./flow-groups.js";

/** Gong's default daily quota of API calls per company (the client's `gongLimits.callsPerDay`). */
export const gongDailyQuota: number = gongLimits.callsPerDay;

/** Instances of one flow in one status. */
export interface FlowGroup {
  /** The flow's id, as Gong listed it. */
  readonly flowId: string | undefined;
  /** The flow's name, as Gong listed it. */
  readonly flowName: string | undefined;
  /** The instances' `flowInstanceStatus`, as Gong listed it. */
  readonly status: string | undefined;
  /** Flow instances of this flow in this status. */
  readonly instances: number;
}

/** The calls still needed, per operation. */
export interface CallEstimate {
  /** Calls of `POST /v2/flows/prospects`. */
  readonly listAssignedFlows: number;
  /** Calls of `POST /v2/flows/prospects/unassign-flows-by-crm-id`. */
  readonly unassignFlowsByCrmProspectId: number;
  /** Calls of `POST /v2/flows/prospects/unassign-flows-by-instance-id`. */
  readonly unassignFlowsByFlowInstanceIds: number;
  /** All calls: the sum of the three. */
  readonly total: number;
}

/** What a job is about to do: printed by a dry run and before the confirmation. */
export interface PlanSummary {
  /** What the input file holds: prospects' CRM ids or flow-instance ids. */
  readonly mode: "prospects" | "flow-instances";
  /** How the job unassigns (see `Strategy`). */
  readonly strategy: Strategy;
  /** Why that strategy, in one sentence. */
  readonly strategyReason: string;
  /** Distinct prospects in the input (prospect mode). */
  readonly prospects: number;
  /** Prospects found in at least one flow (any flow). */
  readonly prospectsInFlows: number;
  /** Flow instances planned for removal. */
  readonly flowInstancesPlanned: number;
  /** Planned instances still to be sent (or, by-crm-id, prospects still to be called). */
  readonly toSend: number;
  /** Planned instances per flow and status, largest first. */
  readonly byFlow: readonly FlowGroup[];
  /** Calls made so far by this job (every run of its journal). */
  readonly callsMade: CallCounts;
  /** Calls the job still needs (a dry run counts the listing a real run makes again). */
  readonly callsNeeded: CallEstimate;
  /** `--rps`; undefined when the client-side limit is off. */
  readonly requestsPerSecond: number | undefined;
  /** `callsNeeded.total / requestsPerSecond`: the least time the rest takes. */
  readonly estimatedSeconds: number | undefined;
  /** `callsNeeded.total` as a share of Gong's default daily quota (10,000 calls). */
  readonly shareOfGongDailyQuota: number;
  /** `--daily-budget`: calls the job may make per UTC day, all runs together. */
  readonly dailyBudget: number;
  /** Calls this job made today (UTC), all runs. */
  readonly budgetUsedToday: number;
}

/** Summarizes the plan held by `state`. */
export function summarizePlan(
  state: JobState,
  options: {
    strategyReason: string;
    listBatchSize: number;
    requestsPerSecond: number | undefined;
    dailyBudget: number;
    budgetUsedToday: number;
    /** True for a dry run: the real run lists every prospect again. */
    listingAgain: boolean;
  },
): PlanSummary {
  const groups = new FlowStatusGroups((flowId, status) => ({ flowId, status, instances: 0 }));
  let toSend = 0;
  for (const instance of state.instances.values()) {
    groups.get(instance.flowId, instance.status).instances += 1;
    if (instance.outcome === "pending" || instance.outcome === "unconfirmed") toSend += 1;
  }
  const byFlow = groups
    .values()
    .map((g) => ({ ...g, flowName: g.flowId === undefined ? undefined : state.flowNames.get(g.flowId) }))
    .sort(
      (a, b) =>
        b.instances - a.instances || String(a.flowName ?? a.flowId).localeCompare(String(b.flowName ?? b.flowId)),
    );

  let listAssignedFlows = 0;
  let byCrm = 0;
  let byIds = 0;
  if (state.strategy === "by-crm-id" && state.mode === "prospects") {
    byCrm = [...state.targets.values()].filter((t) => t.outcome !== "done").length;
    toSend = byCrm;
  } else {
    byIds = Math.ceil(toSend / flowInstanceIdsPerRequest);
    if (options.listingAgain && state.mode === "prospects")
      listAssignedFlows = Math.ceil(state.prospects.length / options.listBatchSize);
    else if (state.mode === "prospects")
      listAssignedFlows = Math.ceil(
        state.prospects.filter((p) => !state.listedProspects.has(p)).length / options.listBatchSize,
      );
  }
  const total = listAssignedFlows + byCrm + byIds;
  return {
    mode: state.mode,
    strategy: state.strategy,
    strategyReason: options.strategyReason,
    prospects: state.prospects.length,
    prospectsInFlows: state.prospectsInFlows.size,
    flowInstancesPlanned: state.instances.size,
    toSend,
    byFlow,
    callsMade: { ...state.calls },
    callsNeeded: {
      listAssignedFlows,
      unassignFlowsByCrmProspectId: byCrm,
      unassignFlowsByFlowInstanceIds: byIds,
      total,
    },
    requestsPerSecond: options.requestsPerSecond,
    estimatedSeconds: options.requestsPerSecond === undefined ? undefined : total / options.requestsPerSecond,
    shareOfGongDailyQuota: total / gongDailyQuota,
    dailyBudget: options.dailyBudget,
    budgetUsedToday: options.budgetUsedToday,
  };
}
