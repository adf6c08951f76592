import type { AssignedFlow, OperationName } from "./types.js";

/**
 * Base class of everything the client throws, so that `catch (e) { if (e instanceof GongError) ... }`
 * separates Gong's answers and the client's own refusals from bugs in the caller's code.
 *
 * No error carries request headers or credentials: messages, `cause`, stacks and `JSON.stringify`
 * output are safe to log.
 */
export class GongError extends Error {
  override name = "GongError";
  /** The operation that failed (its operationId in the spec), when the error belongs to one. */
  readonly operation: OperationName | undefined;

  constructor(message: string, options: { operation?: OperationName | undefined; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.operation = options.operation;
  }

  /** What `JSON.stringify` writes: the public fields, never a request or its headers. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, operation: this.operation };
  }
}

/** Options shared by the constructors of {@link GongApiError} and its subclasses. */
export interface GongApiErrorInit {
  status: number;
  operation?: OperationName | undefined;
  /** Gong's request reference id, from the answer's body. */
  requestId?: string | undefined;
  /** Gong's error messages, from the answer's body (the client redacts them before they get here). */
  errors?: readonly string[] | undefined;
  /** The answer's headers (the client passes a copy with any credential an echoing proxy put there redacted). */
  headers?: Headers | undefined;
  /** The method and path that were called, for the message; never the full URL with a query. */
  endpoint?: string | undefined;
}

/**
 * Gong answered with an HTTP error status (after any retries). The subclasses name the common
 * statuses; other statuses (404, 409, …) are thrown as `GongApiError` itself.
 */
export class GongApiError extends GongError {
  override name = "GongApiError";
  /** The HTTP status of Gong's answer. */
  readonly status: number;
  /** Gong's request reference id; quote it to Gong's support. Undefined when the answer had none. */
  readonly requestId: string | undefined;
  /** Gong's error messages (the `errors` array of its answer), possibly empty. */
  readonly errors: readonly string[];
  /** The headers of Gong's answer. */
  readonly headers: Headers;

  constructor(init: GongApiErrorInit, message?: string) {
    super(message ?? describeApiError(init), { operation: init.operation });
    this.status = init.status;
    this.requestId = init.requestId;
    this.errors = Object.freeze([...(init.errors ?? [])]);
    this.headers = init.headers ?? new Headers();
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), status: this.status, requestId: this.requestId, errors: this.errors };
  }
}

/** 400: Gong found the request malformed. Not retried. */
export class GongBadRequestError extends GongApiError {
  override name = "GongBadRequestError";
}

/** 401: the credentials are missing, wrong or expired. Not retried. */
export class GongAuthenticationError extends GongApiError {
  override name = "GongAuthenticationError";
}

/** 403: the credentials lack the scope or the permission the operation needs. Not retried. */
export class GongPermissionError extends GongApiError {
  override name = "GongPermissionError";
}

/**
 * 429: Gong's rate limit (3 calls a second, 10,000 a day by default) was exceeded, and either the
 * retries ran out or Gong asked for a wait longer than `maxRetryAfterMs` (typically the daily quota).
 *
 * Also thrown, with `refusal` set, for a call the client did **not send** because its rate-limit store
 * refused it: a hold after an earlier 429 has longer to run than `maxRetryAfterMs` (`"hold"`), or the
 * daily quota a shared store counts is spent (`"daily-quota"`). `status` is then 429, what Gong would
 * have answered, and `requestId` is undefined.
 */
export class GongRateLimitError extends GongApiError {
  override name = "GongRateLimitError";
  /**
   * How long to wait before the next call, in milliseconds (from Gong's `Retry-After`, or from the
   * store's refusal), or undefined when Gong did not say. Schedule the work again after this.
   */
  readonly retryAfterMs: number | undefined;
  /** Why the call was not sent, when the rate-limit store refused it; undefined when Gong answered 429. */
  readonly refusal: "hold" | "daily-quota" | undefined;

  constructor(init: GongApiErrorInit & { retryAfterMs?: number | undefined; refusal?: "hold" | "daily-quota" | undefined }, message?: string) {
    const wait = init.retryAfterMs === undefined ? "" : `; Gong asks to wait ${formatSeconds(init.retryAfterMs)} before the next call`;
    super(init, message ?? describeApiError(init) + wait);
    this.retryAfterMs = init.retryAfterMs;
    this.refusal = init.refusal;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfterMs: this.retryAfterMs, refusal: this.refusal };
  }
}

/** 5xx: Gong failed to complete the operation, and the retries ran out. */
export class GongServerError extends GongApiError {
  override name = "GongServerError";
}

/** No HTTP answer at all: the connection was refused or reset, or the host was not found. */
export class GongConnectionError extends GongError {
  override name = "GongConnectionError";
}

