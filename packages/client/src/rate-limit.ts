import { GongConfigurationError } from "./errors.js";
import { checkKeys } from "./option-keys.js";
import { type LongTimer, setLongTimeout } from "./timers.js";

/** One request's request for a turn, as the client hands it to a {@link RateLimitStore}. */
export interface RateLimitTurn {
  /** The client's spacing, or undefined when spacing is off (`rateLimit: false`); holds still apply. */
  readonly requestsPerSecond: number | undefined;
  /** The longest wait the caller accepts for a hold; past it the store rejects with RateLimitRefusal. */
  readonly maxWaitMs: number;
  /** The call's abort signal: a store stops waiting, and rejects with its reason, when it aborts. */
  readonly signal?: AbortSignal | undefined;
  /**
   * True when the request may first have to open a connection (the client's first request, or its
   * first after being idle): it may reach the server up to {@link rateLimitDefaults}`.newConnectionSlackMs`
   * later than a request on a warm connection. The client's own next requests already wait for its
   * answer; a store shared with other processes keeps the window after it free for that much longer.
   */
  readonly newConnection?: boolean | undefined;
}

/**
 * Where a client's rate limit lives: what decides when each request may start, and what records
 * that Gong asked everyone to wait. The default, {@link createMemoryRateLimitStore}, keeps it in
 * the process; `@gong-flows/redis-rate-limit` shares one quota between processes through Redis.
 *
 * The client calls `acquire` once per attempt, as late as it can (right before the request leaves),
 * and `hold` after every 429 with the wait Gong asked for. A store never sends anything itself.
 */
export interface RateLimitStore {
  /**
   * Resolves when one request may start (the store does the waiting, timers re-armed past 2^31-1 ms),
   * with the milliseconds waited. Rejects with the signal's reason when it aborts; with
   * RateLimitRefusal when a hold has longer to run than maxWaitMs or a daily quota is spent; with a
   * GongError (for example "store unreachable") that the client passes through unchanged.
   */
  acquire(turn: RateLimitTurn): Promise<number>;
  /** Holds every request sharing the store for `ms` from now (after a 429); never shortens a hold. */
  hold(ms: number): void | Promise<void>;
}

/**
 * A store's "no": the request may not start, and waiting is pointless or longer than the caller
 * accepts. The client turns it into a `GongRateLimitError` that says the call was not sent, and why.
 */
export class RateLimitRefusal extends Error {
  /** `"RateLimitRefusal"`: the class's name, which a bundler that renames classes does not change. */
  override name = "RateLimitRefusal";
  /** When a request could start again, in milliseconds from now. */
  readonly retryAfterMs: number;
  /**
   * `"hold"`: a hold (after Gong's 429) has longer to run than the caller's `maxWaitMs`;
   * `"daily-quota"`: the daily quota the store counts is spent until `retryAfterMs` has passed.
   */
  readonly reason: "hold" | "daily-quota";

  /**
   * @param retryAfterMs - when a request could start again, in milliseconds from now.
   * @param reason - why the request may not start (see {@link RateLimitRefusal.reason}).
   * @param message - the error's message; by default one that says both.
   */
  constructor(retryAfterMs: number, reason: "hold" | "daily-quota", message?: string) {
    super(message ?? defaultRefusalMessage(retryAfterMs, reason));
    this.retryAfterMs = retryAfterMs;
    this.reason = reason;
  }
}

/** The message of a refusal whose store said nothing more. */
export function defaultRefusalMessage(retryAfterMs: number, reason: "hold" | "daily-quota"): string {
  return `${reason}: retry in ${Math.ceil(retryAfterMs)} ms`;
}

/** The memory store's synchronous fast path: not part of the public shape, found by this symbol. */
const freeTurn = Symbol("free turn");

/**
 * Takes a turn at once when the store is the client's own memory store and the turn is free (nobody
 * waiting, no hold, the interval passed): true when it did. For any other store, false: the caller
 * awaits `acquire`.
 */
export function takeFreeTurn(store: RateLimitStore, turn: RateLimitTurn): boolean {
  return (store as { [freeTurn]?: (turn: RateLimitTurn) => boolean })[freeTurn]?.(turn) === true;
}

/**
 * The rate limiter's defaults, in one place: the client's memory store uses them, and
 * `@gong-flows/redis-rate-limit` imports them rather than restating them.
 */
