import { JobState } from "../journal/job-state.js";
import type { PlanSummary } from "../plan/plan-summary.js";
import { writeReport } from "../report/report-files.js";
import { buildReport, reportInstances } from "../report/report.js";
import { createJobActions } from "./job-actions.js";
import { finishRun, runPhases, startJob } from "./job-lifecycle.js";
import type { UnassignJobOptions, UnassignJobResult } from "./job-options.js";
import { describeJob, jobSettings } from "./job-settings.js";
import { createSender } from "./sender.js";
import { everythingUnassigned, wroteSince } from "./unassign-outcomes.js";
import { planUnassign, verifyUnassign, type UnassignPhaseContext } from "./unassign-phases.js";

export type { JobPhase } from "./job-actions.js";
export {
  defaultDailyBudget,
  JobSetupError,
  type JobInput,
  type JobProgress,
  type UnassignJobOptions,
  type UnassignJobResult,
} from "./job-options.js";

/**
 * Takes prospects out of their flows (or removes the given flow instances): plans, asks for
 * confirmation, unassigns in batches of 200 through `@gong-flows/client` under its rate limiter,
 * settles unknown outcomes by listing, verifies as asked, and reports — journaling every request so
 * that running it again with the same journal resumes exactly where it stopped.
 *
 * Throws {@link JobSetupError}, a `JournalError` or the client's `GongConfigurationError` when the
 * job cannot start; nothing has been sent then. Everything after that — Gong's refusals, a spent
 * budget, a signal — ends in the result's `exitCode`, `stop` and report.
 *
 * @example
 * ```ts
 * const input = await readIdFile("closed-won.csv", { kind: "crmProspectId" });
 * const result = await runUnassignJob({
 *   input: { mode: "prospects", entries: input.entries, file: input.path },
 *   filter: { flowIds: [], statuses: ["Running", "Pending"] },
 *   journalPath: "closed-won.journal.jsonl",
 *   reportPath: "closed-won.report.json",
 * });
 * console.log(result.exitCode, result.report.unassigned.length);
 * ```
 */
export async function runUnassignJob(options: UnassignJobOptions): Promise<UnassignJobResult> {
  const settings = jobSettings(options);
  const { filter, mode } = settings;
  const started = await startJob(options, settings, {
    identity: (baseUrl) => describeJob(options, settings, baseUrl),
    newState: (strategy) => new JobState({ filter, strategy, mode, entries: options.input.entries }),
  });
  const { opened, run } = started;
  const { state, recorder } = opened;
  const sender = createSender({
    requests: run.requests,
    client: started.client,
    maxRetries: settings.maxRetries,
    unassignedByUserEmail: options.unassignedByUserEmail,
  });
  const actions = createJobActions({ ...started.actions, state, sender });
  const phases: UnassignPhaseContext = { state, actions, recorder, run, settings };
  const warnings = [...opened.warnings];
  let verified = false;
  const plan = await runPhases<PlanSummary>(started, phases, options, {
    plan: async () => {
      const planned = await planUnassign(phases, opened.strategyReason);
      warnings.push(...planned.warnings);
      return planned.plan;
    },
    afterAct: async () => {
      verified = await verifyUnassign(phases);
    },
  });
  const { dryRun } = settings;
  const finished = await finishRun(started, options, settings, {
    verified,
    wroteThisRun: wroteSince(state, opened.callsAtStart),
    complete: () => everythingUnassigned(state),
    reportOf: (meta) => buildReport(state, { ...meta, verify: settings.verify }),
    writeReport: async (report) =>
      options.reportPath === undefined ? [] : writeReport(options.reportPath, report, reportInstances(state, dryRun)),
  });
  return { ...finished, plan, stop: run.stop.reason, warnings, instances: () => reportInstances(state, dryRun) };
}
