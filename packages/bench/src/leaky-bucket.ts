/**
 * A leaky-bucket rate limiter as a meter, the way an API gateway enforces "N calls per second": every
 * accepted request pours one unit into a bucket that drains at `ratePerSecond` units per second; a
 * request that would overflow the bucket's `capacity` is refused, with the whole seconds to wait before
 * one unit of room has drained (what an HTTP `Retry-After` header carries).
 *
 * A capacity of a little over one request tolerates the jitter of a client that spaces its calls at
 * exactly the limit, without allowing a real burst.
 */
export class LeakyBucket {
  private level = 0;
  private updatedAtMs: number;

  constructor(
    readonly ratePerSecond: number,
    readonly capacity: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(ratePerSecond > 0)) throw new RangeError("ratePerSecond must be positive");
    if (!(capacity >= 1)) throw new RangeError("capacity must be at least 1");
    this.updatedAtMs = now();
  }

  /**
   * Takes one request. Returns `{ accepted: true }`, or `{ accepted: false, retryAfterSeconds }` with the
   * wait rounded up to whole seconds (at least 1), as a `Retry-After` header would say.
   */
  take(): { accepted: true } | { accepted: false; retryAfterSeconds: number; retryAfterMs: number } {
    this.drain();
    if (this.level + 1 <= this.capacity) {
      this.level += 1;
      return { accepted: true };
    }
    const retryAfterMs = ((this.level + 1 - this.capacity) / this.ratePerSecond) * 1000;
    return { accepted: false, retryAfterMs, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
  }

  private drain(): void {
    const now = this.now();
    this.level = Math.max(0, this.level - ((now - this.updatedAtMs) / 1000) * this.ratePerSecond);
    this.updatedAtMs = now;
  }
}
