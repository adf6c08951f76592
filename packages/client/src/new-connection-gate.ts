import { type LongTimer, setLongTimeout } from "./timers.js";

/**
 * A client that has sent nothing for this long may find its connections closed (4 s is undici's
 * default keep-alive), so its next request may open a new one.
 */
const idleMs = 4_000;
/** The longest the client waits to learn that a request on a new connection has arrived. */
const confirmWithinMs = 2_000;

/**
 * Called when a request's response (its status and headers) has come, or it failed: it has arrived, or
 * never will. `newConnection`: the request may have to open a connection first.
 */
export type Release = (() => void) & { readonly newConnection: boolean };

/**
 * Keeps a request that may open a new connection from arriving inside the spacing of the requests that
 * follow it: the first request of a client, and the first after it was idle, goes alone, and the others
 * wait for its response and one interval more (why: docs/design/request-spacing.md).
 */
export function createNewConnectionGate(requestsPerSecond: number | undefined) {
  /** While a request on a possibly new connection is unconfirmed (and one interval after): when it ends. */
  let pending: Promise<void> | undefined;
  let inFlight = 0;
  let lastActivity = Number.NEGATIVE_INFINITY;

  const pass = (): Release => {
    const cold = inFlight === 0 && Date.now() - lastActivity > idleMs;
    inFlight++;
    let confirm: (() => void) | undefined;
    if (cold) {
      const gate = new Promise<void>((open) => {
        let cap: LongTimer | undefined;
        confirm = () => {
          confirm = undefined;
          cap?.cancel();
          // One interval after the latest it can have arrived, the next request may take its turn.
          setLongTimeout(
            () => {
              if (pending === gate) pending = undefined;
              open();
            },
            1000 / (requestsPerSecond as number),
          );
        };
        cap = setLongTimeout(() => confirm?.(), confirmWithinMs);
      });
      pending = gate;
    }
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      inFlight--;
      lastActivity = Date.now();
      confirm?.();
    };
    return Object.assign(release, cold ? coldFlag : warm);
  };

  /** Waits while a request on a new connection is unconfirmed; waiters go on in the order they came. */
  const waitThenPass = async (signal: AbortSignal): Promise<Release> => {
    while (pending) {
      if (signal.aborted) throw signal.reason;
      const gate = pending;
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => reject(signal.reason);
        signal.addEventListener("abort", onAbort, { once: true });
        gate.then(() => {
          signal.removeEventListener("abort", onAbort);
          resolve();
        });
      });
    }
    return pass();
  };

  return {
    /**
     * Before a request takes its rate-limit turn: its `Release` at once when nothing is pending (the usual
     * case, without a promise), or a promise of it once the wait is over.
     */
    enter(signal: AbortSignal): Release | Promise<Release> {
      if (requestsPerSecond === undefined) return noop;
      return pending ? waitThenPass(signal) : pass();
    },
  };
}

const warm = { newConnection: false } as const;
const coldFlag = { newConnection: true } as const;

const noop: Release = Object.assign(() => undefined, warm);
