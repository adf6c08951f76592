import {
  formatDuration,
  GongAbortError,
  GongApiError,
  GongAuthenticationError,
  GongBadRequestError,
  GongPermissionError,
  GongRateLimitError,
  GongResponseValidationError,
  GongValidationError,
} from "@gong-flows/client";
import { RedisStoreError } from "@gong-flows/redis-rate-limit";
import type { ErrorSummary } from "../journal/records.js";

/**
 * Why a job stopped before finishing. Every one leaves the journal consistent: running the same
 * command again resumes.
 */
export type StopReason =
  /** `--daily-budget` has no call left for this UTC day. */
  | { readonly kind: "daily-budget"; readonly limit: number; readonly day: string }
  /** Gong (or a shared rate-limit store) asks to wait longer than the client waits through: the daily quota is spent. */
  | { readonly kind: "gong-quota"; readonly retryAfterMs: number | undefined; readonly message: string }
  /** SIGINT or SIGTERM. */
  | { readonly kind: "signal"; readonly signal: string }
  /** Gong refused the credentials (401) or their permissions (403). */
  | { readonly kind: "credentials"; readonly message: string }
  /**
   * The rate limit shared through Redis (`--redis`) could not give a slot — Redis unreachable for
   * longer than the store waits, or refusing its scripts — so the request was not sent.
   */
  | { readonly kind: "shared-rate-limit"; readonly message: string }
  /** Gong did not answer usefully even after the client's retries (connection, timeout, 5xx). */
  | { readonly kind: "gong-unavailable"; readonly message: string }
  /** The user answered "no" to the confirmation. */
  | { readonly kind: "declined" }
  /** The job itself failed (its journal could not be written, say). */
  | { readonly kind: "error"; readonly message: string };

/**
 * Whether an error that ended a request should stop the whole job, and why. A 400 stops nothing (it
 * concerns that request's ids, which stay to do); a response that does not match the spec stops
 * nothing either (its ids become unconfirmed and are settled by listing); an abort is the signal's
 * own stop. Everything else that survived the client's retries would fail the next request too.
 */
export function stopFor(error: unknown): StopReason | undefined {
  if (error instanceof GongAbortError) return undefined;
  if (error instanceof GongBadRequestError || error instanceof GongValidationError) return undefined;
  if (error instanceof GongResponseValidationError) return undefined;
  if (error instanceof RedisStoreError) return { kind: "shared-rate-limit", message: error.message };
  if (error instanceof GongRateLimitError)
    return { kind: "gong-quota", retryAfterMs: error.retryAfterMs, message: error.message };
  if (error instanceof GongAuthenticationError || error instanceof GongPermissionError)
    return { kind: "credentials", message: error.message };
  return { kind: "gong-unavailable", message: error instanceof Error ? error.message : String(error) };
}

/** What the journal and the report keep of an error: its name, message, status and Gong's request id. */
export function summarizeError(error: unknown): ErrorSummary {
  if (error instanceof GongApiError) {
    const retryAfterMs = error instanceof GongRateLimitError ? error.retryAfterMs : undefined;
    return { name: error.name, message: error.message, status: error.status, requestId: error.requestId, retryAfterMs };
  }
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: "Error", message: String(error) };
}

/** One sentence for the user: why the job stopped and when it can go on. */
export function describeStop(reason: StopReason, now: number): string {
  switch (reason.kind) {
    case "daily-budget": {
      const nextDay = Date.parse(`${reason.day}T00:00:00Z`) + 86_400_000;
      return `the daily budget of ${reason.limit} calls is spent for ${reason.day} (UTC); it renews in ${formatDuration(nextDay - now)}, at 00:00 UTC (or raise --daily-budget)`;
    }
    case "gong-quota":
      return reason.retryAfterMs === undefined
        ? `Gong keeps answering 429 Too Many Requests: ${reason.message}`
        : `Gong's rate limit holds every call for another ${formatDuration(reason.retryAfterMs)} (its daily quota is likely spent): resume after that`;
    case "signal":
      return `stopped by ${reason.signal}`;
    case "credentials":
      return `Gong refused the credentials: ${reason.message}`;
    case "shared-rate-limit":
      return `the rate limit shared through Redis gave no slot, so nothing more was sent: ${reason.message}`;
    case "gong-unavailable":
      return `Gong did not answer usefully after the client's retries: ${reason.message}`;
    case "declined":
      return "not confirmed: nothing was unassigned";
    case "error":
      return `stopped by an error: ${reason.message}`;
  }
}
