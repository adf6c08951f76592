import { callShielded } from "./logger.js";
import { type AttemptEnd, attemptMayHaveActed } from "./retry-policy.js";
import type { OperationName } from "./operation-name.js";

/** Fields every attempt event has. No headers and no bodies: events are safe to keep in a journal. */
export interface GongAttemptEventBase {
  /** The operation (operationId in the spec), or undefined for a route the spec does not have. */
  readonly operation: OperationName | undefined;
  /** The HTTP method (`POST` for every operation of the spec). */
  readonly method: string;
  /** The path of the endpoint, without the base URL. */
  readonly path: string;
  /** 1 for the first attempt, 2 for the first retry, … */
  readonly attempt: number;
  /**
   * The ids this request carried: for a batch operation, the ids of this request only (one chunk of
   * the call's ids). Empty for a call through `raw`.
   */
  readonly ids: readonly string[];
}

/**
 * An attempt is about to leave: it has its rate-limit turn and nothing else stands between it and
 * `fetch`. Calling `hold()` during the hook keeps it from leaving: the attempt is then not sent (its
 * `settled` event says `sent: false`) and the call throws a `GongAbortError` without retrying.
 */
export interface GongAttemptSendingEvent extends GongAttemptEventBase {
  /** The attempt is about to leave. */
  readonly type: "sending";
  /** Keeps this attempt from leaving. Only effective during the hook's call. */
  hold(): void;
}

/** How an attempt ended. */
export interface GongAttemptSettledEvent extends GongAttemptEventBase {
  /** The attempt has ended: with a response, with an error, or without leaving. */
  readonly type: "settled";
  /** True once the request was handed to `fetch`; false when it never left (held, refused by the store, aborted). */
  readonly sent: boolean;
  /** The HTTP status of Gong's response, or undefined when none arrived. */
  readonly status: number | undefined;
  /**
   * Whether Gong may have acted on this request, by the client's one rule:
   * false when it was not sent, refused with a 4xx or never reached Gong (connection refused, host not
   * found); true for a 2xx or 3xx, a 5xx, a timeout or a connection lost after sending.
   */
  readonly mayHaveActed: boolean;
}

/** One attempt's event: `sending` as it is about to leave, then `settled` with its outcome. */
export type GongAttemptEvent = GongAttemptSendingEvent | GongAttemptSettledEvent;

/**
 * Receives every attempt's events. Whatever it throws, or the promise it may return rejects with, is
 * ignored: a hook never breaks a call. It runs synchronously, right before the request leaves, so it
 * should be quick.
 */
export type GongAttemptHook = (event: GongAttemptEvent) => void;

/** Calls each hook, shielding the call from a hook that throws or rejects. */
export function emitAttempt(hooks: readonly GongAttemptHook[], event: GongAttemptEvent): void {
  for (const hook of hooks) callShielded(hook, event);
}

/** Thrown inside the attempt's `fetch` when a `sending` hook held the attempt back. */
export class AttemptHeld extends Error {
  override name = "AttemptHeld";
}

/** One attempt's side of the hooks: `sending` says whether a hook held it back; `settled` returns the rule's verdict. */
export interface AttemptReporter {
  sending(): boolean;
  settled(end: AttemptEnd): boolean;
}

/** The reporter of one attempt; without hooks no event is built (this runs on every attempt). */
export function attemptReporter(hooks: readonly GongAttemptHook[], base: () => GongAttemptEventBase): AttemptReporter {
  if (hooks.length === 0) return { sending: () => false, settled: attemptMayHaveActed };
  return {
    sending() {
      let held = false;
      let open = true;
      const hold = () => {
        if (open) held = true;
      };
      emitAttempt(hooks, { ...base(), type: "sending", hold });
      open = false;
      return held;
    },
    settled(end) {
      const mayHaveActed = attemptMayHaveActed(end);
      emitAttempt(hooks, { ...base(), type: "settled", sent: end.sent, status: end.status, mayHaveActed });
      return mayHaveActed;
    },
  };
}
