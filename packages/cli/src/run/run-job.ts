import { rm, stat } from "node:fs/promises";
import {
  defaultOptions,
  gongLimits,
  GongRateLimitError,
  type GongFlowsClientOptions,
  type GongLogEvent,
} from "@gong-flows/client";
import type { IdEntry } from "../input/read-id-file.js";
import { JournalError } from "../journal/errors.js";
import { inputDigest, jobDifferences, jobFingerprint } from "../journal/fingerprint.js";
import { JobState, utcDay, type CallCounts } from "../journal/job-state.js";
import { journalHeader, openJournal, type JournalFile } from "../journal/journal-file.js";
import { journalFormat, type JobDescription, type StartRecord } from "../journal/records.js";
import { chooseStrategy, defaultListBatchSize, type Strategy } from "../plan/cost.js";
import { noFilter, type FlowFilter } from "../plan/filter.js";
import { summarizePlan, type PlanSummary } from "../plan/plan-summary.js";
import {
  buildReport,
  reportInstances,
  writeReport,
  type ReportInstance,
  type UnassignReport,
  type VerifyMode,
} from "../report/report.js";
import { knownSecrets, redactor, withoutUserInfo } from "../secrets.js";
import { DailyBudget } from "./daily-budget.js";
import { createJobActions, type JobPhase } from "./job-actions.js";
import { createRecorder } from "./recorder.js";
import { createSender, type InFlight, type SendOutcome, type SenderDeps } from "./sender.js";
import { sendAndSettle, timerSleep } from "./settle.js";
import { describeStop, type StopReason } from "./stop-reason.js";
import { createJobClient } from "./job-client.js";

/** The default `--daily-budget`: 90 % of Gong's daily quota, leaving a tenth to other integrations. */
export const defaultDailyBudget: number = (gongLimits.callsPerDay * 9) / 10;

export type { JobPhase } from "./job-actions.js";

/** Progress of a running job. */
export interface JobProgress {
  /** The phase the job is in. */
  readonly phase: JobPhase;
  /** Prospects listed (plan, settle, verify) or planned instances with an outcome (unassign). */
  readonly done: number;
  /** What `done` counts towards in this phase. */
  readonly total: number;
  /** Calls made by this run so far. */
  readonly calls: number;
  /** Until when (epoch ms) a 429 holds every call, if one does. */
  readonly holdUntil: number | undefined;
  /**
   * Until when (epoch ms) the job waits before listing what requests that got no response carried
   * (Gong may still be working on them), if it does.
   */
  readonly waitingUntil?: number | undefined;
}

/** The input of a job: the ids read from the file, and what they are. */
export interface JobInput {
  /** What the ids are: prospects' CRM ids or flow-instance ids. */
  readonly mode: "prospects" | "flow-instances";
  /** The ids, as `readIdFile` read them. */
  readonly entries: readonly IdEntry[];
  /** The input file's name, for messages and the journal. */
  readonly file: string;
}

