import { AttemptHeld, attemptReporter, type GongAttemptHook } from "./attempt-hook.js";
import type { AuthProvider } from "./auth.js";
import type { createDepartureGate, Leave } from "./departure.js";
import {
  GongAbortError,
  GongConfigurationError,
  GongConnectionError,
  GongError,
  GongRateLimitError,
  GongResponseValidationError,
  GongTimeoutError,
} from "./errors.js";
import { emit, type GongLogEvent, type GongLogger } from "./logger.js";
import type { FetchLike } from "./options.js";
import {
  defaultRefusalMessage,
  RateLimitRefusal,
  type RateLimitStore,
  type RateLimitTurn,
  takeFreeTurn,
} from "./rate-limit.js";
import type { Redactor } from "./redact.js";
import {
  backoffDelayMs,
  isRetryableStatus,
  mayHaveActed,
  parseRetryAfterMs,
  type RetryDelayOptions,
} from "./retry-policy.js";
import { type LongTimer, setLongTimeout, sleep } from "./timers.js";
import type { OperationName } from "./types.js";

/** What one client instance sends with: shared by all its calls. */
export interface Transport {
  readonly fetch: FetchLike;
  readonly store: RateLimitStore;
  readonly requestsPerSecond: number | undefined;
  /** Holds the client's turns while a request that may be opening a new connection is unconfirmed. */
  readonly departures: ReturnType<typeof createDepartureGate>;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly maxRetryAfterMs: number;
  readonly retryDelay: RetryDelayOptions;
  readonly logger: GongLogger | undefined;
  readonly onAttempt: GongAttemptHook | undefined;
  readonly auth: AuthProvider;
  readonly redactor: Redactor;
  /** The client's own headers and the Authorization header, for an attempt (the same object while they do not change). */
  headersWith(authorization: string): Record<string, string>;
}

/** The call being attempted, and the caller's settings for it. */
export interface CallTarget {
  operation: OperationName | undefined;
  method: string;
  path: string;
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
  /** The call's extra headers, already checked. */
  headers?: Readonly<Record<string, string>> | undefined;
  /** Aborted when the batch this call belongs to has failed: ends its waits, and nothing more is sent. */
  stop?: AbortSignal | undefined;
  /** The ids the request carries, for the attempt events. */
  ids?: readonly string[] | undefined;
  /** The call's own attempt hook, called after the client's. */
  onAttempt?: GongAttemptHook | undefined;
}

/** What the loop learned about a call besides its answer. */
export interface CallRecord {
  /**
   * True once any attempt's outcome is unknown (a timeout, a connection lost after sending, a 5xx, an
   * answer that breaks the spec): the request may have been carried out even if its final answer, or
   * the call's error, does not say so.
   */
  ambiguous: boolean;
}

/** One attempt's means: openapi-fetch gets its signal, its `fetch` and its headers. */
export interface Attempt {
  readonly signal: AbortSignal;
  /** The `fetch` to hand openapi-fetch: takes the rate-limit turn, then sends through the client's fetch. */
  readonly fetch: FetchLike;
  readonly headers: Record<string, string>;
}

/** What openapi-fetch resolves with. */
export interface ApiResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/**
 * A request of a batch that failed elsewhere was still waiting (for its turn, or to be retried) and was
 * not sent. Internal: the batch reports its ids as unprocessed.
 */
export class NotSentError extends GongError {
  override name = "GongNotSentError";
}

/**
 * Runs `attempt` until it yields an answer worth returning.
 *
 * Each attempt takes its rate-limit turn inside the `fetch` it gives openapi-fetch, right before the
 * request leaves (after openapi-fetch has built it and middleware has run), so that the store spaces
 * the moments requests actually go. The per-attempt timeout starts then too, and covers the whole
 * answer. 429/500/502/503/504 answers, connection errors and timeouts are retried with capped
 * exponential backoff and full jitter; a 429 holds the store for its `Retry-After` (or the backoff), and
 * one longer than `maxRetryAfterMs` is returned at once rather than waited through. A 401 to a token
 * from a token function is retried once with a fresh token.
 *
 * HTTP error answers are returned (the last one, once the retries run out). What has no answer is
 * thrown as a {@link GongError}: a connection error, a timeout, the caller's abort, a store's refusal
 * (as `GongRateLimitError` with `refusal`), an answer that is not JSON, a `fetch` that misbehaved.
 * `record.ambiguous` says whether any attempt's outcome was unknown.
 */