export const rateLimitDefaults = {
  /**
   * Per second of the limit, ms kept free for a request to reach the server after its turn: turns are
   * `(1000 + departureSlackMs) / requestsPerSecond` ms apart. On a machine whose every core is busy, a
   * request on a warm connection reached a server on the same machine up to about 55 ms after its turn
   * (see docs/benchmarks.md); 75 ms covers that, at a cost of 7 % of the throughput (93.0 % of the limit).
   */
  departureSlackMs: 75,
  /**
   * How much later than a warm request one that may open a new connection may reach the server (the
   * first request of a process, or the first after it was idle): measured up to about 150 ms on that
   * machine, on loopback.
   */
  newConnectionSlackMs: 250,
  /** The most `departureSlackMs` a store accepts: 500 ms already costs a third of the throughput. */
  maxDepartureSlackMs: 500,
} as const;

/** Options of {@link createMemoryRateLimitStore}. */
export interface MemoryRateLimitStoreOptions {
  /**
   * Per second of the limit, ms kept free for requests to reach the server after their turn: turns are
   * `(1000 + departureSlackMs) / requestsPerSecond` ms apart. Default
   * {@link rateLimitDefaults}`.departureSlackMs` (75: 93.0 % of the limit); 0 to 500.
   */
  departureSlackMs?: number | undefined;
}

/** How late after its slot a turn may be given and still keep the schedule (see createMemoryRateLimitStore). */
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
 * Gong's `Retry-After` has passed, instead of letting every queued call bounce off Gong.
 *
 * Turns keep to a schedule of slots that far apart. A turn given at most
 * `onScheduleMs` after its slot (timers and `Date.now()` have a millisecond's grain) keeps the
 * schedule, so that those milliseconds do not add up over thousands of calls (at 100 calls a second they
 * would cost a tenth of the throughput); a turn given later than that starts the schedule anew from its
 * own moment: if the event loop is late, requests go late, but never bunch up to catch up. The slack
 * (75 ms per second by default) is for the way from the turn to the server: on a busy machine a request
 * reaches the server tens of milliseconds after its turn, by a delay that varies from one request to
 * the next, and without the slack two of them could arrive closer than the spacing, putting one request
 * too many in a one-second window at the server. A new connection's longer way is the client's
 * departure gate's to cover (see departure.ts).
 *
 * Each client gets a fresh one unless given another; pass one store to several clients of one process
 * to make them share a limit. It is also the reference other stores are compared with.
 */
export function createMemoryRateLimitStore(options: MemoryRateLimitStoreOptions = {}): RateLimitStore {
  const departureSlackMs = checkDepartureSlack(options);
  const queue: Waiter[] = [];
  let lastGrant = Number.NEGATIVE_INFINITY;
  let holdUntil = 0;
  let timer: LongTimer | undefined;

  const remove = (waiter: Waiter) => {
    const index = queue.indexOf(waiter);
    if (index !== -1) queue.splice(index, 1);
  };

  /** Lets through every waiter that may go now, and sets one timer for the next moment one may. */
  const pump = (): void => {
    timer?.cancel();
    timer = undefined;
    while (queue.length > 0) {
      const now = Date.now();
      if (holdUntil > now) {
        const remaining = holdUntil - now;
        for (const waiter of [...queue]) {
          if (waiter.maxWaitMs < remaining) {
            remove(waiter);
            waiter.detach();
            waiter.reject(new RateLimitRefusal(remaining, "hold"));
          }
        }
        if (queue.length > 0) timer = setLongTimeout(pump, remaining);
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

  const intervalOf = (turn: RateLimitTurn) =>
    turn.requestsPerSecond === undefined ? 0 : (1000 + departureSlackMs) / turn.requestsPerSecond;

  /** Below the limit, with nobody waiting, the turn is immediate (the usual case). */
  const free = (turn: RateLimitTurn) => {
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
      const intervalMs = intervalOf(turn);
      const now = Date.now();
      if (holdUntil - now > turn.maxWaitMs) return Promise.reject(new RateLimitRefusal(holdUntil - now, "hold"));
      return new Promise<number>((resolve, reject) => {
        const onAbort = () => {
          remove(waiter);
          reject(signal?.reason);
          pump();
        };
        const waiter: Waiter = {
          enqueuedAt: now,
          intervalMs,
          maxWaitMs: turn.maxWaitMs,
          resolve,
          reject,
          detach: () => signal?.removeEventListener("abort", onAbort),
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
