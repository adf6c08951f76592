import { sleep } from "./sleep.js";

/** Thrown by {@link RateLimiter.acquire} when the instance is held longer than the caller accepts. */
export class RateLimitHoldTooLong extends Error {
  constructor(readonly remainingMs: number) {
    super(`rate limit hold of ${remainingMs} ms`);
  }
}

/**
 * The per-client scheduler: spaces the start of every request of one client instance (concurrent
 * calls included) at least `1000 / requestsPerSecond` ms apart, and holds all of them after a 429
 * until Gong's `Retry-After` has passed, instead of letting every queued call bounce off Gong.
 *
 * Spacing requests evenly, rather than letting bursts through, keeps any one-second window at or
 * below the limit whatever way Gong counts it.
 */
export class RateLimiter {
  readonly #intervalMs: number;
  readonly #now: () => number;
  #nextSlot = 0;
  #holdUntil = 0;

  /**
   * @param requestsPerSecond the most request starts per second; `undefined` turns spacing off (a
   *   429 still holds the instance).
   * @param now the clock; replaceable for tests.
   */
  constructor(requestsPerSecond: number | undefined, now: () => number = Date.now) {
    this.#intervalMs = requestsPerSecond === undefined ? 0 : 1000 / requestsPerSecond;
    this.#now = now;
  }

  /** Time (epoch ms) until which the instance is held after a 429; 0 or past when not held. */
  get heldUntil(): number {
    return this.#holdUntil;
  }

  /**
   * Waits for this request's turn and resolves with the milliseconds waited. Rejects with the
   * signal's reason when it aborts, and with {@link RateLimitHoldTooLong} when a hold has longer to
   * run than `maxHoldMs`, so that a daily-quota hold fails fast instead of blocking for hours.
   */
  async acquire(signal?: AbortSignal, maxHoldMs = Number.POSITIVE_INFINITY): Promise<number> {
    const start = this.#now();
    for (;;) {
      if (signal?.aborted) throw signal.reason;
      const now = this.#now();
      if (this.#holdUntil > now) {
        const remaining = this.#holdUntil - now;
        if (remaining > maxHoldMs) throw new RateLimitHoldTooLong(remaining);
        await sleep(remaining, signal);
        continue;
      }
      const slot = Math.max(now, this.#nextSlot);
      this.#nextSlot = slot + this.#intervalMs;
      if (slot > now) {
        await sleep(slot - now, signal);
        // A 429 may have arrived while this request waited for its slot: wait for the hold too.
        if (this.#holdUntil > this.#now()) continue;
      }
      return this.#now() - start;
    }
  }

  /** Holds every request of the instance for `ms` from now (after a 429); never shortens a hold. */
  hold(ms: number): void {
    const until = this.#now() + ms;
    if (until > this.#holdUntil) this.#holdUntil = until;
    // After the hold, requests restart one interval apart rather than all at once.
    if (this.#nextSlot < this.#holdUntil) this.#nextSlot = this.#holdUntil;
  }
}
