import {
  GongAbortError,
  GongConnectionError,
  GongRateLimitError,
  GongTimeoutError,
  GongValidationError,
} from "./errors.js";
import { operationsByRoute } from "./generated/operations.js";
import { emit, type GongLogger } from "./logger.js";
import { RateLimiter, RateLimitHoldTooLong } from "./rate-limit.js";
import { redactError } from "./redact.js";
import { backoffDelayMs, isRetryableStatus, parseRetryAfterMs, type RetryDelayOptions } from "./retry.js";
import { sleep } from "./sleep.js";
import type { OperationName } from "./types.js";
import { requestBodyIssues } from "./validate.js";

/** A `fetch` as openapi-fetch calls it: one `Request` in, one `Response` out. */
export type FetchLike = (request: Request) => Promise<Response>;

/** What one client instance's transport is built with. */
export interface TransportConfig {
  baseUrl: string;
  fetch: FetchLike;
  authorization: string;
  /** The credentials, to redact from anything a custom `fetch` throws. */
  secrets: readonly string[];
  limiter: RateLimiter;
  timeoutMs: number;
  maxRetries: number;
  maxRetryAfterMs: number;
  retryDelay: RetryDelayOptions;
  logger: GongLogger | undefined;
}

/** Per-call settings: the method's options and what the method already did. */
export interface CallSettings {
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
  /** The body was validated by the calling method already; do not parse it again. */
  validated?: boolean;
}

/** Statuses whose answers must not have a body (the Response constructor refuses one). */
const nullBodyStatuses = new Set([101, 103, 204, 205, 304]);

/**
 * Builds the transport of one client instance: the `fetch` that openapi-fetch calls once per call.
 * For every attempt it waits for the rate limiter, adds the Authorization header, applies the
 * per-attempt timeout and reads the whole answer (so a body that never ends is a timeout too); it
 * retries 429/5xx answers, connection errors and timeouts with backoff, honours `Retry-After` by
 * holding the whole instance, and re-sends the same body bytes each time.
 *
 * HTTP error answers are returned, not thrown (openapi-fetch turns them into `{ error }`, and the
 * client's methods into typed errors). What has no answer is thrown as a `GongError`:
 * connection errors, timeouts, aborts, invalid bodies sent through `raw`, and a rate-limit hold
 * longer than `maxRetryAfterMs`.
 */
