import type { GongAttemptHook } from "./attempt-hook.js";
import type { AuthProvider } from "./auth.js";
import type { createNewConnectionGate } from "./new-connection-gate.js";
import type { GongLogger } from "./logger.js";
import type { FetchLike } from "./options.js";
import type { RateLimitStore } from "./rate-limit.js";
import type { Redactor } from "./redact.js";
import type { RetryDelayOptions } from "./retry-policy.js";
import type { OperationName } from "./types.js";

/** What one client instance sends with: shared by all its calls. */
export interface Transport {
  readonly fetch: FetchLike;
  readonly store: RateLimitStore;
  readonly requestsPerSecond: number | undefined;
  /** Holds the client's turns while a request that may be opening a new connection is unconfirmed. */
  readonly newConnectionGate: ReturnType<typeof createNewConnectionGate>;
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

/** What the retry loop learned about a call besides its response. */
export interface CallRecord {
  /**
   * True once any attempt's outcome is unknown (a timeout, a connection lost after sending, a 5xx, a
   * response that breaks the spec): the request may have been carried out even if the final response,
   * or the call's error, does not say so.
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
