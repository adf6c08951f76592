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
import { emit, type GongLogger } from "./logger.js";
import type { FetchLike } from "./options.js";
import { RateLimitRefusal, type RateLimitStore } from "./rate-limit.js";
import type { Redactor } from "./redact.js";
import { backoffDelayMs, isRetryableStatus, mayHaveActed, neverSent, parseRetryAfterMs, type RetryDelayOptions } from "./retry-policy.js";
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
  readonly auth: AuthProvider;
  readonly redactor: Redactor;
  /** The client's own headers on every request (its identification). */
  readonly headers: Readonly<Record<string, string>>;
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
  const timeoutMs = target.timeoutMs ?? transport.timeoutMs;
  const maxRetries = target.maxRetries ?? transport.maxRetries;
  const label = operation ?? `${method} ${path}`;
  const endpoint = `${method} ${path}`;
  const base = { operation, method, path };
  let retries = 0;
  let refresh = false;
  let refreshed = false;

  /** Waits before a retry; the caller's signal and a stopped batch end the wait. */
  const pause = async (ms: number) => {
    try {
      await sleep(ms, signal, stop);
    } catch {
      throw signal?.aborted ? abortError(signal, label, operation) : new NotSentError(`${label}: not retried, the batch stopped`, { operation });
    }
  };

  for (let number = 1; ; number++) {
    if (signal?.aborted) throw abortError(signal, label, operation);
    if (stop?.aborted) throw new NotSentError(`${label}: not sent, the batch stopped`, { operation });
    const pending = transport.auth.header(refresh);
    const authorization = typeof pending === "string" ? pending : await pending;
    refresh = false;
    const headers = { ...transport.headers, ...target.headers, authorization };
    const control = controlAttempt(signal, stop);
    const state: { turnError?: { reason: unknown }; sent: boolean; misbehaved?: GongError; response?: Response; started: number } = { sent: false, started: 0 };

    const send: FetchLike = async (request) => {
      let waitedMs = 0;
      let leave: Leave | undefined;
      try {
        const entered = transport.departures.enter(control.signal);
        if (typeof entered === "function") leave = entered;
        else {
          const queuedAt = Date.now();
          leave = await entered;
          waitedMs = Date.now() - queuedAt;
        }
        // The whole wait for the turn: the departure gate's and the store's.
        waitedMs += await transport.store.acquire({ requestsPerSecond: transport.requestsPerSecond, maxWaitMs: transport.maxRetryAfterMs, signal: control.signal });
        if (control.signal.aborted) throw control.signal.reason;
      } catch (reason) {
        leave?.();
        state.turnError = { reason };
        throw reason;
      }
      control.sending(timeoutMs);
      emit(transport.logger, { type: "request", ...base, attempt: number, waitedMs });
      state.sent = true;
      state.started = Date.now();
      let response: unknown;
      try {
        response = await transport.fetch(request);
      } finally {
        leave();
      }
      if (!isResponse(response)) {
        state.misbehaved = new GongConfigurationError(`${label}: the fetch given to the client resolved to ${kindOf(response)}, not a Response`, { operation });
        throw state.misbehaved;
      }
      state.response = response;
      return response;
    };

    let outcome: T;
    try {
      outcome = await attempt({ signal: control.signal, fetch: send, headers });
    } catch (error) {
      control.dispose();
      if (state.turnError) throw turnFailure(state.turnError.reason, transport, target, label, endpoint);
      if (!state.sent) {
        // Nothing left: openapi-fetch could not build the request, or a middleware threw. Not retried.
        if (error instanceof GongError) throw error;
        const safe = transport.redactor.error(error);
        throw new GongError(`${label}: the request could not be sent (${safe.message})`, { operation, cause: safe });
      }
      record.ambiguous ||= control.timedOut() || !neverSent(error);
      if (signal?.aborted) throw abortError(signal, label, operation);
      if (state.misbehaved) throw state.misbehaved;
      if (error instanceof SyntaxError && state.response?.ok) {
        // openapi-fetch parses a success body as JSON; an answer that is not JSON breaks the contract.
        record.ambiguous = true;
        throw new GongResponseValidationError({ status: state.response.status, operation, endpoint, issues: [{ path: "", message: "is not valid JSON" }] });
      }
      if (error instanceof GongError && !control.timedOut()) throw error;
      // Whatever the fetch threw is replaced by a redacted plain copy before any of it is used: a
      // custom fetch (a proxy wrapper, say) may quote the request's Authorization header anywhere in it.
      const safeError = transport.redactor.error(error);
      const failure = control.timedOut()
        ? new GongTimeoutError(`${label}: no complete answer within ${timeoutMs} ms`, { operation, timeoutMs })
        : new GongConnectionError(`${label}: could not reach Gong (${describe(safeError)})`, { operation, cause: safeError });
      if (retries >= maxRetries) {
        emit(transport.logger, { type: "failed", ...base, attempt: number, reason: failure.message });
        throw failure;
      }
      retries++;
      const delayMs = backoffDelayMs(retries - 1, transport.retryDelay);
      emit(transport.logger, { type: "retry", ...base, attempt: number, reason: failure.message, status: undefined, delayMs });
      await pause(delayMs);
      continue;
    }
    control.dispose();

    const { status } = outcome.response;
    if (transport.logger) {
      const requestId = requestIdOf(outcome.data ?? outcome.error);
      emit(transport.logger, {
        type: "response",
        ...base,
        attempt: number,
        status,
        requestId: requestId === undefined ? undefined : transport.redactor.text(requestId),
        durationMs: Date.now() - state.started,
      });
    }
    if (status === 401 && transport.auth.refreshable && !refreshed) {
      // The token expired (or was revoked): ask the token function once for a fresh one and retry.
      refreshed = true;
      refresh = true;
      emit(transport.logger, { type: "retry", ...base, attempt: number, reason: "401: asking auth.bearerToken for a fresh token", status, delayMs: 0 });
      continue;
    }
    if (!isRetryableStatus(status)) return outcome;
    if (mayHaveActed(status)) record.ambiguous = true;

    if (status === 429) {
      const retryAfterMs = parseRetryAfterMs(outcome.response.headers.get("retry-after"));
      // Hold everyone sharing the store: their queued calls would only bounce off Gong too.
      const holdMs = retryAfterMs ?? backoffDelayMs(retries, transport.retryDelay);
      try {
        await transport.store.hold(holdMs);
      } catch (error) {
        throw storeFailure(error, transport, label, operation);
      }
      emit(transport.logger, { type: "rate-limited", ...base, attempt: number, holdMs, retryAfterMs });
      // A wait longer than maxRetryAfterMs (Gong's daily quota) is not slept through: the answer goes
      // back at once, so that the caller gets GongRateLimitError with retryAfterMs and can schedule.
      if (retries >= maxRetries || (retryAfterMs !== undefined && retryAfterMs > transport.maxRetryAfterMs)) return outcome;
      retries++;
      emit(transport.logger, { type: "retry", ...base, attempt: number, reason: "429 Too Many Requests", status, delayMs: holdMs });
      continue; // the next turn waits for the hold
    }
    if (retries >= maxRetries) return outcome;
    retries++;
    const delayMs = backoffDelayMs(retries - 1, transport.retryDelay);
    emit(transport.logger, { type: "retry", ...base, attempt: number, reason: `${status} answer`, status, delayMs });
    await pause(delayMs);
  }
}

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

