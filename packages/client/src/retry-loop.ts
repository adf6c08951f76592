import type { GongAttemptHook } from "./attempt-hook.js";
import { runAttempt } from "./attempt.js";
import type { AttemptCall } from "./attempt-fetch.js";
import type { ApiResult, Attempt, CallRecord, CallTarget, Transport } from "./call.js";
import { callNames, notSentError, storeError } from "./call-errors.js";
import { GongError } from "./errors.js";
import { attemptLog } from "./logger.js";
import {
  backoffDelayMs,
  decideRetry,
  isRetryableStatus,
  isSentOnce,
  mayHaveActed,
  parseRetryAfterMs,
  type RetryState,
} from "./retry-policy.js";
import { sleep } from "./timers.js";

/**
 * Runs `attempt` until {@link decideRetry} says the call ends: returns the last response (HTTP errors
 * included), or throws the error of a call that got none. `record.ambiguous`: an attempt's outcome was unknown.
 */
export async function withRetries<T extends ApiResult>(
  transport: Transport,
  target: CallTarget,
  record: CallRecord,
  attempt: (means: Attempt) => Promise<T>,
): Promise<T> {
  const call = attemptCall(transport, target, record);
  const state: RetryState = {
    retries: 0,
    maxRetries: target.maxRetries ?? transport.maxRetries,
    maxRetryAfterMs: transport.maxRetryAfterMs,
    canRefreshToken: transport.auth.refreshable,
  };
  let refresh = false;
  for (let number = 1; ; number++) {
    const log = attemptLog(transport.logger, target, number);
    if (target.signal?.aborted || target.stop?.aborted) throw notSentError(call, target.signal);
    const pending = transport.auth.header(refresh);
    const authorization = typeof pending === "string" ? pending : await pending;
    refresh = false;
    const outcome = await runAttempt(call, number, authorization, log, attempt);
    const response = outcome instanceof GongError ? undefined : outcome.response;
    const status = response?.status;
    const retryAfterMs = status === 429 ? parseRetryAfterMs(response?.headers.get("retry-after")) : undefined;
    if (status !== undefined && isRetryableStatus(status) && mayHaveActed(status)) record.ambiguous = true;
    // A write sent once ends with the attempt whose outcome is unknown: its error says "may have acted".
    const decision =
      isSentOnce(target.operation) && record.ambiguous ? "end" : decideRetry({ status, retryAfterMs }, state);

    if (decision === "refresh-token") {
      refresh = true;
      state.canRefreshToken = false;
      log({ type: "retry", reason: "401: asking auth.bearerToken for a fresh token", status, delayMs: 0 });
      continue;
    }
    if (decision.startsWith("hold")) {
      // Hold everyone sharing the store: their queued calls would only bounce off Gong too.
      const holdMs = retryAfterMs ?? backoffDelayMs(state.retries, transport.retryDelay);
      try {
        await transport.store.hold(holdMs);
      } catch (error) {
        throw storeError(call, error, transport.redactor);
      }
      log({ type: "rate-limited", holdMs, retryAfterMs });
      if (decision === "hold-then-end" && !(outcome instanceof GongError)) return outcome;
      state.retries++;
      log({ type: "retry", reason: "429 Too Many Requests", status, delayMs: holdMs });
      continue; // the next turn waits for the hold
    }
    if (decision === "end") {
      if (!(outcome instanceof GongError)) return outcome;
      log({ type: "failed", reason: outcome.message });
      throw outcome;
    }
    const delayMs = backoffDelayMs(state.retries++, transport.retryDelay);
    const reason = outcome instanceof GongError ? outcome.message : `${status} answer`;
    log({ type: "retry", reason, status, delayMs });
    await pause(call, delayMs);
  }
}

/** The call as its attempts see it: its settings resolved against the client's, and its error factory. */
function attemptCall(transport: Transport, target: CallTarget, record: CallRecord): AttemptCall {
  const hooks = [transport.onAttempt, target.onAttempt].filter((hook): hook is GongAttemptHook => hook !== undefined);
  const timeoutMs = target.timeoutMs ?? transport.timeoutMs;
  return { transport, target, record, ...callNames(target), timeoutMs, hooks };
}

/** Waits before a retry; the caller's signal and a stopped batch end the wait. */
async function pause(call: AttemptCall, ms: number): Promise<void> {
  try {
    await sleep(ms, call.target.signal, call.target.stop);
  } catch {
    throw notSentError(call, call.target.signal);
  }
}