/** An attempt ran past `timeoutMs`, and the retries ran out. */
export class GongTimeoutError extends GongError {
  override name = "GongTimeoutError";
  /** The per-attempt timeout that was exceeded, in milliseconds. */
  readonly timeoutMs: number;

  constructor(message: string, options: { operation?: OperationName | undefined; timeoutMs: number }) {
    super(message, { operation: options.operation });
    this.timeoutMs = options.timeoutMs;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), timeoutMs: this.timeoutMs };
  }
}

/** The caller's `AbortSignal` ended the call. `cause` is the signal's reason. */
export class GongAbortError extends GongError {
  override name = "GongAbortError";
}

/**
 * The client was configured in a way it refuses (no credentials, an insecure base URL, an unknown
 * option, …), or something it was given misbehaved (a custom `fetch` that resolved to something other
 * than a `Response`, a token function that threw).
 */
export class GongConfigurationError extends GongError {
  override name = "GongConfigurationError";
}

/** One problem found in a body, at a JSON pointer (`/flowInstanceIds/3`; `` for the body itself). */
export interface GongValidationIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * The input was rejected before anything was sent: nothing reached Gong. `issues` lists every
 * problem, each with the JSON pointer of the offending value.
 */
export class GongValidationError extends GongError {
  override name = "GongValidationError";
  readonly issues: readonly GongValidationIssue[];

  constructor(issues: readonly GongValidationIssue[], options: { operation?: OperationName | undefined } = {}) {
    const lines = issues.map((issue) => `  ${issue.path || "(body)"}: ${issue.message}`);
    const subject = options.operation ? `${options.operation} input` : "input";
    super(`Invalid ${subject}; nothing was sent:\n${lines.join("\n")}`, options);
    this.issues = Object.freeze(issues.map((issue) => Object.freeze({ ...issue })));
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), issues: this.issues };
  }
}

/**
 * Gong answered with a success status, but the answer does not hold to the operation's response schema
 * in the spec: not JSON, not an object, an id list that is not a list of strings, … The client does not
 * guess what such an answer meant. It is **not retried**: the request was received, and a write may have
 * been carried out. In a batched unassign, the ids of that request are reported as processed-or-not
 * unknown (see `GongBatchError.outcomeUnknownIds`).
 *
 * `issues` lists every problem with the JSON pointer of the value in the answer; no value of the answer
 * (and nothing of the request) is quoted.
 */
export class GongResponseValidationError extends GongError {
  override name = "GongResponseValidationError";
  /** The HTTP status of the answer (a 2xx). */
  readonly status: number;
  /** Gong's request id, when the answer had a readable one. */
  readonly requestId: string | undefined;
  readonly issues: readonly GongValidationIssue[];

  constructor(init: { status: number; operation?: OperationName | undefined; endpoint?: string | undefined; requestId?: string | undefined; issues: readonly GongValidationIssue[] }) {
    const shown = init.issues.slice(0, 10).map((issue) => `  ${issue.path || "(body)"}: ${issue.message}`);
    if (init.issues.length > shown.length) shown.push(`  … and ${init.issues.length - shown.length} more`);
    const where = [init.operation, init.endpoint ? `(${init.endpoint})` : undefined].filter(Boolean).join(" ");
    super(
      `Gong answered ${init.status}${where ? ` to ${where}` : ""}${init.requestId ? `, request id ${init.requestId}` : ""}, but the answer ` +
        `does not match the spec; it was not used and the call was not retried (the request may have been carried out):\n${shown.join("\n")}`,
      { operation: init.operation },
    );
    this.status = init.status;
    this.requestId = init.requestId;
    this.issues = Object.freeze(init.issues.map((issue) => Object.freeze({ path: issue.path, message: issue.message })));
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), status: this.status, requestId: this.requestId, issues: this.issues };
  }
}

/** What the requests of a batched call that did complete had returned when a later request failed. */
export interface GongBatchErrorInit {
  operation: OperationName;
  cause: GongError;
  /** Ids in requests that Gong answered successfully. */
  processedIds: readonly string[];
  /** Ids never sent, or sent in a request that failed. */
  unprocessedIds: readonly string[];
  /** The part of `unprocessedIds` whose failed request may have been carried out. */
  outcomeUnknownIds?: readonly string[];
  /** Request ids of the requests Gong answered successfully. */
  requestIds: readonly string[];
  unassignedFlowInstanceIds?: readonly string[];
  notUnassignedFlowInstanceIds?: readonly string[];
  unconfirmedFlowInstanceIds?: readonly string[];
  flows?: readonly AssignedFlow[];
}

