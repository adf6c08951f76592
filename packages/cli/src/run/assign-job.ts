import { AssignState } from "../journal/assign-state.js";
import { inputDigest, jobFingerprint } from "../journal/fingerprint.js";
import type { JobDescription } from "../journal/records.js";
import { buildAssignReport, writeAssignReport } from "../report/assign-report.js";
import { withoutUserInfo } from "../secrets.js";
import { createAssignActions } from "./assign-actions.js";
import type { AssignJobOptions, AssignJobResult, AssignPlan } from "./assign-options.js";
import { everyProspectInFlow, planAssign, type AssignPhaseContext } from "./assign-phases.js";
import { createAssignSender } from "./assign-sender.js";
import { finishRun, runPhases, startJob } from "./job-lifecycle.js";
import { JobSetupError } from "./job-options.js";
import { type JobIdentity, jobSettings, type JobSettings } from "./job-settings.js";

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
  const started = await startJob(options, settings, {
    identity: (baseUrl) => describeAssignJob(options, baseUrl),
    newState: () => new AssignState({ flowId: options.flow.id, entries: options.input.entries }),
  });
  const { opened, run } = started;
  const { state, recorder } = opened;
  const sender = createAssignSender({
    requests: run.requests,
    client: started.client,
    maxRetries: settings.maxRetries,
    flowId: options.flow.id,
    flowInstanceOwnerEmail: options.flowInstanceOwnerEmail,
  });
  const actions = createAssignActions({ ...started.actions, state, sender });
  const phases: AssignPhaseContext = {
    state,
    actions,
    recorder,
    run,
    settings,
    flow: options.flow,
    flowInstanceOwnerEmail: options.flowInstanceOwnerEmail,
  };
  const plan = await runPhases<AssignPlan>(started, phases, options, { plan: () => planAssign(phases) });
  const finished = await finishRun(started, options, settings, {
    verified: assignVerified(state, settings, run.stop.keepGoing()),
    wroteThisRun: state.calls.assignProspects > opened.callsAtStart.assignProspects,
    complete: () => everyProspectInFlow(state),
    reportOf: (meta) =>
      buildAssignReport(state, {
        ...meta,
        flowName: options.flow.name,
        flowInstanceOwnerEmail: options.flowInstanceOwnerEmail,
        verify: settings.verify === "none" ? "none" : "unconfirmed",
      }),
    writeReport: async (report) =>
      options.reportPath === undefined ? [] : writeAssignReport(options.reportPath, report),
  });
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
