import type { OperationName } from "./operation-name.js";

/** Fields every log event has. No headers and no bodies, ever: events are safe to ship anywhere. */
interface LogEventBase {
  /** The operation (operationId in the spec), or undefined for a route the spec does not have. */
  operation: OperationName | undefined;
  method: string;
  /** The path of the endpoint, without the base URL. */
  path: string;
  /** 1 for the first attempt, 2 for the first retry, … */
  attempt: number;
}

/**
 * A structured event from the client. Give `logger: (event) => ...` to `createGongFlowsClient` to
 * receive them, for example `logger: (event) => console.debug("gong", event)`.
 *
 * - `request`: an attempt is about to be sent; `waitedMs` is the time spent in the rate limiter.
 * - `response`: Gong answered; `durationMs` is the time of the exchange.
 * - `retry`: the attempt failed in a way worth retrying; the next one starts after `delayMs`.
 * - `rate-limited`: a 429 put the whole client on hold for `holdMs`.
 * - `failed`: the attempt got no answer (connection error, timeout) and will not be retried.
 *
 * `reason` texts are built from redacted text: they never hold a credential.
 */
export type GongLogEvent =
  | (LogEventBase & { type: "request"; waitedMs: number })
  | (LogEventBase & { type: "response"; status: number; requestId: string | undefined; durationMs: number })
  | (LogEventBase & { type: "retry"; reason: string; status: number | undefined; delayMs: number })
  | (LogEventBase & { type: "rate-limited"; holdMs: number; retryAfterMs: number | undefined })
  | (LogEventBase & { type: "failed"; reason: string });

/**
 * Receives the client's log events. Whatever it throws, or the promise it may return rejects with, is
 * ignored: logging never breaks a call, and never causes an unhandled rejection.
 */
export type GongLogger = (event: GongLogEvent) => void;

/** Calls the logger, if any, shielding the call from a logger that throws or rejects. */
export function emit(logger: GongLogger | undefined, event: GongLogEvent): void {
  callShielded(logger, event);
}

/** `Omit` applied to each member of a union. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** One attempt's logger: the event without the fields every event of the attempt shares. */
export type AttemptLog = (event: DistributiveOmit<GongLogEvent, keyof LogEventBase>) => void;

/** The logger of attempt `attempt` of a call; without a logger no event is even built (this runs on every attempt). */
export function attemptLog(
  logger: GongLogger | undefined,
  call: Pick<LogEventBase, "operation" | "method" | "path">,
  attempt: number,
): AttemptLog {
  if (!logger) return ignore;
  const { operation, method, path } = call;
  return (event) => emit(logger, { ...event, operation, method, path, attempt } as GongLogEvent);
}

/**
 * Calls a listener of the user's (a logger, an attempt hook), if any, shielding the call from one that
 * throws or rejects: a broken listener must not turn a call's outcome into another.
 */
export function callShielded<E>(listener: ((event: E) => void) | undefined, event: E): void {
  if (!listener) return;
  try {
    const returned: unknown = listener(event);
    // An async listener's rejection is caught here, where nobody else would.
    if (
      returned !== null &&
      typeof returned === "object" &&
      typeof (returned as { then?: unknown }).then === "function"
    ) {
      (returned as PromiseLike<unknown>).then(undefined, ignore);
    }
  } catch {
    // Ignored on purpose (see above).
  }
}

function ignore(): void {}
