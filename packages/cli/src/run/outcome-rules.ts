import { GongRateLimitError } from "@gong-flows/client";
import type { SendOutcome } from "./request-sender.js";
import type { StopReason } from "./stop-reason.js";

/** Failures in a row that may have reached Gong, after which the job stops: Gong is down, not flaky. */
const ambiguousFailuresToStop = 3;

/**
 * Whether to send a request again: a 429 Gong returned without acting, with a wait the client holds
 * through (Retry-After up to `maxRetryAfterMs`), up to `maxRetries` times. The client does not retry
 * writes itself (see `SenderDeps.maxRetries`), so this is where they are retried.
 */
export function shouldSendAgain(
  outcome: SendOutcome,
  tries: number,
  limits: { readonly maxRetries: number; readonly maxRetryAfterMs: number },
): boolean {
  return (
    tries <= limits.maxRetries &&
    outcome.status === "failed" &&
    outcome.applied === "no" &&
    outcome.error instanceof GongRateLimitError &&
    (outcome.error.retryAfterMs === undefined || outcome.error.retryAfterMs <= limits.maxRetryAfterMs)
  );
}

/** What the outcomes of a job's requests mean for the job as a whole. */
export interface OutcomeRules {
  /** Records what a request's outcome means for the job: a stop, or ids refused in this run. */
  settleOutcome(outcome: SendOutcome, ids: readonly string[]): void;
  /** Ids Gong refused before acting in this run: not sent again in it, where they would be refused again. */
  readonly refusedThisRun: ReadonlySet<string>;
}

/**
 * A write whose response was lost (a dropped connection, a timeout, a 5xx) does not stop the job on
 * its own: its ids are unconfirmed and get settled by listing. Only a run of such failures does.
 */
export function createOutcomeRules(deps: {
  readonly stopWith: (reason: StopReason) => void;
  /** The stop for a request the daily budget had no call left for. */
  readonly budgetSpent: () => StopReason;
}): OutcomeRules {
  const refusedThisRun = new Set<string>();
  let ambiguousInARow = 0;
  return {
    refusedThisRun,
    settleOutcome(outcome, ids) {
      if (outcome.status === "responded") ambiguousInARow = 0;
      else if (outcome.status === "no-budget") deps.stopWith(deps.budgetSpent());
      else if (outcome.status === "failed") {
        const isolated =
          outcome.applied === "maybe" &&
          ids.length > 0 &&
          outcome.stop?.kind === "gong-unavailable" &&
          ++ambiguousInARow < ambiguousFailuresToStop;
        if (outcome.stop !== undefined && !isolated) deps.stopWith(outcome.stop);
        // Refused before Gong acted (a 400, say): it would be refused again in this run.
        else if (outcome.applied === "no") for (const id of ids) refusedThisRun.add(id);
      }
    },
  };
}
