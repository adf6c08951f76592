import { AttemptHeld, type AttemptReporter, attemptReporter } from "./attempt-hook.js";
import { type AttemptControl, controlAttempt } from "./attempt-control.js";
import { type AttemptCall, type AttemptState, attemptFetch } from "./attempt-fetch.js";
import type { ApiResult, Attempt } from "./call.js";
import { requestIdOf } from "./call-errors.js";
import { GongError } from "./errors.js";
import type { AttemptLog } from "./logger.js";
import { RateLimitRefusal } from "./rate-limit.js";

/** How one attempt ended, for the retry decision: a response, or a sent request that got none. */
export type AttemptOutcome<T extends ApiResult> =
  | { type: "response"; result: T }
  | { type: "no-response"; error: GongError };

/**
 * Runs one attempt: its rate-limit turn as the request leaves, `timeoutMs` from then, the caller's
 * abort throughout. Returns the response, or the connection error or timeout a retry may cure; throws
 * what ends the call at once (an abort, a refusal, a request that could not be built or sent).
 */
export async function runAttempt<T extends ApiResult>(
  call: AttemptCall,
  number: number,
  authorization: string,
  log: AttemptLog,
  attempt: (means: Attempt) => Promise<T>,
): Promise<AttemptOutcome<T>> {
  const { transport, target } = call;
  const control = controlAttempt(target.signal, target.stop);
  const { operation, method, path } = target;
  const report = attemptReporter(call.hooks, () => ({
    operation,
    method,
    path,
    attempt: number,
    ids: target.ids ?? [],
  }));
  const state: AttemptState = {
    turnError: undefined,
    sent: false,
    misbehaved: undefined,
    response: undefined,
    startedAt: 0,
  };
  const turn = {
    requestsPerSecond: transport.requestsPerSecond,
    maxWaitMs: transport.maxRetryAfterMs,
    signal: control.signal,
  };
  const fetch = attemptFetch({ call, control, report, log, turn, state });
  let result: T;
  try {
    result = await attempt({ signal: control.signal, fetch, headers: headersOf(call, authorization) });
  } catch (error) {
    control.dispose();
    return { type: "no-response", error: retryableFailure(call, { control, report, state }, error) };
  }
  control.dispose();
  const { status } = result.response;
  report.settled({ sent: state.sent, status });
  if (transport.logger) {
    const requestId = requestIdOf(result.data ?? result.error);
    const durationMs = Date.now() - state.startedAt;
    log({ type: "response", status, requestId: requestId && transport.redactor.text(requestId), durationMs });
  }
  return { type: "response", result };
}

/** The client's headers with the attempt's Authorization, and the call's own headers if any. */
function headersOf({ transport, target }: AttemptCall, authorization: string): Record<string, string> {
  return target.headers
    ? { ...transport.headersWith(authorization), ...target.headers, authorization }
    : transport.headersWith(authorization);
}

/**
 * Judges an attempt that threw: throws the error that ends the call, or returns the connection error
 * or timeout that a retry may cure. Marks the call ambiguous when Gong may have acted.
 */
function retryableFailure(
  call: AttemptCall,
  { control, report, state }: { control: AttemptControl; report: AttemptReporter; state: AttemptState },
  error: unknown,
): GongError {
  const { target, errors, record } = call;
  if (!state.sent) report.settled({ sent: false });
  if (state.turnError) throw turnFailure(call, state.turnError.reason);
  // Nothing left: openapi-fetch could not build the request, or a middleware threw. Not retried.
  if (!state.sent) throw errors.unsendable(error);
  const timedOut = control.timedOut();
  if (report.settled({ sent: true, status: state.response?.status, error, timedOut })) record.ambiguous = true;
  if (target.signal?.aborted) throw errors.notSent();
  if (state.misbehaved) throw state.misbehaved;
  if (error instanceof SyntaxError && state.response?.ok) {
    // openapi-fetch parses a success body as JSON; one that is not JSON breaks the contract.
    record.ambiguous = true;
    throw errors.notJson(state.response.status);
  }
  if (error instanceof GongError && !timedOut) throw error;
  return errors.noResponse(error, timedOut ? call.timeoutMs : undefined);
}

/** The error of an attempt that did not get its turn. */
function turnFailure({ target, errors }: AttemptCall, reason: unknown): GongError {
  if (target.signal?.aborted || target.stop?.aborted) return errors.notSent();
  if (reason instanceof AttemptHeld) return errors.held();
  if (reason instanceof RateLimitRefusal) return errors.refused(reason);
  return errors.storeFailed(reason);
}
