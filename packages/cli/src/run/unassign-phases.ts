import type { JobState } from "../journal/job-state.js";
import { summarizePlan, type PlanSummary } from "../plan/plan-summary.js";
import type { JobActions } from "./job-actions.js";
import type { JobRun } from "./job-run.js";
import type { JobSettings } from "./job-settings.js";
import type { Recorder } from "./recorder.js";
import { hasUnconfirmed } from "./unassign-outcomes.js";

/** What the unassign job's phases work on: its state, its requests, and the run's shared machinery. */
export interface UnassignPhaseContext {
  readonly state: JobState;
  readonly actions: JobActions;
  readonly recorder: Recorder;
  readonly run: Pick<JobRun, "stop" | "budget" | "progress">;
  readonly settings: JobSettings;
}

/**
 * Plans: lists every prospect not listed yet (a dry run lists them even for by-crm-id, to show the
 * plan) and records once all are. Returns the plan and what is worth a warning in it.
 */
export async function planUnassign(
  ctx: UnassignPhaseContext,
  strategyReason: string,
): Promise<{ plan: PlanSummary; warnings: string[] }> {
  const { state, actions, settings, run } = ctx;
  if (state.mode === "prospects" && (state.strategy === "list-then-batch" || settings.dryRun)) {
    const unlisted = state.prospects.filter((p) => !state.listedProspects.has(p));
    if (unlisted.length > 0) await actions.listProspects("plan", "plan-list", unlisted);
    if (run.stop.keepGoing() && !state.planned && state.prospects.every((p) => state.listedProspects.has(p))) {
      const at = new Date(settings.now()).toISOString();
      await ctx.recorder.write({ type: "planned", at, instances: state.instances.size });
    }
  }
  const plan = summarizePlan(state, {
    strategyReason,
    listBatchSize: settings.listBatchSize,
    requestsPerSecond: settings.requestsPerSecond,
    dailyBudget: settings.dailyBudget,
    budgetUsedToday: run.budget.usedToday(),
    listingAgain: settings.dryRun,
  });
  return { plan, warnings: planWarnings(state) };
}

function planWarnings(state: JobState): string[] {
  const warnings: string[] = [];
  if (state.outsideInput.size > 0) {
    warnings.push(
      `${state.outsideInput.size} flow instance(s) listed for prospects the input does not name were left alone (flowInstancesOutsideInput in the report)`,
    );
  }
  if (state.flowsWithoutInstanceId > 0)
    warnings.push(`${state.flowsWithoutInstanceId} flow(s) listed without a flowInstanceId cannot be unassigned by id`);
  return warnings;
}

/**
 * Verifies: with `--verify all`, lists every prospect once more (a flow-instance file: every instance,
 * by its id), as a final check. Returns whether the verification asked for ran to the end and left
 * nothing unconfirmed.
 */
export async function verifyUnassign(ctx: UnassignPhaseContext): Promise<boolean> {
  const { state, run } = ctx;
  const { verify } = ctx.settings;
  if (run.stop.keepGoing() && verify === "all") {
    if (state.mode === "prospects") await ctx.actions.listProspects("verify", "check-list", state.prospects, true);
    else await ctx.actions.check("verify", [...state.instances.keys()], true);
  }
  return run.stop.keepGoing() && verify !== "none" && !hasUnconfirmed(state);
}
