import { AssignState } from "../journal/assign-state.js";
import { inputDigest, jobFingerprint } from "../journal/fingerprint.js";
import type { JobDescription } from "../journal/records.js";
import { buildAssignReport, writeAssignReport } from "../report/assign-report.js";
import { knownSecrets, redactor, withoutUserInfo } from "../secrets.js";
import { act } from "./act.js";
import { createAssignActions } from "./assign-actions.js";
import type { AssignJobOptions, AssignJobResult, AssignPlan } from "./assign-options.js";
import { everyProspectInFlow, planAssign, type AssignPhaseContext } from "./assign-phases.js";
import { createAssignSender } from "./assign-sender.js";
import { finishJob, jobExitCode } from "./finish-job.js";
import { createJobClient } from "./job-client.js";
import { JobSetupError } from "./job-options.js";
import { watchHolds } from "./job-progress.js";
import { createJobRun } from "./job-run.js";
import { type JobIdentity, jobSettings, type JobSettings } from "./job-settings.js";
import { openJob, type OpenedJob } from "./open-job.js";
import { timerSleep } from "./settle.js";
import type { StopReason } from "./stop-reason.js";

/**
 * Assigns prospects to a flow: lists them, so that a prospect already in the flow is not sent; asks
 * for confirmation; assigns 100 per call through `@gong-flows/client` under its rate limiter; settles
 * unknown outcomes by listing (never sending a prospect again before a listing showed it not in the
 * flow); and reports every prospect in exactly one list — journaling every request so that running it
 * again with the same journal resumes where it stopped.
 *
 * Throws {@link JobSetupError}, a `JournalError` or the client's `GongConfigurationError` when the
 * job cannot start; nothing has been sent then.
 *
 * @example
 * ```ts
 * const input = await readIdFile("leads.csv", { kind: "crmProspectId" });
 * const result = await runAssignJob({
 *   input: { entries: input.entries, file: input.path },
 *   flow: { id: "1695493301223590792" },
 *   flowInstanceOwnerEmail: "rep@example.com",
 *   journalPath: "leads.journal.jsonl",
 *   reportPath: "leads.report.json",
 * });
 * console.log(result.exitCode, result.report.assigned.length);
 * ```
 */
export async function runAssignJob(options: AssignJobOptions): Promise<AssignJobResult> {
  const settings = assignSettings(options);
  const redact = redactor(knownSecrets({ auth: options.client?.auth }));
  const holds = watchHolds(settings.now);
  const client = createJobClient(options.client ?? {}, holds.onClientEvent);
  const opened = await openJob({
    identity: describeAssignJob(options, client.baseUrl),
    journalPath: settings.dryRun ? undefined : options.journalPath,
    newState: () => new AssignState({ flowId: options.flow.id, entries: options.input.entries }),
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
  const sender = createAssignSender({
    requests: run.requests,
    client,
    maxRetries: settings.maxRetries,
    flowId: options.flow.id,
    flowInstanceOwnerEmail: options.flowInstanceOwnerEmail,
  });
  const actions = createAssignActions({
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
  const phases: AssignPhaseContext = {
    state,
    actions,
    recorder,
    run,
    settings,
    flow: options.flow,
    flowInstanceOwnerEmail: options.flowInstanceOwnerEmail,
  };
  let plan: AssignPlan | undefined;
  try {
    plan = await planAssign(phases);
    // A plan cut short by a stop (a signal, the budget) is not shown as if it were the plan.
    if (run.stop.keepGoing()) options.onPlan?.(plan);
    if (!settings.dryRun && run.stop.keepGoing())
      await act(phases, plan, {
        confirm: options.confirm,
        graceMs: client.timeoutMs,
        sleep: options.sleep ?? timerSleep,
      });
  } catch (error) {
    // A failure of the job itself (the journal's disk, say): everything up to it is journaled.
    run.stop.stopWith({ kind: "error", message: error instanceof Error ? error.message : String(error) });
  } finally {
    run.stop.dispose();
  }
  const verified = assignVerified(state, settings, run.stop.keepGoing());
  const finished = await finishAssign(options, settings, opened, { stop: run.stop.reason, verified, redact });
  return { ...finished, plan, stop: run.stop.reason, warnings: [...opened.warnings] };
}

/** Whether the verification asked for ran to the end and left nothing unconfirmed. */
function assignVerified(state: AssignState, settings: JobSettings, finished: boolean): boolean {
  if (!finished || settings.dryRun || settings.verify === "none") return false;
  for (const assignment of state.assignments.values()) if (assignment.outcome === "unconfirmed") return false;
  return true;
}

/** The shared settings, with the assign job's own checks. */
function assignSettings(options: AssignJobOptions): JobSettings {
  const settings = jobSettings({
    ...options,
    input: { mode: "prospects", entries: options.input.entries, file: options.input.file },
  });
  if (options.flow.id.trim() === "") throw new JobSetupError("the flow's id is empty");
  if (settings.verify === "all") throw new JobSetupError('an assign job verifies "unconfirmed" or "none"');
  return settings;
}

/** What the job is, for its journal: the prospects, the flow, the owner and Gong's base URL. */
function describeAssignJob(options: AssignJobOptions, baseUrl: string): JobIdentity {
  const job: JobDescription = {
    operation: "assign",
    mode: "prospects",
    input: {
      count: options.input.entries.length,
      sha256: inputDigest(options.input.entries),
      file: options.input.file,
    },
    flowIds: [options.flow.id],
    statuses: [],
    strategy: "list-then-batch",
    baseUrl: withoutUserInfo(baseUrl),
    flowInstanceOwnerEmail: options.flowInstanceOwnerEmail,
  };
  const reason = "list the prospects (100 per call), then assign those not in the flow (100 per call)";
  return { job, fingerprint: jobFingerprint(job), choice: { strategy: "list-then-batch", reason } };
}

/** Finishes the run: its exit code from the prospects' outcomes, its report, its journal's end. */
function finishAssign(
  options: AssignJobOptions,
  settings: JobSettings,
  opened: OpenedJob<AssignState>,
  end: { stop: StopReason | undefined; verified: boolean; redact: (text: string) => string },
) {
  const { state, callsAtStart } = opened;
  const { dryRun, now } = settings;
  const wroteThisRun = state.calls.assignProspects > callsAtStart.assignProspects;
  const exitCode = jobExitCode({ stop: end.stop, wroteThisRun, dryRun, complete: () => everyProspectInFlow(state) });
  const verify = settings.verify === "none" ? "none" : "unconfirmed";
  return finishJob({
    exitCode,
    stop: end.stop,
    // A run that sent nothing and will not go on (declined, or credentials refused) leaves nothing behind.
    leaveNothing: opened.journalIsNew && !wroteThisRun && (exitCode === 2 || exitCode === 4),
    journal: opened.journal,
    recorder: opened.recorder,
    now,
    redact: end.redact,
    reportOf: (code, stoppedBecause) =>
      buildAssignReport(state, {
        tool: settings.tool,
        dryRun,
        flowName: options.flow.name,
        flowInstanceOwnerEmail: options.flowInstanceOwnerEmail,
        journal: options.journalPath,
        verify,
        verified: end.verified,
        callsAtStart,
        exitCode: code,
        stoppedBecause,
        resumeCommand: code === 3 ? options.resumeCommand : undefined,
        finishedAt: new Date(now()).toISOString(),
      }),
    writeReport: async (report) =>
      options.reportPath === undefined ? [] : writeAssignReport(options.reportPath, report),
  });
}
