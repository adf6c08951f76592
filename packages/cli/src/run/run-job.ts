import { JobState } from "../journal/job-state.js";
import type { PlanSummary } from "../plan/plan-summary.js";
import { writeReport } from "../report/report-files.js";
import { buildReport, reportInstances } from "../report/report.js";
import { knownSecrets, redactor } from "../secrets.js";
import { createJobActions } from "./job-actions.js";
import { createJobClient } from "./job-client.js";
import type { UnassignJobOptions, UnassignJobResult } from "./job-options.js";
import { watchHolds } from "./job-progress.js";
import { createJobRun } from "./job-run.js";
import { describeJob, jobSettings, type JobSettings } from "./job-settings.js";
import { finishJob, jobExitCode } from "./finish-job.js";
import { openJob, type OpenedJob } from "./open-job.js";
import { createSender } from "./sender.js";
import { timerSleep } from "./settle.js";
import type { StopReason } from "./stop-reason.js";
import { everythingUnassigned, wroteSince } from "./unassign-outcomes.js";
import { act } from "./act.js";
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
  const redact = redactor(knownSecrets({ auth: options.client?.auth }));
  const holds = watchHolds(settings.now);
  const client = createJobClient(options.client ?? {}, holds.onClientEvent);
  const identity = describeJob(options, settings, client.baseUrl);
  const { filter, mode } = settings;
  const opened = await openJob({
    identity,
    journalPath: settings.dryRun ? undefined : options.journalPath,
    newState: (strategy) => new JobState({ filter, strategy, mode, entries: options.input.entries }),
    tool: settings.tool,
    now: settings.now,
    redact,
  });
  const { state, recorder } = opened;
  const run = createJobRun({
    ...settings,
    state,
    recorder,
    holds,
    onProgress: options.onProgress,
    signal: options.signal,
    forceSignal: options.forceSignal,
  });
  const sender = createSender({
    requests: run.requests,
    client,
    maxRetries: settings.maxRetries,
    unassignedByUserEmail: options.unassignedByUserEmail,
  });
  const actions = createJobActions({
    state,
    sender,
    listBatchSize: settings.listBatchSize,
    concurrency: settings.concurrency,
    keepGoing: run.stop.keepGoing,
    progress: run.progress.report,
    settleOutcome: run.rules.settleOutcome,
    sendAgain: run.sendAgain,
    refusedThisRun: run.rules.refusedThisRun,
  });
  const phases: UnassignPhaseContext = { state, actions, recorder, run, settings };
  const warnings = [...opened.warnings];
  let plan: PlanSummary | undefined;
  let verified = false;
  try {
    const planned = await planUnassign(phases, opened.strategyReason);
    plan = planned.plan;
    warnings.push(...planned.warnings);
    // A plan cut short by a stop (a signal, the budget) is not shown as if it were the plan.
    if (run.stop.keepGoing()) options.onPlan?.(plan);
    if (!settings.dryRun && run.stop.keepGoing()) {
      const sleep = options.sleep ?? timerSleep;
      await act(phases, plan, { confirm: options.confirm, graceMs: client.timeoutMs, sleep });
      verified = await verifyUnassign(phases);
    }
  } catch (error) {
    // A failure of the job itself (the journal's disk, say): everything up to it is journaled.
    run.stop.stopWith({ kind: "error", message: error instanceof Error ? error.message : String(error) });
  } finally {
    run.stop.dispose();
  }
  const finished = await finishUnassign(options, settings, opened, { stop: run.stop.reason, verified, redact });
  const { dryRun } = settings;
  return { ...finished, plan, stop: run.stop.reason, warnings, instances: () => reportInstances(state, dryRun) };
}

/** Finishes the run: its exit code from the unassign outcomes, its report, its journal's end. */
function finishUnassign(
  options: UnassignJobOptions,
  settings: JobSettings,
  opened: OpenedJob,
  end: { stop: StopReason | undefined; verified: boolean; redact: (text: string) => string },
) {
  const { state, callsAtStart } = opened;
  const { dryRun, now } = settings;
  const wroteThisRun = wroteSince(state, callsAtStart);
  const exitCode = jobExitCode({ stop: end.stop, wroteThisRun, dryRun, complete: () => everythingUnassigned(state) });
  return finishJob({
    exitCode,
    stop: end.stop,
    // A run that sent no write and will not go on (declined, or credentials refused) leaves nothing behind:
    // no report, and no journal that would tie a corrected command (another GONG_BASE_URL) to this one.
    leaveNothing: opened.journalIsNew && !wroteThisRun && (exitCode === 2 || exitCode === 4),
    journal: opened.journal,
    recorder: opened.recorder,
    now,
    redact: end.redact,
    reportOf: (code, stoppedBecause) =>
      buildReport(state, {
        tool: settings.tool,
        dryRun,
        journal: options.journalPath,
        verify: settings.verify,
        verified: end.verified,
        callsAtStart,
        exitCode: code,
        stoppedBecause,
        resumeCommand: code === 3 ? options.resumeCommand : undefined,
        finishedAt: new Date(now()).toISOString(),
      }),
    writeReport: async (report) =>
      options.reportPath === undefined ? [] : writeReport(options.reportPath, report, reportInstances(state, dryRun)),
  });
}