export function createTransport(config: TransportConfig): (request: Request, settings?: CallSettings) => Promise<Response> {
  const basePath = new URL(config.baseUrl).pathname.replace(/\/+$/, "");

  return async function send(request: Request, settings: CallSettings = {}): Promise<Response> {
    const method = request.method;
    const url = new URL(request.url);
    const path = url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) : url.pathname;
    const operation = (operationsByRoute as Record<string, { operationId: OperationName }>)[`${method} ${path}`]?.operationId;
    const signal = settings.signal ?? request.signal;
    const timeoutMs = settings.timeoutMs ?? config.timeoutMs;
    const maxRetries = settings.maxRetries ?? config.maxRetries;

    // Read the body once: every attempt sends these same bytes (a Request body can be read only once).
    const body = request.body === null ? undefined : await request.arrayBuffer();
    if (!settings.validated && operation && body !== undefined) validateRaw(operation, body);

    const headers = new Headers(request.headers);
    headers.set("authorization", config.authorization);
    const base = { operation, method, path };

    for (let attempt = 1; ; attempt++) {
      const retriesLeft = attempt <= maxRetries;
      let waitedMs: number;
      try {
        waitedMs = await config.limiter.acquire(signal, config.maxRetryAfterMs);
      } catch (error) {
        if (error instanceof RateLimitHoldTooLong) {
          throw new GongRateLimitError(
            { status: 429, operation, endpoint: `${method} ${path}`, retryAfterMs: error.remainingMs },
            `Not sent: this client is holding all calls for another ${Math.ceil(error.remainingMs / 1000)} s after ` +
              `Gong's 429 answer, longer than maxRetryAfterMs (${config.maxRetryAfterMs} ms). Schedule the call later.`,
          );
        }
        throw abortError(signal, operation);
      }
      emit(config.logger, { type: "request", ...base, attempt, waitedMs });

      const started = Date.now();
      const attemptControl = controlAttempt(signal, timeoutMs);
      let response: Response;
      try {
        const sent = await config.fetch(
          new Request(url, { method, headers, body: body ?? null, signal: attemptControl.signal, redirect: "follow" }),
        );
        // Read the answer inside the attempt, so that its timeout covers a body that never ends.
        const bytes = nullBodyStatuses.has(sent.status) ? null : await sent.arrayBuffer();
        response = new Response(bytes, { status: sent.status, statusText: sent.statusText, headers: sent.headers });
      } catch (error) {
        if (signal?.aborted) throw abortError(signal, operation);
        // Whatever the fetch threw is redacted before any of it is used: a custom fetch (a proxy
        // wrapper, say) may quote the request's Authorization header in its message.
        const safeError = redactError(error, config.secrets);
        const failure = attemptControl.timedOut()
          ? new GongTimeoutError(`${operation ?? `${method} ${path}`}: no complete answer within ${timeoutMs} ms`, { operation, timeoutMs })
          : new GongConnectionError(`${operation ?? `${method} ${path}`}: could not reach Gong (${describe(safeError)})`, {
              operation,
              cause: safeError,
            });
        if (!retriesLeft) {
          emit(config.logger, { type: "failed", ...base, attempt, reason: failure.message });
          throw failure;
        }
        const delayMs = backoffDelayMs(attempt - 1, config.retryDelay);
        emit(config.logger, { type: "retry", ...base, attempt, reason: failure.message, status: undefined, delayMs });
        await sleepOrAbort(delayMs, signal, operation);
        continue;
      } finally {
        attemptControl.dispose();
      }

      if (config.logger) {
        emit(config.logger, {
          type: "response",
          ...base,
          attempt,
          status: response.status,
          requestId: await peekRequestId(response),
          durationMs: Date.now() - started,
        });
      }
      if (!isRetryableStatus(response.status)) return response;

      if (response.status === 429) {
        const retryAfterMs = parseRetryAfterMs(response.headers.get("retry-after"));
        // Hold the whole instance: queued calls would only bounce off Gong too.
        const holdMs = retryAfterMs ?? backoffDelayMs(attempt - 1, config.retryDelay);
        config.limiter.hold(holdMs);
        emit(config.logger, { type: "rate-limited", ...base, attempt, holdMs, retryAfterMs });
        // A wait longer than maxRetryAfterMs (Gong's daily quota) is not slept through: the method
        // throws GongRateLimitError with retryAfterMs at once, so that the caller can schedule.
        if (!retriesLeft || (retryAfterMs !== undefined && retryAfterMs > config.maxRetryAfterMs)) return response;
        emit(config.logger, { type: "retry", ...base, attempt, reason: "429 Too Many Requests", status: 429, delayMs: holdMs });
        // The next attempt's limiter.acquire() waits for the hold.
        continue;
      }
      if (!retriesLeft) return response;
      const delayMs = backoffDelayMs(attempt - 1, config.retryDelay);
      emit(config.logger, { type: "retry", ...base, attempt, reason: `${response.status} answer`, status: response.status, delayMs });
      await sleepOrAbort(delayMs, signal, operation);
    }
  };
}

/** Validates a body sent through `raw` against its operation's schema (the methods do it themselves). */
function validateRaw(operation: OperationName, body: ArrayBuffer): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(body));
  } catch {
    throw new GongValidationError([{ path: "", message: "is not valid JSON" }], { operation });
  }
  const issues = requestBodyIssues(operation, parsed);
  if (issues.length > 0) throw new GongValidationError(issues, { operation });
}

/**
 * An AbortSignal for one attempt: aborted by the caller's signal or by the per-attempt timeout,
 * whichever comes first. (Built by hand rather than with AbortSignal.any/timeout, which not every
 * supported runtime has, and so that a timeout can be told apart from the caller's abort.)
 */
function controlAttempt(callerSignal: AbortSignal | undefined | null, timeoutMs: number) {
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

async function sleepOrAbort(ms: number, signal: AbortSignal | undefined | null, operation: OperationName | undefined): Promise<void> {
  try {
    await sleep(ms, signal ?? undefined);
  } catch {
    throw abortError(signal, operation);
  }
}

function abortError(signal: AbortSignal | undefined | null, operation: OperationName | undefined): GongAbortError {
  return new GongAbortError(`${operation ?? "request"} was aborted by the caller's signal`, {
    operation,
    cause: signal?.reason,
  });
}

/** A short description of a network error: its code (ECONNRESET, …) where the runtime gives one. */
function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (cause && typeof cause.code === "string") return cause.code;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Gong's request id from an answer's JSON body, for log events; undefined when there is none. */
async function peekRequestId(response: Response): Promise<string | undefined> {
  try {
    const body: unknown = await response.clone().json();
    const requestId = (body as { requestId?: unknown } | null)?.requestId;
    return typeof requestId === "string" ? requestId : undefined;
  } catch {
    return undefined;
  }
}