/**
 * A call that the client split into several requests failed part-way, after each failing request's
 * retries: it says exactly what was done and what was not, so that no id is lost.
 *
 * - `cause`: the error of the request that failed (a {@link GongError}).
 * - `processedIds` / `unprocessedIds`: every input id is in exactly one of the two. An unprocessed id was
 *   never sent (its request was still waiting when the batch stopped), or was in a request that failed.
 * - `outcomeUnknownIds`: the unprocessed ids whose request may have been carried out all the same (an
 *   attempt timed out, lost its connection after sending, or got a 5xx or an answer that breaks the
 *   spec). The other unprocessed ids certainly had no effect.
 * - For `unassignByFlowInstanceIds`, `processedIds` is split further, each id in exactly one list:
 *   `unassignedFlowInstanceIds` (removed), `notUnassignedFlowInstanceIds` (Gong answered but kept the
 *   prospect assigned) and `unconfirmedFlowInstanceIds` (not returned by an answer to a retry after an
 *   attempt whose outcome is unknown: may or may not have been removed; list the prospect to know).
 * - For `listAssignedFlows`, `flows` holds the flows of the processed prospects.
 *
 * `JSON.stringify` keeps every list, `flows` included, and the cause.
 */
export class GongBatchError extends GongError {
  override name = "GongBatchError";
  declare readonly operation: OperationName;
  override readonly cause: GongError;
  readonly processedIds: readonly string[];
  readonly unprocessedIds: readonly string[];
  readonly outcomeUnknownIds: readonly string[];
  readonly requestIds: readonly string[];
  readonly unassignedFlowInstanceIds: readonly string[];
  readonly notUnassignedFlowInstanceIds: readonly string[];
  readonly unconfirmedFlowInstanceIds: readonly string[];
  readonly flows: readonly AssignedFlow[];

  constructor(init: GongBatchErrorInit) {
    const total = init.processedIds.length + init.unprocessedIds.length;
    const unknown = init.outcomeUnknownIds?.length ?? 0;
    super(
      `${init.operation} failed part-way: ${init.processedIds.length} of ${total} ids processed, ` +
        `${init.unprocessedIds.length} not (see unprocessedIds${unknown ? `; ${unknown} of them of unknown outcome, see outcomeUnknownIds` : ""}). ` +
        `Cause: ${init.cause.message}`,
      { operation: init.operation, cause: init.cause },
    );
    const list = (ids: readonly string[] | undefined) => Object.freeze([...(ids ?? [])]);
    this.cause = init.cause;
    this.processedIds = list(init.processedIds);
    this.unprocessedIds = list(init.unprocessedIds);
    this.outcomeUnknownIds = list(init.outcomeUnknownIds);
    this.requestIds = list(init.requestIds);
    this.unassignedFlowInstanceIds = list(init.unassignedFlowInstanceIds);
    this.notUnassignedFlowInstanceIds = list(init.notUnassignedFlowInstanceIds);
    this.unconfirmedFlowInstanceIds = list(init.unconfirmedFlowInstanceIds);
    this.flows = Object.freeze([...(init.flows ?? [])]);
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      cause: this.cause.toJSON(),
      processedIds: this.processedIds,
      unprocessedIds: this.unprocessedIds,
      outcomeUnknownIds: this.outcomeUnknownIds,
      requestIds: this.requestIds,
      unassignedFlowInstanceIds: this.unassignedFlowInstanceIds,
      notUnassignedFlowInstanceIds: this.notUnassignedFlowInstanceIds,
      unconfirmedFlowInstanceIds: this.unconfirmedFlowInstanceIds,
      flows: this.flows,
    };
  }
}

const statusTexts: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}

function describeApiError(init: GongApiErrorInit): string {
  const status = `${init.status}${statusTexts[init.status] ? ` ${statusTexts[init.status]}` : ""}`;
  const where = [init.operation, init.endpoint ? `(${init.endpoint})` : undefined].filter(Boolean).join(" ");
  const parts = [`Gong answered ${status}${where ? ` to ${where}` : ""}`];
  if (init.requestId) parts.push(`request id ${init.requestId}`);
  const errors = init.errors?.length ? `: ${init.errors.join("; ")}` : "";
  return parts.join(", ") + errors;
}

/**
 * The error class for an HTTP error status, built from what the answer said. Used for every answer
 * that is not a success, so the mapping from status to class lives in one place.
 */
export function apiErrorFor(init: GongApiErrorInit & { retryAfterMs?: number | undefined }): GongApiError {
  const { status } = init;
  if (status === 400) return new GongBadRequestError(init);
  if (status === 401) return new GongAuthenticationError(init);
  if (status === 403) return new GongPermissionError(init);
  if (status === 429) return new GongRateLimitError(init);
  if (status >= 500 && status <= 599) return new GongServerError(init);
  return new GongApiError(init);
}