/** The error for a request whose rate-limit turn did not come: nothing was sent. */
function turnFailure(reason: unknown, transport: Transport, target: CallTarget, label: string, endpoint: string): GongError {
  const { signal, stop, operation } = target;
  if (signal?.aborted) return abortError(signal, label, operation);
  if (stop?.aborted) return new NotSentError(`${label}: not sent, the batch stopped`, { operation });
  if (reason instanceof RateLimitRefusal) {
    const seconds = Math.ceil(reason.retryAfterMs / 1000);
    const why =
      reason.reason === "daily-quota"
        ? `the daily quota counted by the rate-limit store is spent; it renews in ${seconds} s`
        : `calls are held for another ${seconds} s after a 429 answer from Gong, longer than maxRetryAfterMs (${transport.maxRetryAfterMs} ms)`;
    return new GongRateLimitError(
      { status: 429, operation, endpoint, retryAfterMs: reason.retryAfterMs, refusal: reason.reason },
      `Not sent: ${label}: ${why}. Schedule the call later.`,
    );
  }
  return storeFailure(reason, transport, label, operation);
}

/** A store's failure: its own GongError as is (for example "store unreachable"), anything else wrapped. */
function storeFailure(reason: unknown, transport: Transport, label: string, operation: OperationName | undefined): GongError {
  if (reason instanceof GongError) return reason;
  const safe = transport.redactor.error(reason);
  return new GongError(`${label}: not sent: the rate-limit store failed (${safe.message})`, { operation, cause: safe });
}

function abortError(signal: AbortSignal | undefined, label: string, operation: OperationName | undefined): GongAbortError {
  return new GongAbortError(`${label} was aborted by the caller's signal`, { operation, cause: signal?.reason });
}

/** A Response, or something that quacks like one (a polyfill's), as openapi-fetch reads it. */
function isResponse(value: unknown): value is Response {
  if (value instanceof Response) return true;
  const candidate = value as Partial<Response> | null | undefined;
  return typeof candidate?.status === "number" && typeof candidate.headers?.get === "function" && typeof candidate.text === "function";
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (typeof value !== "object") return typeof value;
  return `an object (${Object.getPrototypeOf(value)?.constructor?.name ?? "no prototype"})`;
}

/** A short description of a network error: its code (ECONNRESET, …) where the runtime gives one. */
function describe(error: Error): string {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  if (cause && typeof cause.code === "string") return cause.code;
  return error.message;
}

/** Gong's request id in an answer body, when there is one. */
export function requestIdOf(body: unknown): string | undefined {
  const requestId = body !== null && typeof body === "object" ? (body as Record<string, unknown>)["requestId"] : undefined;
  return typeof requestId === "string" ? requestId : undefined;
}