export async function withRetries<T extends ApiResult>(
  transport: Transport,
  target: CallTarget,
  record: CallRecord,
  attempt: (means: Attempt) => Promise<T>,
): Promise<T> {
  const { operation, method, path, signal, stop } = target;
  const { logger, redactor, store } = transport;
  const timeoutMs = target.timeoutMs ?? transport.timeoutMs;
  const maxRetries = target.maxRetries ?? transport.maxRetries;
  const endpoint = `${method} ${path}`;
  const label = operation ?? endpoint;
  let retries = 0;
  let refresh = false;
  let refreshed = false;
  const hooks = [transport.onAttempt, target.onAttempt].filter((hook): hook is GongAttemptHook => hook !== undefined);

  /** The error for a call that ends while its request waits: the caller's abort, or a stopped batch. */
  const notSent = () =>
    signal?.aborted
      ? new GongAbortError(`${label} was aborted by the caller's signal`, { operation, cause: signal.reason })
      : new NotSentError(`${label}: not sent, the batch stopped`, { operation });
  /** A store's failure: its own GongError as is (for example "store unreachable"), anything else wrapped. */
  const storeFailure = (reason: unknown) => {
    if (reason instanceof GongError) return reason;
    const safe = redactor.error(reason);
    return new GongError(`${label}: not sent: the rate-limit store failed (${safe.message})`, {
      operation,
      cause: safe,
    });
  };

  for (let number = 1; ; number++) {
    // Without a logger no event is even built: this runs on every attempt.
    const log = logger
      ? (event: DistributiveOmit<GongLogEvent, "operation" | "method" | "path" | "attempt">) =>
          emit(logger, { ...event, operation, method, path, attempt: number } as GongLogEvent)
      : noop;
    if (signal?.aborted || stop?.aborted) throw notSent();
    const pending = transport.auth.header(refresh);
    const authorization = typeof pending === "string" ? pending : await pending;
    refresh = false;
    const control = controlAttempt(signal, stop);
    const report = attemptReporter(hooks, () => ({ operation, method, path, attempt: number, ids: target.ids ?? [] }));
    let turnError: { reason: unknown } | undefined;
    let sent = false;
    let misbehaved: GongError | undefined;
    let response: Response | undefined;
    let started = 0;

    const turn: RateLimitTurn = {
      requestsPerSecond: transport.requestsPerSecond,
      maxWaitMs: transport.maxRetryAfterMs,
      signal: control.signal,
    };

    /** The request leaves: its time starts, and the client's fetch sends it. */
    const leaveNow = (request: Request, leave: Leave, waitedMs: number): Promise<Response> => {
      if (report.sending()) {
        leave();
        turnError = { reason: new AttemptHeld() };
        throw turnError.reason;
      }
      control.sending(timeoutMs);
      log({ type: "request", waitedMs });
      sent = true;
      started = Date.now();
      let sending: Promise<unknown>;
      try {
        sending = transport.fetch(request);
      } catch (error) {
        sending = Promise.reject(error);
      }
      return Promise.resolve(sending).then(
        (answer) => {
          leave();
          // A Response, or one that quacks like it (a polyfill's), as openapi-fetch reads it.
          if (!(answer instanceof Response) && typeof (answer as Response | undefined)?.headers?.get !== "function") {
            misbehaved = new GongConfigurationError(
              `${label}: fetch resolved to ${answer === null ? "null" : typeof answer}, not a Response`,
              { operation },
            );
            throw misbehaved;
          }
          response = answer as Response;
          return response;
        },
        (error: unknown) => {
          leave();
          throw error;
        },
      );
    };

    /** Waits for the turn (the departure gate's wait, then the store's), then lets the request leave. */
    const waitThenLeave = async (request: Request, entered: Leave | Promise<Leave>): Promise<Response> => {
      let waitedMs = 0;
      let leave: Leave | undefined;
      try {
        if (typeof entered === "function") leave = entered;
        else {
          const queuedAt = Date.now();
          leave = await entered;
          waitedMs = Date.now() - queuedAt;
        }
        // A request that may open a new connection says so: a store shared with other processes keeps
        // the window after it free for longer (its own client's next requests wait for its answer).
        waitedMs += await store.acquire(leave.newConnection ? { ...turn, newConnection: true } : turn);
        if (control.signal.aborted) throw control.signal.reason;
      } catch (reason) {
        leave?.();
        turnError = { reason };
        throw reason;
      }
      return leaveNow(request, leave, waitedMs);
    };

    // The turn is taken here, inside the fetch openapi-fetch calls: after it has built the request and
    // middleware has run, right before the request leaves. A free turn from the client's own memory
    // store is taken at once, without a promise (the usual case: this runs on every attempt).
    const send: FetchLike = (request) => {
      const entered = transport.departures.enter(control.signal);
      if (typeof entered === "function" && !control.signal.aborted && takeFreeTurn(store, turn))
        return leaveNow(request, entered, 0);
      return waitThenLeave(request, entered);
    };

    let outcome: T;
    try {
      const headers = target.headers
        ? { ...transport.headersWith(authorization), ...target.headers, authorization }
        : transport.headersWith(authorization);
      outcome = await attempt({ signal: control.signal, fetch: send, headers });
    } catch (error) {
      control.dispose();
      if (!sent) report.settled({ sent });
      if (turnError) {
        const { reason } = turnError;
        if (signal?.aborted || stop?.aborted) throw notSent();
        if (reason instanceof AttemptHeld)
          throw new GongAbortError(`${label}: not sent, held back by onAttempt`, { operation });
        if (!(reason instanceof RateLimitRefusal)) throw storeFailure(reason);
        throw refusalError(reason, { operation, endpoint, label }, redactor);
      }
      if (!sent) {
        // Nothing left: openapi-fetch could not build the request, or a middleware threw. Not retried.
        if (error instanceof GongError) throw error;
        const safe = redactor.error(error);
        throw new GongError(`${label}: the request could not be sent (${safe.message})`, { operation, cause: safe });
      }
      if (report.settled({ sent, status: response?.status, error, timedOut: control.timedOut() }))
        record.ambiguous = true;
      if (signal?.aborted) throw notSent();
      if (misbehaved) throw misbehaved;
      if (error instanceof SyntaxError && response?.ok) {
        // openapi-fetch parses a success body as JSON; an answer that is not JSON breaks the contract.
        record.ambiguous = true;
        throw new GongResponseValidationError({
          status: response.status,
          operation,
          endpoint,
          issues: [{ path: "", message: "is not valid JSON" }],
        });
      }
      if (error instanceof GongError && !control.timedOut()) throw error;
      // Whatever the fetch threw is replaced by a redacted plain copy before any of it is used: a
      // custom fetch (a proxy wrapper, say) may quote the request's Authorization header anywhere in it.
      const safe = redactor.error(error);
      const code = (safe.cause as { code?: unknown } | undefined)?.code;
      const failure = control.timedOut()
        ? new GongTimeoutError(`${label}: no complete answer within ${timeoutMs} ms`, { operation, timeoutMs })
        : new GongConnectionError(
            `${label}: could not reach Gong (${typeof code === "string" ? code : safe.message})`,
            { operation, cause: safe },
          );
      if (retries >= maxRetries) {
        log({ type: "failed", reason: failure.message });
        throw failure;
      }
      const delayMs = backoffDelayMs(retries++, transport.retryDelay);
      log({ type: "retry", reason: failure.message, status: undefined, delayMs });
      await pause(delayMs);
      continue;
    }
    control.dispose();

    const { status } = outcome.response;
    report.settled({ sent, status });
    if (logger) {
      const requestId = requestIdOf(outcome.data ?? outcome.error);
      log({
        type: "response",
        status,
        requestId: requestId && redactor.text(requestId),
        durationMs: Date.now() - started,
      });
    }
    if (status === 401 && transport.auth.refreshable && !refreshed) {
      // The token expired (or was revoked): ask the token function once for a fresh one and retry.
      refreshed = refresh = true;
      log({ type: "retry", reason: "401: asking auth.bearerToken for a fresh token", status, delayMs: 0 });
      continue;
    }
    if (!isRetryableStatus(status)) return outcome;
    if (mayHaveActed(status)) record.ambiguous = true;
    if (retries >= maxRetries && status !== 429) return outcome;

    if (status === 429) {
      const retryAfterMs = parseRetryAfterMs(outcome.response.headers.get("retry-after"));
      // Hold everyone sharing the store: their queued calls would only bounce off Gong too.
      const holdMs = retryAfterMs ?? backoffDelayMs(retries, transport.retryDelay);
      try {
        await store.hold(holdMs);
      } catch (error) {
        throw storeFailure(error);
      }
      log({ type: "rate-limited", holdMs, retryAfterMs });
      // A wait longer than maxRetryAfterMs (Gong's daily quota) is not slept through: the answer goes
      // back at once, so that the caller gets GongRateLimitError with retryAfterMs and can schedule.
      if (retries++ >= maxRetries || (retryAfterMs ?? 0) > transport.maxRetryAfterMs) return outcome;
      log({ type: "retry", reason: "429 Too Many Requests", status, delayMs: holdMs });
      continue; // the next turn waits for the hold
    }
    const delayMs = backoffDelayMs(retries++, transport.retryDelay);
    log({ type: "retry", reason: `${status} answer`, status, delayMs });
    await pause(delayMs);
  }

  /** Waits before a retry; the caller's signal and a stopped batch end the wait. */
  async function pause(ms: number) {
    try {
      await sleep(ms, signal, stop);
    } catch {
      throw notSent();
    }
  }
}