/** Options of {@link runUnassignJob}. */
export interface UnassignJobOptions {
  /** The ids to work on. */
  readonly input: JobInput;
  /** `--flow` / `--status`. Default: every flow instance of the prospects. */
  readonly filter?: FlowFilter | undefined;
  /** Default `auto`: the planner's cost model chooses (see {@link chooseStrategy}). */
  readonly strategy?: Strategy | "auto" | undefined;
  /** Sent with every unassign request (`unassignedByUserEmail`): the Gong user on whose behalf. */
  readonly unassignedByUserEmail?: string | undefined;
  /**
   * Options of the client that sends the calls: `baseUrl`, `auth`, `rateLimit` and the rest (each
   * defaults as the client's does: credentials and base URL from the environment, 3 calls/second).
   * A `logger` or `onAttempt` given here is called as well as the job's own, not replaced.
   */
  readonly client?: GongFlowsClientOptions | undefined;
  /** Prospects per list call. Default 100. */
  readonly listBatchSize?: number | undefined;
  /** Requests in flight at once (the rate limit still spaces their starts). Default 4. */
  readonly concurrency?: number | undefined;
  /** Retries per request for the client. Default 3 (fewer when the daily budget is nearly spent). */
  readonly maxRetries?: number | undefined;
  /** The journal; required unless `dryRun`. Running again with the same journal resumes. */
  readonly journalPath?: string | undefined;
  /** Where to write the report (JSON; CSV and JSON when it ends in `.csv`). Default: not written. */
  readonly reportPath?: string | undefined;
  /** Plan and report only: lists (reads), sends no write, writes no journal. */
  readonly dryRun?: boolean | undefined;
  /** Calls allowed per UTC day, across every run of the journal. Default 9,000. */
  readonly dailyBudget?: number | undefined;
  /** Default `unconfirmed`. */
  readonly verify?: VerifyMode | undefined;
  /**
   * Asked once the plan is known and before anything is unassigned; false ends the job with exit code 4,
   * nothing sent (and, on a new journal, no journal and no report left).
   */
  readonly confirm?: ((plan: PlanSummary) => Promise<boolean>) | undefined;
  /** Called with the plan once it is known (before `confirm`). */
  readonly onPlan?: ((plan: PlanSummary) => void) | undefined;
  /** Called as the job advances, with its phase and counts. */
  readonly onProgress?: ((progress: JobProgress) => void) | undefined;
  /** Aborting stops the job gracefully: no new request, requests not yet sent held back, those on the wire awaited. */
  readonly signal?: AbortSignal | undefined;
  /** Aborting stops at once: requests on the wire are abandoned (their ids become unconfirmed). */
  readonly forceSignal?: AbortSignal | undefined;
  /** Builds the command that resumes the job, for the report and the messages. */
  readonly resumeCommand?: string | undefined;
  /** The clock (epoch ms): the UTC day of the daily budget, the journal's timestamps, the waits. */
  readonly now?: (() => number) | undefined;
  /**
   * How the job waits `ms` (before listing what requests that got no response carried; see the
   * README's "Never lose track"), or less once `signal` aborts. Default: a timer.
   */
  readonly sleep?: ((ms: number, signal: AbortSignal) => Promise<void>) | undefined;
  /** Name and version written in the journal and the report. Default `@gong-flows/cli`. */
  readonly tool?: string | undefined;
}

/** What {@link runUnassignJob} did. */
export interface UnassignJobResult {
  /**
   * 0: everything planned is unassigned (and verified as asked); 1: finished, but some instances
   * are not unassigned, or unconfirmed; 2: nothing was done because Gong refused the credentials
   * at once; 3: stopped early and resumable (also when the report or the journal could not be written
   * at the end); 4: not confirmed (`confirm` answered false), nothing sent.
   */
  readonly exitCode: 0 | 1 | 2 | 3 | 4;
  /** The job's report, whole (what `--report` writes as JSON). */
  readonly report: UnassignReport;
  /** The plan, once it was known. */
  readonly plan: PlanSummary | undefined;
  /** Why the run stopped early, when it did. */
  readonly stop: StopReason | undefined;
  /** The stop in one sentence, when there was one. */
  readonly stoppedBecause: string | undefined;
  /** Report files written. */
  readonly reportFiles: readonly string[];
  /** Warnings worth showing (a partial last journal line dropped, flows without ids, …). */
  readonly warnings: readonly string[];
  /** Each planned instance with its prospect, flow, status and outcome (what the CSV report holds). */
  instances(): Iterable<ReportInstance>;
}

