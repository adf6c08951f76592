import { utcDay } from "../journal/job-state.js";
import { type CallLedger, DailyBudget } from "./daily-budget.js";
import type { JobProgress } from "./job-options.js";
import { createProgressReporter, type HoldWatch, type ProgressReporter } from "./job-progress.js";
import { createOutcomeRules, type OutcomeRules, shouldSendAgain } from "./outcome-rules.js";
import type { Recorder } from "./recorder.js";
import { createRequestSender, type InFlight, type RequestSender, type SendOutcome } from "./request-sender.js";
import { createStopControl, type StopControl } from "./stop-control.js";

/**
 * What every bulk job runs on, whatever its operation: the daily budget, the journaled request path,
 * the stop, the rules for what an outcome means, and the progress reports.
 */
export interface JobRun {
  readonly budget: DailyBudget;
  readonly requests: RequestSender;
  readonly stop: StopControl;
  readonly rules: OutcomeRules;
  readonly progress: ProgressReporter;
  /** Whether to send a request again after this outcome (a 429 Gong returned before acting). */
  sendAgain(outcome: SendOutcome, tries: number): boolean;
}

/** What {@link createJobRun} needs. */
export interface JobRunOptions {
  /** The job's state as the journal builds it: the calls made, the next request's number. */
  readonly state: CallLedger & { readonly nextSeq: number; readonly calls: { readonly total: number } };
  readonly recorder: Recorder;
  readonly now: () => number;
  readonly dailyBudget: number;
  readonly maxRetries: number;
  readonly maxRetryAfterMs: number;
  readonly holds: HoldWatch;
  readonly onProgress: ((progress: JobProgress) => void) | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly forceSignal?: AbortSignal | undefined;
}

export function createJobRun(options: JobRunOptions): JobRun {
  const { state, now, dailyBudget } = options;
  const callsAtStart = state.calls.total;
  const budget = new DailyBudget(dailyBudget, state, now);
  const inFlight = new Set<InFlight>();
  const stop = createStopControl({ inFlight, signal: options.signal, forceSignal: options.forceSignal });
  const requests = createRequestSender({
    recorder: options.recorder,
    nextSeq: () => state.nextSeq,
    budget,
    now,
    stopping: stop.stopping,
    inFlight,
  });
  const rules = createOutcomeRules({
    stopWith: stop.stopWith,
    budgetSpent: () => ({ kind: "daily-budget", limit: dailyBudget, day: utcDay(now()) }),
  });
  const progress = createProgressReporter({
    holds: options.holds,
    callsThisRun: () => state.calls.total - callsAtStart,
    onProgress: options.onProgress,
  });
  const limits = { maxRetries: options.maxRetries, maxRetryAfterMs: options.maxRetryAfterMs };
  return {
    budget,
    requests,
    stop,
    rules,
    progress,
    sendAgain: (outcome, tries) => stop.keepGoing() && shouldSendAgain(outcome, tries, limits),
  };
}
