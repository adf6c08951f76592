/**
 * The rate-limit store contract of `@gong-flows/client`, mirrored here until the client exports it.
 *
 * Temporary: these declarations copy the client's `RateLimitTurn`, `RateLimitStore` and
 * `RateLimitRefusal` word for word, so that this package builds and is tested on its own while the
 * client's pluggable store is being finished. Once the client exports them, this file is deleted and
 * everything imports them from `@gong-flows/client` — the client recognises a refusal by `instanceof`,
 * so the class must be the client's own, not this copy.
 */

/** One request asking the store for its turn. */
export interface RateLimitTurn {
  /** The client's spacing, or undefined when spacing is off (`rateLimit: false`); holds still apply. */
  readonly requestsPerSecond: number | undefined;
  /** The longest wait the caller accepts for a hold; past it the store rejects with RateLimitRefusal. */
  readonly maxWaitMs: number;
  readonly signal?: AbortSignal | undefined;
}

/** Where a client's rate limit lives: grants start times and records holds. */
export interface RateLimitStore {
  /**
   * Resolves when one request may start (the store does the waiting, timers re-armed past 2^31-1 ms),
   * with the ms waited. Rejects with the signal's reason when it aborts; with RateLimitRefusal when a
   * hold has longer to run than maxWaitMs or a daily quota is spent; with a GongError (e.g. "store
   * unreachable") that the client passes through unchanged.
   */
  acquire(turn: RateLimitTurn): Promise<number>;
  /** Holds every request sharing the store for `ms` from now (after a 429); never shortens a hold. */
  hold(ms: number): void | Promise<void>;
}

/** A store's refusal to grant a turn; the client turns it into `GongRateLimitError` with `retryAfterMs`. */
export class RateLimitRefusal extends Error {
  override name = "RateLimitRefusal";
  constructor(
    readonly retryAfterMs: number,
    readonly reason: "hold" | "daily-quota",
    message?: string,
  ) {
    super(message ?? (reason === "hold" ? `rate limit hold of ${retryAfterMs} ms` : `daily quota spent; next call in ${retryAfterMs} ms`));
  }
}
