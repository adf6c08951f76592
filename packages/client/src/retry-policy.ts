// The retry policy: which responses are worth another attempt, and how long to wait before it. The loop
// that applies it (holds, token refresh, backoff) is in retry-loop.ts.
import { defaultOptions } from "./defaults.js";

/** HTTP statuses worth another attempt: rate limited, or a server or gateway failure. */
const retryableStatuses = new Set([429, 500, 502, 503, 504]);

/** True for 429, 500, 502, 503 and 504. 400, 401, 403 and other 4xx are never retried. */
export function isRetryableStatus(status: number): boolean {
  return retryableStatuses.has(status);
}

/** Backoff between attempts: exponential, capped, with full jitter. */
export interface RetryDelayOptions {
  /** Upper bound of the first retry's delay. Default 500 ms. */
  initialMs: number;
  /** Upper bound of any retry's delay. Default 8,000 ms. */
  maxMs: number;
}

export const defaultRetryDelay: RetryDelayOptions = defaultOptions.retryDelay;

/**
 * The delay before retry number `retry` (0 for the first retry): a random time between 0 and
 * `min(maxMs, initialMs × 2^retry)` ("full jitter"), so that many clients failing together do not
 * retry together.
 */
export function backoffDelayMs(
  retry: number,
  options: RetryDelayOptions = defaultRetryDelay,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(options.maxMs, options.initialMs * 2 ** retry);
  return Math.round(random() * ceiling);
}

/**
 * Reads a `Retry-After` header as milliseconds to wait: a number of seconds (Gong's form) or an HTTP
 * date. Undefined when the header is missing or unreadable, so that the caller falls back to backoff.
 */
export function parseRetryAfterMs(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // An HTTP date has letters and a comma or spaces ("Wed, 21 Oct 2026 07:28:00 GMT"); a bare signed
  // or odd number would otherwise be parsed by Date.parse as a year.
  if (!/[a-z]/i.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** What the retry decision reads of an attempt's end. */
export interface AttemptResult {
  /** The response's status; undefined when the request got none (a connection error or a timeout). */
  status?: number | undefined;
  /** A 429's `Retry-After`, in ms, when it had a readable one. */
  retryAfterMs?: number | undefined;
}

/** Where the call stands when an attempt ends. */
export interface RetryState {
  /** Retries made so far. */
  retries: number;
  maxRetries: number;
  maxRetryAfterMs: number;
  /** A token function can give a fresh token, and has not been asked to yet. */
  canRefreshToken: boolean;
}

/**
 * What the call does next: `end` with this outcome (return the response or throw the error), ask for
 * a fresh token and retry at once, `hold` the store after a 429 and retry (or then end), or back off and retry.
 */
export type RetryDecision = "end" | "refresh-token" | "hold" | "hold-then-end" | "backoff";

/** The retry decision for an attempt's end, one rule a line. */
export function decideRetry({ status, retryAfterMs = 0 }: AttemptResult, state: RetryState): RetryDecision {
  const spent = state.retries >= state.maxRetries;
  if (status === 401 && state.canRefreshToken) return "refresh-token";
  if (status !== undefined && !isRetryableStatus(status)) return "end";
  // A wait longer than maxRetryAfterMs (Gong's daily quota) is not slept through: the caller schedules.
  if (status === 429) return spent || retryAfterMs > state.maxRetryAfterMs ? "hold-then-end" : "hold";
  if (spent) return "end";
  return "backoff";
}

/**
 * Writes that must never be sent twice once an attempt may have reached Gong: assigning again would
 * report "already assigned" for a prospect the lost attempt assigned (or start a second job). A 429
 * or a connection never made is still retried: Gong did not act on it.
 */
const sentOnceOperations: ReadonlySet<string> = new Set(["assignProspects", "submitBulkAssignment"]);

/** True for an operation that is not sent again after an attempt whose outcome is unknown. */
export function isSentOnce(operation: string | undefined): boolean {
  return operation !== undefined && sentOnceOperations.has(operation);
}

/**
 * Whether a request answered with this status may have been carried out even though the call will
 * report a failure (or retry). A 5xx promises nothing: a gateway's 502 or 504 may come after Gong acted,
 * and a 500 "failed to complete" may have completed part. 4xx answers (429 included) are refusals: Gong
 * did not act.
 */
export function mayHaveActed(status: number): boolean {
  return status >= 500;
}

/** What is known of one attempt's end, as {@link attemptMayHaveActed} reads it. */
export interface AttemptEnd {
  /** Whether the request was handed to `fetch`. */
  sent: boolean;
  /** The response's status, when one arrived. */
  status?: number | undefined;
  /** What the attempt threw, when it got no response. */
  error?: unknown;
  /** Whether the attempt ran out of time. */
  timedOut?: boolean | undefined;
}

/**
 * The one rule for "did Gong act?" on one attempt: not when it was not sent, was refused with a 4xx, or
 * never reached Gong ({@link neverSent}); it may have for any other response (2xx and 3xx: it acted; a
 * 5xx: see {@link mayHaveActed}), a timeout, or a connection lost after sending.
 */
export function attemptMayHaveActed(end: AttemptEnd): boolean {
  if (!end.sent) return false;
  if (end.status !== undefined) return end.status < 400 || mayHaveActed(end.status);
  return end.timedOut === true || !neverSent(end.error);
}

/**
 * Network error codes that mean the request never left: the connection was never made. Any other
 * error after the request was handed to `fetch` (a reset, a socket closed mid-answer, an unknown
 * error of a custom fetch) may have come after Gong received it.
 */
const notSentCodes = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/** True when a network error's code (or its cause's) says the request was never sent. */
export function neverSent(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e !== null && typeof e === "object" && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && notSentCodes.has(code)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