function noop(): void {}

/** The error for a call whose rate-limit turn was refused by the store. */
function refusalError(
  reason: RateLimitRefusal,
  call: { operation: OperationName | undefined; endpoint: string; label: string },
  redactor: Redactor,
) {
  const seconds = Math.ceil(reason.retryAfterMs / 1000);
  // A store that explains itself (which quota, which Redis key) is quoted; otherwise the reason.
  const why =
    reason.message !== defaultRefusalMessage(reason.retryAfterMs, reason.reason)
      ? redactor
          .text(reason.message)
          .replace(/^not sent:\s*/i, "")
          .replace(/\.$/, "")
      : reason.reason === "daily-quota"
        ? "the daily quota is spent"
        : "calls are held after a 429, longer than maxRetryAfterMs";
  return new GongRateLimitError(
    {
      status: 429,
      operation: call.operation,
      endpoint: call.endpoint,
      retryAfterMs: reason.retryAfterMs,
      refusal: reason.reason,
    },
    `Not sent: ${call.label}: ${why}; retry in ${seconds} s.`,
  );
}

/** `Omit` applied to each member of a union. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * An AbortSignal for one attempt: aborted by the caller's signal; by a stopped batch while the request
 * has not left yet; and by the per-attempt timeout, which starts when the request leaves. (Built by
 * hand rather than with AbortSignal.any/timeout, which not every supported runtime has, and so that a
 * timeout can be told apart from the caller's abort.)
 */
function controlAttempt(callerSignal: AbortSignal | undefined, stop: AbortSignal | undefined) {
  const controller = new AbortController();
  let timedOut = false;
  let timer: LongTimer | undefined;
  const onAbort = () => controller.abort(callerSignal?.reason);
  const onStop = () => controller.abort(stop?.reason);
  callerSignal?.addEventListener("abort", onAbort, { once: true });
  stop?.addEventListener("abort", onStop, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    /** The request leaves now: a stopped batch no longer cancels it, and its time starts. */
    sending(timeoutMs: number) {
      stop?.removeEventListener("abort", onStop);
      timer = setLongTimeout(() => {
        timedOut = true;
        controller.abort(new Error(`attempt timed out after ${timeoutMs} ms`));
      }, timeoutMs);
    },
    dispose() {
      timer?.cancel();
      callerSignal?.removeEventListener("abort", onAbort);
      stop?.removeEventListener("abort", onStop);
    },
  };
}

/** Gong's request id in an answer body, when there is one. */
export function requestIdOf(body: unknown): string | undefined {
  const requestId = (body as { requestId?: unknown } | null | undefined)?.requestId;
  return typeof requestId === "string" ? requestId : undefined;
}
