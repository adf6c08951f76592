import type { OperationName } from "./types.js";

/**
 * Base class of everything the client throws, so that `catch (e) { if (e instanceof GongError) ... }`
 * separates Gong's answers and the client's own refusals from bugs in the caller's code.
 *
 * No error carries request headers or credentials: messages, `cause`, stacks and `JSON.stringify`
 * output are safe to log.
 */
export class GongError extends Error {
  /** `"GongError"`: the class's name, which a bundler that renames classes does not change. */
  override name = "GongError";
  /** The operation that failed (its operationId in the spec), when the error belongs to one. */
  declare readonly operation: OperationName | undefined;

  constructor(message: string, options: { operation?: OperationName | undefined; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    Object.assign(this, { operation: options.operation });
  }

  /**
   * What `JSON.stringify` writes: the name, the message and every public field (a nested GongError
   * as its own JSON), never a request, its headers, or the answer's headers.
   */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this))
      if (key !== "headers") json[key] = value instanceof GongError ? value.toJSON() : value;
    return json;
  }
}

/** Options shared by the constructors of {@link GongApiError} and its subclasses. */
export interface GongApiErrorInit {
  /** The HTTP status of Gong's answer. */
  status: number;
  /** The operation the request was for, when the client knows it. */
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
  /** `"GongApiError"`: the class's name, which a bundler that renames classes does not change. */
  override name = "GongApiError";
  /** The HTTP status of Gong's answer. */
  declare readonly status: number;
  /** Gong's request reference id; quote it to Gong's support. Undefined when the answer had none. */
  declare readonly requestId: string | undefined;
  /** Gong's error messages (the `errors` array of its answer), possibly empty. */
  declare readonly errors: readonly string[];
  /** The headers of Gong's answer. */
  declare readonly headers: Headers;

  constructor(init: GongApiErrorInit, message?: string) {
    super(message ?? describeApiError(init), { operation: init.operation });
    Object.assign(this, {
      status: init.status,
      requestId: init.requestId,
      errors: Object.freeze([...(init.errors ?? [])]),
      headers: init.headers ?? new Headers(),
    });
  }
}

/** 400: Gong found the request malformed. Not retried. */
export class GongBadRequestError extends GongApiError {
  /** `"GongBadRequestError"`: the class's name, which a bundler that renames classes does not change. */
  override name = "GongBadRequestError";
}

/** 401: the credentials are missing, wrong or expired. Not retried (except once with a fresh token from a token function). */
export class GongAuthenticationError extends GongApiError {
  /** `"GongAuthenticationError"`: the class's name, which a bundler that renames classes does not change. */
  override name = "GongAuthenticationError";
}

/** 403: the credentials lack the scope or the permission the operation needs. Not retried. */
export class GongPermissionError extends GongApiError {
  /** `"GongPermissionError"`: the class's name, which a bundler that renames classes does not change. */
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
  /** `"GongRateLimitError"`: the class's name, which a bundler that renames classes does not change. */
  override name = "GongRateLimitError";
  /**
   * How long to wait before the next call, in milliseconds (from Gong's `Retry-After`, or from the
   * store's refusal), or undefined when Gong did not say. Schedule the work again after this.
   */
  declare readonly retryAfterMs: number | undefined;
  /** Why the call was not sent, when the rate-limit store refused it; undefined when Gong answered 429. */
  declare readonly refusal: "hold" | "daily-quota" | undefined;

  constructor(
    init: GongApiErrorInit & { retryAfterMs?: number | undefined; refusal?: "hold" | "daily-quota" | undefined },
    message?: string,
  ) {
    const wait =
      init.retryAfterMs === undefined ? "" : `; Gong asks to wait ${seconds(init.retryAfterMs)} s before the next call`;
    super(init, message ?? describeApiError(init) + wait);
    Object.assign(this, { retryAfterMs: init.retryAfterMs, refusal: init.refusal });
  }
}

/** 5xx: Gong failed to complete the operation, and the retries ran out. */
export class GongServerError extends GongApiError {
  /** `"GongServerError"`: the class's name, which a bundler that renames classes does not change. */
  override name = "GongServerError";
}

/** No HTTP answer at all: the connection was refused or reset, or the host was not found. */
export class GongConnectionError extends GongError {
  /** `"GongConnectionError"`: the class's name, which a bundler that renames classes does not change. */
  override name = "GongConnectionError";
}

/** An attempt ran past `timeoutMs`, and the retries ran out. */
export class GongTimeoutError extends GongError {
  /** `"GongTimeoutError"`: the class's name, which a bundler that renames classes does not change. */
  override name = "GongTimeoutError";
  /** The per-attempt timeout that was exceeded, in milliseconds. */
  declare readonly timeoutMs: number;

  constructor(message: string, options: { operation?: OperationName | undefined; timeoutMs: number }) {
    super(message, options);
    Object.assign(this, { timeoutMs: options.timeoutMs });
  }
}

/** The caller's `AbortSignal` ended the call. `cause` is the signal's reason. */
export class GongAbortError extends GongError {
  /** `"GongAbortError"`: the class's name, which a bundler that renames classes does not change. */
  override name = "GongAbortError";
}

/**
 * The client was configured in a way it refuses (no credentials, an insecure base URL, an unknown
 * option, …), or something it was given misbehaved (a custom `fetch` that resolved to something other
 * than a `Response`, a token function that threw).
 */
export class GongConfigurationError extends GongError {
  /** `"GongConfigurationError"`: the class's name, which a bundler that renames classes does not change. */
  override name = "GongConfigurationError";
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return String(Number.isInteger(s) ? s : s.toFixed(1));
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

/** "Gong answered 429 Too Many Requests to listAssignedFlows (POST /v2/flows/prospects), request id X: …" */
export function describeApiError(init: GongApiErrorInit): string {
  const text = statusTexts[init.status];
  return (
    `Gong answered ${init.status}${text ? ` ${text}` : ""}${init.operation ? ` to ${init.operation}` : ""}${init.endpoint ? ` (${init.endpoint})` : ""}` +
    `${init.requestId ? `, request id ${init.requestId}` : ""}${init.errors?.length ? `: ${init.errors.join("; ")}` : ""}`
  );
}

/**
 * The error class for an HTTP error status, built from what the answer said. Used for every answer
 * that is not a success, so the mapping from status to class lives in one place.
 */
export function apiErrorFor(init: GongApiErrorInit & { retryAfterMs?: number | undefined }): GongApiError {
  const { status } = init;
  const byStatus: Record<number, typeof GongApiError> = {
    400: GongBadRequestError,
    401: GongAuthenticationError,
    403: GongPermissionError,
    429: GongRateLimitError,
  };
  return new (byStatus[status] ?? (status >= 500 && status <= 599 ? GongServerError : GongApiError))(init);
}