/** A job was set up wrongly; nothing was sent. */
export class JobSetupError extends Error {
  /** `"JobSetupError"`: the class's name, which a bundler that renames classes does not change. */
  override name = "JobSetupError";
}

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
  const now = options.now ?? Date.now;
  const iso = () => new Date(now()).toISOString();
  const filter = options.filter ?? noFilter;
  const listBatchSize = options.listBatchSize ?? defaultListBatchSize;
  const concurrency = options.concurrency ?? 4;
  const verify = options.verify ?? "unconfirmed";
  const dailyBudget = options.dailyBudget ?? defaultDailyBudget;
  const dryRun = options.dryRun ?? false;
  const tool = options.tool ?? "@gong-flows/cli";
  const mode = options.input.mode;
  if (!Number.isInteger(dailyBudget) || dailyBudget < 1)
    throw new JobSetupError(`the daily budget must be a whole number of calls, 1 or more (got ${dailyBudget})`);
  if (!Number.isInteger(listBatchSize) || listBatchSize < 1)
    throw new JobSetupError(`listBatchSize must be a whole number, 1 or more (got ${listBatchSize})`);
  if (mode === "flow-instances" && (filter.flowIds.length > 0 || filter.statuses.length > 0)) {
    throw new JobSetupError(
      "--flow and --status filter what listing prospects finds; with --flow-instances the file itself is the plan",
    );
  }
  if (!dryRun && options.journalPath === undefined)
    throw new JobSetupError("a journal path is required unless it is a dry run");

  const redact = redactor(knownSecrets({ auth: options.client?.auth }));
  let holdUntil: number | undefined;
  const onClientEvent = (event: GongLogEvent) => {
    if (event.type === "rate-limited") holdUntil = Math.max(holdUntil ?? 0, now() + event.holdMs);
  };
  const client = createJobClient(options.client ?? {}, onClientEvent);
  const requestsPerSecond =
    options.client?.rateLimit === false
      ? undefined
      : (options.client?.rateLimit?.requestsPerSecond ?? defaultOptions.requestsPerSecond);

  const requestedStrategy = mode === "flow-instances" ? "list-then-batch" : (options.strategy ?? "auto");
  const job: JobDescription = {
    mode,
    input: {
      count: options.input.entries.length,
      sha256: inputDigest(options.input.entries),
      file: options.input.file,
    },
    flowIds: [...filter.flowIds],
    statuses: [...filter.statuses],
    strategy: requestedStrategy,
    baseUrl: withoutUserInfo(client.baseUrl),
    ...(options.unassignedByUserEmail === undefined ? {} : { unassignedByUserEmail: options.unassignedByUserEmail }),
  };
  const fingerprint = jobFingerprint(job);

  const choice =
    mode === "flow-instances"
      ? { strategy: "list-then-batch" as const, reason: "the file lists the flow instances: 200 per call" }
      : chooseStrategy({
          prospects: options.input.entries.length,
          filter,
          listBatchSize,
          requested: requestedStrategy,
        });
  if ("error" in choice) throw new JobSetupError(choice.error);

  // The journal: its first record fixes the job (a journal of another job is refused); the rest is
  // replayed into the state as it is read, never held whole.
  let journal: JournalFile | undefined;
  const warnings: string[] = [];
  let strategy: Strategy = choice.strategy;
  let strategyReason = choice.reason;
  let replayed: JobState | undefined;
  const newState = () => new JobState({ filter, strategy, mode, entries: options.input.entries });
  const journalIsNew = !dryRun && (await stat(options.journalPath!).catch(() => undefined)) === undefined;
  if (!dryRun) {
    const opened = await openJournal(
      options.journalPath!,
      (record) => {
        if (replayed === undefined) {
          if (record.type !== "start" || record.format !== journalFormat) {
            throw new JournalError(
              `${options.journalPath} is not a gong-flows journal of format ${journalFormat}; use another --journal`,
            );
          }
          if (record.fingerprint !== fingerprint) {
            const differences = jobDifferences(record.job, job);
            throw new JournalError(
              `${options.journalPath} was written for a different job, so it cannot be resumed by this one:\n` +
                (differences.length > 0 ? differences : ["the job description differs"])
                  .map((d) => `  - ${d}`)
                  .join("\n") +
                "\nRun the original command to resume that job, or give this one its own --journal (or --report, which the journal sits beside).",
            );
          }
          strategy = record.strategy;
          if (strategy !== choice.strategy) strategyReason = `the strategy of the journal's first run (${strategy})`;
          replayed = newState();
        }
        replayed.apply(record);
      },
      { header: journalHeader },
    );
    journal = opened.journal;
    if (opened.droppedPartialLine)
      warnings.push(`the journal's last line was cut short (the process died while writing it) and was dropped`);
  }
  const state = replayed ?? newState();
  const recorder = createRecorder(state, journal, redact);
  const start: StartRecord = {
    type: "start",
    format: journalFormat,
    at: iso(),
    run: state.runsStarted + 1,
    tool,
    fingerprint,
    job,
    strategy,
  };
  try {
    await recorder.write(start);
  } catch (error) {
    await journal?.close();
    throw error;
  }
  const callsAtStart: CallCounts = { ...state.calls };

  const maxRetries = options.maxRetries ?? defaultOptions.maxRetries;
  const budget = new DailyBudget(dailyBudget, state, now);
  const inFlight = new Set<InFlight>();
  const stopping = new AbortController();
  const sender = createSender({
    stopping: stopping.signal,
    client,
    recorder,
    state,
    budget,
    now,
    maxRetries,
    unassignedByUserEmail: options.unassignedByUserEmail,
    inFlight,
  });

  let stop: StopReason | undefined;
  const stopWith = (reason: StopReason) => {
    stop ??= reason;
    stopping.abort();
    // Requests still waiting for their turn have not left: hold them back (those on the wire finish),
    // except when the budget is what ran out: requests in flight have their calls reserved.
    if (reason.kind === "daily-budget") return;
    for (const entry of inFlight)
      if (entry.attempts.length === 0) entry.controller.abort(new Error("the job is stopping"));
  };
  const keepGoing = () => stop === undefined;
  const onSignal = () => stopWith({ kind: "signal", signal: signalName(options.signal?.reason) });
  const onForce = () => {
    stopWith({ kind: "signal", signal: signalName(options.forceSignal?.reason) });
    for (const entry of inFlight) entry.controller.abort(new Error("the job was stopped at once"));
  };
  if (options.signal?.aborted) onSignal();
  options.signal?.addEventListener("abort", onSignal, { once: true });
  options.forceSignal?.addEventListener("abort", onForce, { once: true });
  const refusedThisRun = new Set<string>();

  let waitingUntil: number | undefined;
  const progress = (phase: JobPhase, done: number, total: number) => {
    const hold = holdUntil !== undefined && holdUntil > now() ? holdUntil : undefined;
    const waiting = waitingUntil === undefined ? {} : { waitingUntil };
    options.onProgress?.({
      phase,
      done,
      total,
      calls: state.calls.total - callsAtStart.total,
      holdUntil: hold,
      ...waiting,
    });
  };
  /**
   * A 429 Gong answered without acting, with a wait the client holds through (Retry-After up to the
   * client's maxRetryAfterMs): the request is sent again, up to `maxRetries` times. Unassign requests
   * get no retries from the client (see {@link SenderDeps.maxRetries}), so this is where they are retried.
   */
  const maxRetryAfterMs = options.client?.maxRetryAfterMs ?? defaultOptions.maxRetryAfterMs;
  const sendAgain = (outcome: SendOutcome, tries: number) =>
    tries <= maxRetries &&
    keepGoing() &&
    outcome.status === "failed" &&
    outcome.applied === "no" &&
    outcome.error instanceof GongRateLimitError &&
    (outcome.error.retryAfterMs === undefined || outcome.error.retryAfterMs <= maxRetryAfterMs);

  /**
   * Records what a request's outcome means for the job as a whole. An unassign request whose answer
   * was lost (a dropped connection, a timeout, a 5xx) does not stop the job on its own: its ids are
   * unconfirmed and get settled by listing. Only a run of such failures, which says Gong is down, does.
   */
  let ambiguousInARow = 0;
  const settleOutcome = (outcome: SendOutcome, ids: readonly string[]) => {
    if (outcome.status === "answered") ambiguousInARow = 0;
    else if (outcome.status === "no-budget") stopWith({ kind: "daily-budget", limit: dailyBudget, day: utcDay(now()) });
    else if (outcome.status === "failed") {
      const isolated =
        outcome.applied === "maybe" &&
        ids.length > 0 &&
        outcome.stop?.kind === "gong-unavailable" &&
        ++ambiguousInARow < 3;
      if (outcome.stop !== undefined && !isolated) stopWith(outcome.stop);
      // Refused before Gong acted (a 400, say): not sent again in this run, where it would be refused again.
      else if (outcome.applied === "no") for (const id of ids) refusedThisRun.add(id);
    }
  };

  const actions = createJobActions({
    state,
    sender,
    listBatchSize,
    concurrency,
    keepGoing,
    progress,
    settleOutcome,
    sendAgain,
    refusedThisRun,
  });

  let plan: PlanSummary | undefined;
  let verified = false;
  try {
    // 1. Plan: list every prospect not listed yet (a dry run lists them even for by-crm-id, to show the plan).
    if (mode === "prospects" && (strategy === "list-then-batch" || dryRun)) {
      const unlisted = state.prospects.filter((p) => !state.listedProspects.has(p));
      if (unlisted.length > 0) await actions.listProspects("plan", "plan-list", unlisted);
      if (keepGoing() && !state.planned && state.prospects.every((p) => state.listedProspects.has(p))) {
        await recorder.write({ type: "planned", at: iso(), instances: state.instances.size });
      }
    }
    plan = summarizePlan(state, {
      strategyReason,
      listBatchSize,
      requestsPerSecond,
      dailyBudget,
      budgetUsedToday: budget.usedToday(),
      listingAgain: dryRun,
    });
    if (state.outsideInput.size > 0) {
      warnings.push(
        `${state.outsideInput.size} flow instance(s) listed for prospects the input does not name were left alone (flowInstancesOutsideInput in the report)`,
      );
    }
    if (state.flowsWithoutInstanceId > 0)
      warnings.push(
        `${state.flowsWithoutInstanceId} flow(s) listed without a flowInstanceId cannot be unassigned by id`,
      );
    // A plan cut short by a stop (a signal, the budget) is not shown as if it were the plan.
    if (keepGoing()) options.onPlan?.(plan);

    if (!dryRun && keepGoing()) {
      if (options.confirm !== undefined && plan.toSend > 0 && !(await options.confirm(plan)))
        stopWith({ kind: "declined" });
      // 2. Act, settling unknown outcomes by listing.
      const onWait = (until: number | undefined) => {
        waitingUntil = until;
        if (until !== undefined) progress("settle", 0, actions.unsettledProspects().length);
      };
      const sleep = options.sleep ?? timerSleep;
      await sendAndSettle({
        actions,
        state,
        verify,
        keepGoing,
        graceMs: client.timeoutMs,
        now,
        sleep,
        stopping: stopping.signal,
        onWait,
      });
      // 3. Verify every prospect at the end, when asked.
      if (keepGoing() && verify === "all") {
        const prospects = mode === "prospects" ? state.prospects : distinctProspects(state);
        await actions.listProspects("verify", "check-list", prospects, true);
      }
      verified =
        keepGoing() &&
        verify !== "none" &&
        !hasUnconfirmed(state) &&
        (verify !== "all" || everyInstanceHasProspect(state));
    }
  } catch (error) {
    // A failure of the job itself (the journal's disk, say): everything up to it is journaled.
    stopWith({ kind: "error", message: error instanceof Error ? error.message : String(error) });
  } finally {
    options.signal?.removeEventListener("abort", onSignal);
    options.forceSignal?.removeEventListener("abort", onForce);
  }

  let exitCode = exitCodeFor(state, stop, dryRun, callsAtStart);
  let stoppedBecause = stop === undefined ? undefined : redact(describeStop(stop, now()));
  const reportOf = () =>
    buildReport(state, {
      tool,
      dryRun,
      journal: options.journalPath,
      verify,
      verified,
      callsAtStart,
      exitCode,
      stoppedBecause,
      resumeCommand: exitCode === 3 ? options.resumeCommand : undefined,
      finishedAt: iso(),
    });
  let report = reportOf();
  let reportFiles: string[] = [];
  // A run that sent no write and will not go on (declined, or credentials refused) leaves nothing behind:
  // no report, and no journal that would tie a corrected command (another GONG_BASE_URL) to this one.
  const leaveNothing = journalIsNew && !wroteSince(state, callsAtStart) && (exitCode === 2 || exitCode === 4);
  try {
    if (leaveNothing) await discardJournal(journal);
    else {
      try {
        if (options.reportPath !== undefined)
          reportFiles = await writeReport(options.reportPath, report, reportInstances(state, dryRun));
        await recorder.write({
          type: "end",
          at: iso(),
          exitCode,
          ...(stoppedBecause === undefined ? {} : { reason: stoppedBecause }),
        });
      } catch (error) {
        // The disk filled up at the end, say: what was done is in the journal (as far as it could be
        // written), and running the same command again writes the report.
        exitCode = 3;
        stoppedBecause = redact(
          `the report or the journal could not be written (${error instanceof Error ? error.message : String(error)}); the journal holds what was done: run the same command again to finish`,
        );
        report = reportOf();
      }
    }
  } finally {
    await journal?.close();
  }
  return {
    exitCode,
    report,
    plan,
    stop,
    stoppedBecause,
    reportFiles,
    warnings,
    instances: () => reportInstances(state, dryRun),
  };
}

