import { GongAbortError, GongConnectionError, GongError, GongRateLimitError, GongTimeoutError } from "./errors.js";
import { emit, type GongLogger } from "./logger.js";
import { RateLimitHoldTooLong, type RateLimiter } from "./rate-limit.js";
import { redactError } from "./redact.js";
import { backoffDelayMs, isRetryableStatus, parseRetryAfterMs, type RetryDelayOptions } from "./retry.js";
import { sleep } from "./sleep.js";
import type { OperationName } from "./types.js";

/** The retry and rate-limit settings of one client instance. */
export interface AttemptPolicy {
  limiter: RateLimiter;
  timeoutMs: number;
  maxRetries: number;
  maxRetryAfterMs: number;
  retryDelay: RetryDelayOptions;
  logger: GongLogger | undefined;
  /** The credentials, to redact from anything a `fetch` throws. */
  secrets: readonly string[];
}

/** The call being attempted, and the caller's per-call settings. */
export interface AttemptTarget {
  operation: OperationName | undefined;
  method: string;
  path: string;
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
}

/** What the retry loop needs to know of one attempt's outcome. */
export interface AttemptAnswer {
  response: Response;
  /** Gong's request id in the answer, for log events (only asked for when there is a logger). */
  requestId(): string | undefined | Promise<string | undefined>;
}

/**
 * Runs `attempt` until it yields an answer worth returning, one attempt per rate-limiter turn:
 * waits for the client's rate limiter, gives each attempt a signal that aborts on the caller's signal
 * or after the per-attempt timeout, and retries 429/500/502/503/504 answers, connection errors and
 * timeouts with capped exponential backoff and full jitter. A 429 holds the whole client for its
 * `Retry-After` (or the backoff when it has none); a `Retry-After` longer than `maxRetryAfterMs` is
 * returned at once rather than waited through.
 *
 * HTTP error answers are returned (the last one, once the retries run out). What has no answer is
 * thrown as a {@link GongError}: a connection error, a timeout, the caller's abort, or a rate-limit
 * hold longer than `maxRetryAfterMs`. A `GongError` thrown by `attempt` itself ends the loop as is.
 */
