import type { AssignState } from "../journal/assign-state.js";
import { gongDailyQuota } from "../plan/plan-summary.js";
import { assignProspectsPerRequest } from "./assign-actions.js";
import type { AssignFlow, AssignPlan } from "./assign-options.js";
import type { SettleActions } from "./job-actions.js";
import type { JobRun } from "./job-run.js";
import type { JobSettings } from "./job-settings.js";
import type { Recorder } from "./recorder.js";

/** What the assign job's phases work on: its state, its requests, and the run's shared machinery. */
export interface AssignPhaseContext {
  readonly state: AssignState;
  readonly actions: SettleActions;
  readonly recorder: Recorder;
  readonly run: Pick<JobRun, "stop" | "budget" | "progress">;
  readonly settings: JobSettings;
  readonly flow: AssignFlow;
  readonly flowInstanceOwnerEmail: string;
}

/**
 * Plans: lists every prospect not listed yet (a dry run lists them all), so that a prospect already
 * in the flow is not sent, and records once all are. Returns the plan.
 */
export async function planAssign(ctx: AssignPhaseContext): Promise<AssignPlan> {
  const { state, actions, settings, run } = ctx;
  const unlisted = state.prospects.filter((p) => !state.listedProspects.has(p));
  if (unlisted.length > 0) await actions.listProspects("plan", "plan-list", unlisted);
  if (run.stop.keepGoing() && !state.planned && unlisted.every((p) => state.listedProspects.has(p))) {
    const at = new Date(settings.now()).toISOString();
    const toAssign = [...state.assignments.values()].filter((a) => a.outcome === "pending").length;
    await ctx.recorder.write({ type: "planned", at, instances: toAssign });
  }
  return summarizeAssignPlan(ctx);
}

function summarizeAssignPlan(ctx: AssignPhaseContext): AssignPlan {
  const { state, settings, run } = ctx;
  let alreadyInFlow = 0;
  let toSend = 0;
  for (const assignment of state.assignments.values()) {
    if (assignment.outcome === "alreadyInFlow") alreadyInFlow += 1;
    else if (assignment.outcome === "pending" || assignment.outcome === "unconfirmed") toSend += 1;
  }
  const unlisted = state.prospects.filter((p) => !state.listedProspects.has(p)).length;
  const listAssignedFlows = Math.ceil((settings.dryRun ? state.prospects.length : unlisted) / settings.listBatchSize);
  const assignProspects = Math.ceil(toSend / assignProspectsPerRequest);
  const total = listAssignedFlows + assignProspects;
  const rps = settings.requestsPerSecond;
  return {
    flow: { id: state.flowId, name: ctx.flow.name ?? state.flowNames.get(state.flowId) },
    flowInstanceOwnerEmail: ctx.flowInstanceOwnerEmail,
    prospects: state.prospects.length,
    alreadyInFlow,
    toSend,
    callsMade: { ...state.calls },
    callsNeeded: { listAssignedFlows, assignProspects, total },
    requestsPerSecond: rps,
    estimatedSeconds: rps === undefined ? undefined : total / rps,
    shareOfGongDailyQuota: total / gongDailyQuota,
    dailyBudget: settings.dailyBudget,
    budgetUsedToday: run.budget.usedToday(),
  };
}

/** True when every prospect is in the flow (assigned, or there already) and every one was listed. */
export function everyProspectInFlow(state: AssignState): boolean {
  for (const assignment of state.assignments.values())
    if (assignment.outcome !== "assigned" && assignment.outcome !== "alreadyInFlow") return false;
  return true;
}
