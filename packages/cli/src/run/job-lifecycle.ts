import type { GongFlowsClient } from "@gong-flows/client";
import type { ReplayedState } from "../journal/journal-replay.js";
import type { Strategy } from "../plan/cost.js";
import type { RunReportMeta } from "../report/report-run.js";
import { knownSecrets, redactor } from "../secrets.js";
import { act, type ActContext } from "./act.js";
import { type ExitCode, type FinishedJob, finishJob, jobExitCode } from "./finish-job.js";
import type { ActionsContext } from "./job-actions.js";
import { createJobClient } from "./job-client.js";
import type { BulkJobOptions } from "./job-options.js";
import { watchHolds } from "./job-progress.js";
import { createJobRun, type JobRun, type JobRunOptions } from "./job-run.js";
import type { JobIdentity, JobSettings } from "./job-settings.js";
import { openJob, type OpenedJob } from "./open-job.js";
import { timerSleep } from "./settle.js";
import type { StopReason } from "./stop-reason.js";

/** A job's state, as the journal replays it and the run counts its calls. */
export type RunState = ReplayedState & JobRunOptions["state"];

/** A bulk job once its journal is open: its client, its state, the run's machinery. */
export interface StartedJob<S extends RunState> {
  readonly redact: (text: string) => string;
  readonly client: GongFlowsClient;
  readonly opened: OpenedJob<S>;
  readonly run: JobRun;
  /** What every job's actions share with the run. */
  readonly actions: ActionsContext;
}

/**
 * Opens the journal (describing the job once the client's base URL is known) into the job's fresh or
 * replayed state, and assembles the run's machinery on it.
 */
export async function startJob<S extends RunState>(
  options: BulkJobOptions,
  settings: JobSettings,
  job: { readonly identity: (baseUrl: string) => JobIdentity; readonly newState: (strategy: Strategy) => S },
): Promise<StartedJob<S>> {
  const redact = redactor(knownSecrets({ auth: options.client?.auth }));
  const holds = watchHolds(settings.now);
  const client = createJobClient(options.client ?? {}, holds.onClientEvent);
  const opened = await openJob({
    identity: job.identity(client.baseUrl),
    journalPath: settings.dryRun ? undefined : options.journalPath,
    newState: job.newState,
    tool: settings.tool,
    now: settings.now,
    redact,
  });
  const run = createJobRun({
    ...settings,
    state: opened.state,
    recorder: opened.recorder,
    holds,
    onProgress: options.onProgress,
    signal: options.signal,
    forceSignal: options.forceSignal,
  });
  const actions: ActionsContext = {
    listBatchSize: settings.listBatchSize,
    concurrency: settings.concurrency,
    keepGoing: run.stop.keepGoing,
    progress: run.progress.report,
    settleOutcome: run.rules.settleOutcome,
    sendAgain: run.sendAgain,
    refusedThisRun: run.rules.refusedThisRun,
  };
  return { redact, client, opened, run, actions };
}

/**
 * Runs the job's phases: `plan`, then (once the plan is shown, unless stopped or a dry run) `act` and
 * `afterAct`. A failure of the job itself (the journal's disk, say) stops it: everything up to it is
 * journaled. Returns the plan, once known.
 */
export async function runPhases<Plan extends { readonly toSend: number }>(
  started: Pick<StartedJob<RunState>, "run" | "client">,
  ctx: ActContext,
  options: Pick<BulkJobOptions, "sleep"> & {
    readonly confirm?: ((plan: Plan) => Promise<boolean>) | undefined;
    readonly onPlan?: ((plan: Plan) => void) | undefined;
  },
  phases: { readonly plan: () => Promise<Plan>; readonly afterAct?: () => Promise<void> },
): Promise<Plan | undefined> {
  const { run, client } = started;
  let plan: Plan | undefined;
  try {
    plan = await phases.plan();
    // A plan cut short by a stop (a signal, the budget) is not shown as if it were the plan.
    if (run.stop.keepGoing()) options.onPlan?.(plan);
    if (!ctx.settings.dryRun && run.stop.keepGoing()) {
      const sleep = options.sleep ?? timerSleep;
      await act(ctx, plan, { confirm: options.confirm, graceMs: client.timeoutMs, sleep });
      await phases.afterAct?.();
    }
  } catch (error) {
    run.stop.stopWith({ kind: "error", message: error instanceof Error ? error.message : String(error) });
  } finally {
    run.stop.dispose();
  }
  return plan;
}

/**
 * Finishes the run: its exit code from the job's outcome mapping (`wroteThisRun`, `complete`), its
 * report, its journal's end.
 */
export function finishRun<S extends RunState, Report>(
  started: StartedJob<S>,
  options: Pick<BulkJobOptions, "journalPath" | "resumeCommand">,
  settings: JobSettings,
  end: {
    readonly verified: boolean;
    readonly wroteThisRun: boolean;
    readonly complete: () => boolean;
    readonly reportOf: (meta: RunReportMeta<S["calls"]>) => Report;
    readonly writeReport: (report: Report) => Promise<string[]>;
  },
): Promise<FinishedJob<Report>> {
  const { opened, run } = started;
  const { dryRun, now } = settings;
  const stop: StopReason | undefined = run.stop.reason;
  const { wroteThisRun } = end;
  const exitCode = jobExitCode({ stop, wroteThisRun, dryRun, complete: end.complete });
  return finishJob({
    exitCode,
    stop,
    // A run that sent no write and will not go on (declined, or credentials refused) leaves nothing behind:
    // no report, and no journal that would tie a corrected command (another GONG_BASE_URL) to this one.
    leaveNothing: opened.journalIsNew && !wroteThisRun && (exitCode === 2 || exitCode === 4),
    journal: opened.journal,
    recorder: opened.recorder,
    now,
    redact: started.redact,
    reportOf: (code: ExitCode, stoppedBecause) =>
      end.reportOf({
        tool: settings.tool,
        dryRun,
        journal: options.journalPath,
        verified: end.verified,
        callsAtStart: opened.callsAtStart,
        exitCode: code,
        stoppedBecause,
        resumeCommand: code === 3 ? options.resumeCommand : undefined,
        finishedAt: new Date(now()).toISOString(),
      }),
    writeReport: end.writeReport,
  });
}
