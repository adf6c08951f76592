/** Thrown by {@link RateLimiter.acquire} when the instance is held longer than the caller accepts. */
export class RateLimitHoldTooLong extends Error {
  constructor(readonly remainingMs: number) {
    super(`rate limit hold of ${remainingMs} ms`);
  }
}

/** Per second of the limit, time allowed for a request to leave after its turn (see RateLimiter). */
const departureSlackMs = 25;

interface Waiter {
  readonly enqueuedAt: number;
  readonly maxHoldMs: number;
  readonly resolve: (waitedMs: number) => void;
  readonly reject: (reason: unknown) => void;
  readonly detach: () => void;
}

/**
 * The per-client scheduler: lets the requests of one client instance (concurrent calls included) start
 * one at a time, in the order they asked, at least `1000 / requestsPerSecond` ms apart; and after a 429
 * holds all of them until Gong's `Retry-After` has passed, instead of letting every queued call bounce
 * off Gong.
 *
 * The gap is measured between the moments requests are actually let through, not between slots booked
 * in advance: if the event loop is late, requests go late, but never closer together. And the gap is
 * `(1000 + 25) / requestsPerSecond` ms rather than `1000 / requestsPerSecond`: a request leaves a few
 * milliseconds after its turn on a busy event loop, and the 25 ms per second absorb that, so that no
 * one-second window ever holds more than the limit, however Gong counts it (at a cost of 2.5 % of the
 * throughput).
 */
export class RateLimiter {
  readonly #intervalMs: number;
  readonly #now: () => number;
  readonly #queue: Waiter[] = [];
  #lastGrant = Number.NEGATIVE_INFINITY;
  #holdUntil = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  /**
   * @param requestsPerSecond the most request starts per second; `undefined` turns spacing off (a
   *   429 still holds the instance).
   * @param now the clock; replaceable for tests.
   */
  constructor(requestsPerSecond: number | undefined, now: () => number = () => Date.now()) {
    this.#intervalMs = requestsPerSecond === undefined ? 0 : (1000 + departureSlackMs) / requestsPerSecond;
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
  acquire(signal?: AbortSignal, maxHoldMs = Number.POSITIVE_INFINITY): Promise<number> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.tryAcquire()) return Promise.resolve(0);
    return new Promise<number>((resolve, reject) => {
      const onAbort = () => {
        this.#remove(waiter);
        reject(signal?.reason);
        this.#pump();
      };
      const waiter: Waiter = {
        enqueuedAt: this.#now(),
        maxHoldMs,
        resolve,
        reject,
        detach: () => signal?.removeEventListener("abort", onAbort),
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#queue.push(waiter);
      this.#pump();
    });
  }

  /**
   * Lets a request through at once when nothing is queued, no hold is in force and the interval has
   * passed (the usual case below the limit): true when it did, false when the caller must `acquire`.
   */
  tryAcquire(): boolean {
    if (this.#queue.length > 0) return false;
    const now = this.#now();
    if (this.#holdUntil > now || this.#lastGrant + this.#intervalMs > now) return false;
    this.#lastGrant = now;
    return true;
  }

  /** Holds every request of the instance for `ms` from now (after a 429); never shortens a hold. */
  hold(ms: number): void {
    const until = this.#now() + ms;
    if (until > this.#holdUntil) this.#holdUntil = until;
    this.#pump();
  }

  /** Lets through every waiter that may go now, and sets one timer for the next moment one may. */
  #pump(): void {
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    while (this.#queue.length > 0) {
      const now = this.#now();
      if (this.#holdUntil > now) {
        const remaining = this.#holdUntil - now;
        for (const waiter of [...this.#queue]) {
          if (waiter.maxHoldMs < remaining) {
            this.#remove(waiter);
            waiter.detach();
            waiter.reject(new RateLimitHoldTooLong(remaining));
          }
        }
        if (this.#queue.length > 0) this.#timer = setTimeout(() => this.#pump(), remaining);
        return;
      }
      const due = this.#lastGrant + this.#intervalMs;
      if (due > now) {
        this.#timer = setTimeout(() => this.#pump(), due - now);
        return;
      }
      const waiter = this.#queue.shift() as Waiter;
      this.#lastGrant = now;
      waiter.detach();
      waiter.resolve(now - waiter.enqueuedAt);
    }
  }

  #remove(waiter: Waiter): void {
    const index = this.#queue.indexOf(waiter);
    if (index !== -1) this.#queue.splice(index, 1);
  }
}
