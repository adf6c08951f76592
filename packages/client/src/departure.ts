import { setLongTimeout } from "./timers.js";

/**
 * A client that has sent nothing for this long may find its connections closed (4 s is undici's
 * default keep-alive), so its next request may open a new one.
 */
const idleMs = 4_000;
/** The longest the client waits to learn that a request on a new connection has arrived. */
const confirmWithinMs = 2_000;

/** Called when a request's answer (its status and headers) has come, or it failed: it has arrived, or never will. */
export type Leave = () => void;

/**
 * Keeps a request that may open a new connection from arriving inside the spacing of the requests
 * that follow it.
 *
 * The rate limiter spaces the moments requests leave. A request on a warm connection arrives a
 * fraction of a millisecond later; one that must first open a connection (a TCP and TLS handshake,
 * on a busy machine) can arrive a hundred milliseconds later, while the next request, on a warm
 * connection, is on time: the two arrive closer together than the limit allows, and a one-second window
 * at the server can hold one request too many. So the first request of a client, and the first after
 * it has been idle, goes alone: the client's other requests wait until it has been answered (the latest
 * it can have arrived; at most 2 s) and one interval more before they take their turn.
 */
export function createDepartureGate(requestsPerSecond: number | undefined) {
  let pending: Promise<void> | undefined;
  let releaseAt = 0;
  let inFlight = 0;
  let lastActivity = Number.NEGATIVE_INFINITY;

  const pass = (): Leave => {
    const cold = inFlight === 0 && Date.now() - lastActivity > idleMs;
    inFlight++;
    let release: (() => void) | undefined;
    let cap: { cancel(): void } | undefined;
    if (cold) {
      pending = new Promise<void>((resolve) => {
        release = () => {
          cap?.cancel();
          if (pending === confirmed) pending = undefined;
          releaseAt = Date.now() + 1000 / (requestsPerSecond as number);
          resolve();
        };
      });
      const confirmed = pending;
      cap = setLongTimeout(() => release?.(), confirmWithinMs);
    }
    let left = false;
    return () => {
      if (left) return;
      left = true;
      inFlight--;
      lastActivity = Date.now();
      release?.();
    };
  };

  /** Waits while a request on a new connection is unconfirmed, and then one interval more. */
  const waitThenPass = async (signal: AbortSignal): Promise<Leave> => {
    while (pending || releaseAt > Date.now()) {
      if (signal.aborted) throw signal.reason;
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => reject(signal.reason);
        signal.addEventListener("abort", onAbort, { once: true });
        const done = () => {
          signal.removeEventListener("abort", onAbort);
          resolve();
        };
        if (pending) pending.then(done);
        else setLongTimeout(done, releaseAt - Date.now());
      });
    }
    return pass();
  };

  return {
    /**
     * Before a request takes its rate-limit turn: its `Leave` at once when nothing is pending (the usual
     * case, without a promise), or a promise of it once the wait is over.
     */
    enter(signal: AbortSignal): Leave | Promise<Leave> {
      if (requestsPerSecond === undefined) return noop;
      if (pending || releaseAt > Date.now()) return waitThenPass(signal);
      return pass();
    },
  };
}

function noop(): void {}
