import { AttemptHeld, type AttemptReporter, attemptReporter } from "./attempt-hook.js";
import { type AttemptControl, controlAttempt } from "./attempt-control.js";
import { type AttemptCall, type AttemptState, attemptFetch } from "./attempt-fetch.js";
import type { ApiResult, Attempt } from "./call.js";
import {
  heldError,
  noResponseError,
  notJsonError,
  notSentError,
  refusalError,
  requestIdOf,
  storeError,
  unsendableError,
} from "./call-errors.js";
import { GongError } from "./errors.js";
import type { AttemptLog } from "./logger.js";
import { RateLimitRefusal } from "./rate-limit.js";

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
): Promise<T | GongError> {
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
  const state: AttemptState = { sent: false, startedAt: 0 };
  const fetch = attemptFetch(call, control, report, log, state);
  let result: T;
  try {
    // The client's headers with the attempt's Authorization, and the call's own headers if any.
    const headers = target.headers
      ? { ...transport.headersWith(authorization), ...target.headers, authorization }
      : transport.headersWith(authorization);
    result = await attempt({ signal: control.signal, fetch, headers });
  } catch (error) {
    control.dispose();
    return retryableFailure(call, control, report, state, error);
  }
  control.dispose();
  const { status } = result.response;
  report.settled({ sent: state.sent, status });
  if (transport.logger) {
    const requestId = requestIdOf(result.data ?? result.error);
    const durationMs = Date.now() - state.startedAt;
    log({ type: "response", status, requestId: requestId && transport.redactor.text(requestId), durationMs });
  }
  return result;
}

/**
 * Judges an attempt that threw: throws the error that ends the call, or returns the connection error
 * or timeout that a retry may cure. Marks the call ambiguous when Gong may have acted.
 */
function retryableFailure(
  call: AttemptCall,
  control: AttemptControl,
  report: AttemptReporter,
  state: AttemptState,
  error: unknown,
): GongError {
  const { target, record } = call;
  const { redactor } = call.transport;
  if (!state.sent) report.settled({ sent: false });
  const reason = state.turnError?.reason;
  // The request did not get its turn: the call was aborted or stopped, a hook held it, or the store said no.
  if (state.turnError) {
    if (target.signal?.aborted || target.stop?.aborted) throw notSentError(call, target.signal);
    if (reason instanceof AttemptHeld) throw heldError(call);
    if (reason instanceof RateLimitRefusal) throw refusalError(call, reason, redactor);
    throw storeError(call, reason, redactor);
  }
  // Nothing left: openapi-fetch could not build the request, or a middleware threw. Not retried.
  if (!state.sent) throw unsendableError(call, error, redactor);
  const timedOut = control.timedOut();
  if (report.settled({ sent: true, status: state.response?.status, error, timedOut })) record.ambiguous = true;
  if (target.signal?.aborted) throw notSentError(call, target.signal);
  if (state.misbehaved) throw state.misbehaved;
  if (error instanceof SyntaxError && state.response?.ok) {
    // openapi-fetch parses a success body as JSON; one that is not JSON breaks the contract.
    record.ambiguous = true;
    throw notJsonError(call, state.response.status);
  }
  if (error instanceof GongError && !timedOut) throw error;
  return noResponseError(call, error, timedOut ? call.timeoutMs : undefined, redactor);
}
