// Every error a call can end with is built here, from what happened: one wording per case, every
// value taken from a request or response redacted first.
import {
  apiErrorFor,
  GongAbortError,
  type GongApiError,
  GongConfigurationError,
  GongConnectionError,
  GongError,
  GongRateLimitError,
  GongTimeoutError,
} from "./errors.js";
import type { RawIssue } from "./generated/validators.js";
import type { ApiResult, CallRecord, CallTarget } from "./call.js";
import { defaultRefusalMessage, type RateLimitRefusal } from "./rate-limit.js";
import type { Redactor } from "./redact.js";
import { parseRetryAfterMs } from "./retry-policy.js";
import type { OperationName } from "./types.js";
import { GongResponseValidationError } from "./validation-errors.js";

/**
 * A request of a batch that failed elsewhere was still waiting (for its turn, or to be retried) and was
 * not sent. Internal: the batch reports its ids as unprocessed.
 */
export class NotSentError extends GongError {
  override name = "GongNotSentError";
}

/** How a call's errors name it: its operation, its endpoint, and the label messages start with. */
export interface CallNames {
  readonly operation: OperationName | undefined;
  readonly endpoint: string;
  readonly label: string;
}

export function callNames({ operation, method, path }: Pick<CallTarget, "operation" | "method" | "path">): CallNames {
  const endpoint = `${method} ${path}`;
  return { operation, endpoint, label: operation ?? endpoint };
}

/** The call ended while its request waited: the caller's abort, or a stopped batch. */
export function notSentError({ operation, label }: CallNames, signal: AbortSignal | undefined): GongError {
  return signal?.aborted
    ? new GongAbortError(`${label} was aborted by the caller's signal`, { operation, cause: signal.reason })
    : new NotSentError(`${label}: not sent, the batch stopped`, { operation });
}

export function heldError({ operation, label }: CallNames): GongError {
  return new GongAbortError(`${label}: not sent, held back by onAttempt`, { operation });
}

/** A store's failure: its own GongError as is (for example "store unreachable"), anything else wrapped. */
export function storeError({ operation, label }: CallNames, reason: unknown, redactor: Redactor): GongError {
  if (reason instanceof GongError) return reason;
  const safe = redactor.error(reason);
  return new GongError(`${label}: not sent: the rate-limit store failed (${safe.message})`, { operation, cause: safe });
}

/** Nothing left: openapi-fetch could not build the request, or a middleware threw. */
export function unsendableError({ operation, label }: CallNames, error: unknown, redactor: Redactor): GongError {
  if (error instanceof GongError) return error;
  const safe = redactor.error(error);
  return new GongError(`${label}: the request could not be sent (${safe.message})`, { operation, cause: safe });
}

export function fetchMisbehavedError({ operation, label }: CallNames, value: unknown): GongError {
  const what = value === null ? "null" : typeof value;
  return new GongConfigurationError(`${label}: fetch resolved to ${what}, not a Response`, { operation });
}

export function notJsonError({ operation, endpoint }: CallNames, status: number): GongError {
  const issues = [{ path: "", message: "is not valid JSON" }];
  return new GongResponseValidationError({ status, operation, endpoint, issues });
}

/** A sent request that got no response: a timeout (when `timeoutMs` is given) or a connection error. */
export function noResponseError(
  { operation, label }: CallNames,
  error: unknown,
  timeoutMs: number | undefined,
  redactor: Redactor,
): GongError {
  if (timeoutMs !== undefined)
    return new GongTimeoutError(`${label}: no complete answer within ${timeoutMs} ms`, { operation, timeoutMs });
  // A custom fetch (a proxy wrapper, say) may quote the Authorization header anywhere in its error.
  const safe = redactor.error(error);
  const code = (safe.cause as { code?: unknown } | undefined)?.code;
  const why = typeof code === "string" ? code : safe.message;
  return new GongConnectionError(`${label}: could not reach Gong (${why})`, { operation, cause: safe });
}

/** The error for a call whose rate-limit turn was refused by the store. */
export function refusalError(call: CallNames, reason: RateLimitRefusal, redactor: Redactor): GongRateLimitError {
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

/**
 * The error for a success response that breaks the operation's response schema. The call's outcome is
 * unknown from then on: the request was received and may have been carried out.
 */
export function invalidResponse(
  operation: OperationName,
  endpoint: string,
  result: ApiResult,
  issues: readonly RawIssue[],
  record: CallRecord,
  redactor: Redactor,
): GongResponseValidationError {
  record.ambiguous = true;
  const requestId = requestIdOf(result.data);
  return new GongResponseValidationError({
    status: result.response.status,
    operation,
    endpoint,
    requestId: requestId === undefined ? undefined : redactor.text(requestId),
    issues: issues.map(([path, message]) => ({ path: redactor.text(path), message })),
  });
}

/**
 * The typed error of an HTTP error response, from its status, body and headers. Everything taken from
 * it is redacted first: a proxy (or Gong itself, on a 401) may echo the credentials back.
 */
export function errorFromResponse(
  operation: OperationName | undefined,
  endpoint: string,
  result: ApiResult,
  redactor: Redactor,
): GongApiError {
  const { response } = result;
  const body = result.error;
  const fields = body !== null && typeof body === "object" ? (body as Record<string, unknown>) : {};
  const errors = Array.isArray(fields["errors"])
    ? fields["errors"].filter((e): e is string => typeof e === "string").map((e) => redactor.text(e))
    : [];
  const requestId = requestIdOf(body);
  const headers = new Headers();
  for (const [name, value] of response.headers) headers.append(name, redactor.text(value));
  return apiErrorFor({
    status: response.status,
    operation,
    endpoint,
    requestId: requestId === undefined ? undefined : redactor.text(requestId),
    errors,
    headers,
    retryAfterMs: response.status === 429 ? parseRetryAfterMs(response.headers.get("retry-after")) : undefined,
  });
}

/** Gong's request id in a response body, when there is one. */
export function requestIdOf(body: unknown): string | undefined {
  const requestId = (body as { requestId?: unknown } | null | undefined)?.requestId;
  return typeof requestId === "string" ? requestId : undefined;
}
