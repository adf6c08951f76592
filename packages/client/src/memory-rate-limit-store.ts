import { GongConfigurationError } from "./errors.js";
import { checkKeys } from "./option-keys.js";
import {
  freeTurn,
  RateLimitRefusal,
  type RateLimitStore,
  type RateLimitTurn,
  rateLimitDefaults,
} from "./rate-limit.js";
import { type LongTimer, setLongTimeout } from "./timers.js";

/** Options of {@link createMemoryRateLimitStore}. */
export interface MemoryRateLimitStoreOptions {
  /**
   * Per second of the limit, ms kept free for requests to reach the server after their turn: turns are
   * `(1000 + departureSlackMs) / requestsPerSecond` ms apart. Default
   * {@link rateLimitDefaults}`.departureSlackMs` (75: 93.0 % of the limit); 0 to 500.
   */
  departureSlackMs?: number | undefined;
}

/** How late after its slot a turn may be given and still keep the schedule (timers have a millisecond's grain). */
const onScheduleMs = 2;

/** The slot a turn given `now` takes: its own slot `due` when on schedule, else `now`. */
const slotOf = (now: number, due: number) => (now - due <= onScheduleMs ? due : now);

interface Waiter {
  readonly enqueuedAt: number;
  readonly intervalMs: number;
  readonly maxWaitMs: number;
  readonly resolve: (waitedMs: number) => void;
  readonly reject: (reason: unknown) => void;
  readonly detach: () => void;
}

/**
 * The in-process rate-limit store, the default of every client: lets the requests that share it
 * (concurrent calls included) start one at a time, in the order they asked, at least
 * `(1000 + departureSlackMs) / requestsPerSecond` ms apart; and after a 429 holds all of them until
 * Gong's `Retry-After` has passed, instead of letting every queued call bounce off Gong. How the
 * schedule keeps time: docs/design/request-spacing.md.
 *
 * Each client gets a fresh one unless given another; pass one store to several clients of one process
 * to make them share a limit. It is also the reference other stores are compared with.
 */
export function createMemoryRateLimitStore(options: MemoryRateLimitStoreOptions = {}): RateLimitStore {
  return scheduledStore(checkDepartureSlack(options));
}

/** The store: who waits, when the last turn was given, until when Gong asked to hold. */
function scheduledStore(departureSlackMs: number): RateLimitStore {
  const queue: Waiter[] = [];
  let lastGrant = Number.NEGATIVE_INFINITY;
  let holdUntil = 0;
  let timer: LongTimer | undefined;

  const intervalOf = (turn: RateLimitTurn) =>
    turn.requestsPerSecond === undefined ? 0 : (1000 + departureSlackMs) / turn.requestsPerSecond;

  /** Lets through every waiter that may go now, and sets one timer for the next moment one may. */
  const pump = (): void => {
    timer?.cancel();
    timer = undefined;
    while (queue.length > 0) {
      const now = Date.now();
      if (holdUntil > now) {
        refuseLongerThan(queue, holdUntil - now);
        if (queue.length > 0) timer = setLongTimeout(pump, holdUntil - now);
        return;
      }
      const waiter = queue[0] as Waiter;
      const due = lastGrant + waiter.intervalMs;
      if (due > now) {
        timer = setLongTimeout(pump, due - now);
        return;
      }
      queue.shift();
      lastGrant = slotOf(now, due);
      waiter.detach();
      waiter.resolve(now - waiter.enqueuedAt);
    }
  };

  /** Below the limit, with nobody waiting, the turn is immediate (the usual case). */
  const free = (turn: RateLimitTurn): boolean => {
    const now = Date.now();
    const due = lastGrant + intervalOf(turn);
    if (queue.length > 0 || holdUntil > now || due > now || turn.signal?.aborted) return false;
    lastGrant = slotOf(now, due);
    return true;
  };

  const store = {
    [freeTurn]: free,
    acquire(turn: RateLimitTurn): Promise<number> {
      const { signal } = turn;
      if (signal?.aborted) return Promise.reject(signal.reason);
      if (free(turn)) return Promise.resolve(0);
      const now = Date.now();
      if (holdUntil - now > turn.maxWaitMs) return Promise.reject(new RateLimitRefusal(holdUntil - now, "hold"));
      return new Promise<number>((resolve, reject) => {
        const onAbort = () => {
          remove(queue, waiter);
          reject(signal?.reason);
          pump();
        };
        const detach = () => signal?.removeEventListener("abort", onAbort);
        const waiter: Waiter = {
          enqueuedAt: now,
          intervalMs: intervalOf(turn),
          maxWaitMs: turn.maxWaitMs,
          resolve,
          reject,
          detach,
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        queue.push(waiter);
        pump();
      });
    },
    hold(ms: number): void {
      if (!(ms > 0)) return;
      holdUntil = Math.max(holdUntil, Date.now() + ms);
      pump();
    },
  };
  return store;
}

/** Refuses the waiters that do not accept a hold of `remainingMs`. */
function refuseLongerThan(queue: Waiter[], remainingMs: number): void {
  for (const waiter of [...queue]) {
    if (waiter.maxWaitMs >= remainingMs) continue;
    remove(queue, waiter);
    waiter.detach();
    waiter.reject(new RateLimitRefusal(remainingMs, "hold"));
  }
}

function remove(queue: Waiter[], waiter: Waiter): void {
  const index = queue.indexOf(waiter);
  if (index !== -1) queue.splice(index, 1);
}

/** Checks `departureSlackMs` of the memory store's options, so that a typo fails at creation. */
function checkDepartureSlack(options: MemoryRateLimitStoreOptions): number {
  if (typeof options !== "object" || options === null)
    throw new GongConfigurationError("The options of createMemoryRateLimitStore must be an object.");
  checkKeys(options, ["departureSlackMs"], "");
  const value = options.departureSlackMs ?? rateLimitDefaults.departureSlackMs;
  if (
    typeof value !== "number" ||
    !Number.isFinite(value) ||
    value < 0 ||
    value > rateLimitDefaults.maxDepartureSlackMs
  ) {
    throw new GongConfigurationError(
      `departureSlackMs must be a number of milliseconds from 0 to ${rateLimitDefaults.maxDepartureSlackMs}, got ${String(value)}.`,
    );
  }
  return value;
}
