// The `fetch` one attempt hands openapi-fetch: it takes the rate-limit turn after openapi-fetch has
// built the request and middleware has run, so that the store spaces the moments requests really leave.
import { AttemptHeld, type AttemptReporter, type GongAttemptHook } from "./attempt-hook.js";
import type { AttemptControl } from "./attempt-control.js";
import type { CallRecord, CallTarget, Transport } from "./call.js";
import { type CallNames, fetchMisbehavedError } from "./call-errors.js";
import type { Release } from "./new-connection-gate.js";
import type { GongError } from "./errors.js";
import type { AttemptLog } from "./logger.js";
import type { FetchLike } from "./options.js";
import { type RateLimitTurn, takeFreeTurn } from "./rate-limit.js";

/** One call as its attempts see it: built once by the retry loop. */
export interface AttemptCall extends CallNames {
  readonly transport: Transport;
  readonly target: CallTarget;
  readonly record: CallRecord;
  readonly timeoutMs: number;
  readonly hooks: readonly GongAttemptHook[];
}

/** What the attempt's fetch saw happen, for the attempt to judge once openapi-fetch returns or throws. */
export interface AttemptState {
  /** Why the request did not get its turn (a store's refusal or failure, an abort, a hook's hold). */
  turnError?: { reason: unknown } | undefined;
  sent: boolean;
  /** The client's `fetch` resolved to something that is not a Response. */
  misbehaved?: GongError | undefined;
  response?: Response | undefined;
  startedAt: number;
}

/** The attempt's fetch: the new-connection gate, then the store's turn, then the client's fetch. */
export function attemptFetch(
  call: AttemptCall,
  control: AttemptControl,
  report: AttemptReporter,
  log: AttemptLog,
  state: AttemptState,
): FetchLike {
  const { transport, timeoutMs } = call;
  const { store } = transport;
  const turn: RateLimitTurn = {
    requestsPerSecond: transport.requestsPerSecond,
    maxWaitMs: transport.maxRetryAfterMs,
    signal: control.signal,
  };

  /** The request leaves: the hooks may hold it, its time starts, and the client's fetch sends it. */
  const sendNow = (request: Request, release: Release, waitedMs: number): Promise<Response> => {
    if (report.sending()) {
      release();
      state.turnError = { reason: new AttemptHeld() };
      throw state.turnError.reason;
    }
    control.sending(timeoutMs);
    log({ type: "request", waitedMs });
    state.sent = true;
    state.startedAt = Date.now();
    let sending: Promise<unknown>;
    try {
      sending = transport.fetch(request);
    } catch (error) {
      sending = Promise.reject(error);
    }
    return Promise.resolve(sending).then(
      (value) => {
        release();
        // A Response, or one that quacks like it (a polyfill's), as openapi-fetch reads it.
        if (!(value instanceof Response) && typeof (value as Response | undefined)?.headers?.get !== "function") {
          state.misbehaved = fetchMisbehavedError(call, value);
          throw state.misbehaved;
        }
        state.response = value as Response;
        return state.response;
      },
      (error: unknown) => {
        release();
        throw error;
      },
    );
  };

  /** Waits for the turn (the new-connection gate's wait, then the store's), then lets the request leave. */
  const waitThenSend = async (request: Request, entered: Release | Promise<Release>): Promise<Response> => {
    let waitedMs = 0;
    let release: Release | undefined;
    try {
      if (typeof entered === "function") release = entered;
      else {
        const queuedAt = Date.now();
        release = await entered;
        waitedMs = Date.now() - queuedAt;
      }
      // A shared store keeps the window after a request that may open a new connection free for longer.
      waitedMs += await store.acquire(release.newConnection ? { ...turn, newConnection: true } : turn);
      if (control.signal.aborted) throw control.signal.reason;
    } catch (reason) {
      release?.();
      state.turnError = { reason };
      throw reason;
    }
    return sendNow(request, release, waitedMs);
  };

  return (request) => {
    const entered = transport.newConnectionGate.enter(control.signal);
    // A free turn from the client's own memory store is taken at once, without a promise (the usual case).
    if (typeof entered === "function" && !control.signal.aborted && takeFreeTurn(store, turn))
      return sendNow(request, entered, 0);
    return waitThenSend(request, entered);
  };
}