/** True when this run sent an unassign request. */
function wroteSince(state: JobState, callsAtStart: CallCounts): boolean {
  return (
    state.calls.unassignFlowsByCrmProspectId + state.calls.unassignFlowsByFlowInstanceIds >
    callsAtStart.unassignFlowsByCrmProspectId + callsAtStart.unassignFlowsByFlowInstanceIds
  );
}

/** Closes the journal this run created and removes it (its lock goes with the close). */
async function discardJournal(journal: JournalFile | undefined): Promise<void> {
  if (journal === undefined) return;
  await journal.close();
  await rm(journal.path, { force: true });
}

function hasUnconfirmed(state: JobState): boolean {
  for (const instance of state.instances.values()) if (instance.outcome === "unconfirmed") return true;
  for (const target of state.targets.values()) if (target.outcome === "unconfirmed") return true;
  return false;
}

function everyInstanceHasProspect(state: JobState): boolean {
  for (const instance of state.instances.values()) if (instance.crmProspectId === undefined) return false;
  return true;
}

function distinctProspects(state: JobState): string[] {
  const prospects = new Set<string>();
  for (const instance of state.instances.values())
    if (instance.crmProspectId !== undefined) prospects.add(instance.crmProspectId);
  return [...prospects];
}

function signalName(reason: unknown): string {
  return typeof reason === "string" ? reason : reason instanceof Error ? reason.message : "a stop request";
}

/** The exit code the job's state and stop come to (see {@link UnassignJobResult.exitCode}). */
function exitCodeFor(
  state: JobState,
  stop: StopReason | undefined,
  dryRun: boolean,
  callsAtStart: CallCounts,
): 0 | 1 | 2 | 3 | 4 {
  if (stop !== undefined) {
    if (stop.kind === "declined") return 4;
    return stop.kind === "credentials" && !wroteSince(state, callsAtStart) ? 2 : 3;
  }
  if (dryRun) return 0;
  for (const instance of state.instances.values()) if (instance.outcome !== "unassigned") return 1;
  for (const target of state.targets.values()) if (target.outcome !== "done") return 1;
  if (
    state.mode === "prospects" &&
    state.strategy === "list-then-batch" &&
    state.prospects.some((p) => !state.listedProspects.has(p))
  )
    return 1;
  return 0;
}