export async function withRetries<T>(
  policy: AttemptPolicy,
  target: AttemptTarget,
  attempt: (signal: AbortSignal) => Promise<T>,
  answerOf: (outcome: T) => AttemptAnswer,
): Promise<T> {
  const { operation, method, path, signal } = target;
  const timeoutMs = target.timeoutMs ?? policy.timeoutMs;
  const maxRetries = target.maxRetries ?? policy.maxRetries;
  const label = operation ?? `${method} ${path}`;
  const base = { operation, method, path };

  for (let number = 1; ; number++) {
    const retriesLeft = number <= maxRetries;
    let waitedMs = 0;
    try {
      if (signal?.aborted) throw signal.reason;
      // Below the limit the turn is immediate; only a request that must wait pays for a promise.
      if (!policy.limiter.tryAcquire()) waitedMs = await policy.limiter.acquire(signal, policy.maxRetryAfterMs);
    } catch (error) {
      if (error instanceof RateLimitHoldTooLong) {
        throw new GongRateLimitError(
          { status: 429, operation, endpoint: `${method} ${path}`, retryAfterMs: error.remainingMs },
          `Not sent: this client is holding all calls for another ${Math.ceil(error.remainingMs / 1000)} s after ` +
            `Gong's 429 answer, longer than maxRetryAfterMs (${policy.maxRetryAfterMs} ms). Schedule the call later.`,
        );
      }
      throw abortError(signal, label, operation);
    }
    emit(policy.logger, { type: "request", ...base, attempt: number, waitedMs });

    const started = Date.now();
    const control = controlAttempt(signal, timeoutMs);
    let outcome: T;
    try {
      outcome = await attempt(control.signal);
    } catch (error) {
      if (signal?.aborted) throw abortError(signal, label, operation);
      if (error instanceof GongError && !control.timedOut()) throw error;
      // Whatever the fetch threw is redacted before any of it is used: a custom fetch (a proxy
      // wrapper, say) may quote the request's Authorization header in its message.
      const safeError = redactError(error, policy.secrets);
      const failure = control.timedOut()
        ? new GongTimeoutError(`${label}: no complete answer within ${timeoutMs} ms`, { operation, timeoutMs })
        : new GongConnectionError(`${label}: could not reach Gong (${describe(safeError)})`, { operation, cause: safeError });
      if (!retriesLeft) {
        emit(policy.logger, { type: "failed", ...base, attempt: number, reason: failure.message });
        throw failure;
      }
      const delayMs = backoffDelayMs(number - 1, policy.retryDelay);
      emit(policy.logger, { type: "retry", ...base, attempt: number, reason: failure.message, status: undefined, delayMs });
      await sleepOrAbort(delayMs, signal, label, operation);
      continue;
    } finally {
      control.dispose();
    }

    const answer = answerOf(outcome);
    const { status } = answer.response;
    if (policy.logger) {
      const requestId = await answer.requestId();
      emit(policy.logger, { type: "response", ...base, attempt: number, status, requestId, durationMs: Date.now() - started });
    }
    if (!isRetryableStatus(status)) return outcome;

    if (status === 429) {
      const retryAfterMs = parseRetryAfterMs(answer.response.headers.get("retry-after"));
      // Hold the whole client: its queued calls would only bounce off Gong too.
      const holdMs = retryAfterMs ?? backoffDelayMs(number - 1, policy.retryDelay);
      policy.limiter.hold(holdMs);
      emit(policy.logger, { type: "rate-limited", ...base, attempt: number, holdMs, retryAfterMs });
      // A wait longer than maxRetryAfterMs (Gong's daily quota) is not slept through: the answer goes
      // back at once, so that the caller gets GongRateLimitError with retryAfterMs and can schedule.
      if (!retriesLeft || (retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterMs)) return outcome;
      emit(policy.logger, { type: "retry", ...base, attempt: number, reason: "429 Too Many Requests", status, delayMs: holdMs });
      continue; // the next turn of the rate limiter waits for the hold
    }
    if (!retriesLeft) return outcome;
    const delayMs = backoffDelayMs(number - 1, policy.retryDelay);
    emit(policy.logger, { type: "retry", ...base, attempt: number, reason: `${status} answer`, status, delayMs });
    await sleepOrAbort(delayMs, signal, label, operation);
  }
}

/**
 * An AbortSignal for one attempt: aborted by the caller's signal or by the per-attempt timeout,
 * whichever comes first. (Built by hand rather than with AbortSignal.any/timeout, which not every
 * supported runtime has, and so that a timeout can be told apart from the caller's abort.)
 */
function controlAttempt(callerSignal: AbortSignal | undefined, timeoutMs: number) {
  const controller = new AbortController();
  let timedOut = false;
  const onAbort = () => controller.abort(callerSignal?.reason);
  callerSignal?.addEventListener("abort", onAbort, { once: true });
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error(`attempt timed out after ${timeoutMs} ms`));
  }, timeoutMs);
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    dispose: () => {
      clearTimeout(timer);
      callerSignal?.removeEventListener("abort", onAbort);
    },
  };
}

async function sleepOrAbort(ms: number, signal: AbortSignal | undefined, label: string, operation: OperationName | undefined): Promise<void> {
  try {
    await sleep(ms, signal);
  } catch {
    throw abortError(signal, label, operation);
  }
}

function abortError(signal: AbortSignal | undefined, label: string, operation: OperationName | undefined): GongAbortError {
  return new GongAbortError(`${label} was aborted by the caller's signal`, { operation, cause: signal?.reason });
}

/** A short description of a network error: its code (ECONNRESET, …) where the runtime gives one. */
function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  if (cause && typeof cause.code === "string") return cause.code;
  if (error instanceof Error) return error.message;
  return String(error);
}
