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
export const freeTurn = Symbol("free turn");

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
