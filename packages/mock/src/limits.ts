import type { GongMockClock } from "./clock.js";

const dayMs = 86_400_000;

/** The outcome of {@link CallLimits.admit}. */
export type Admission =
  | { admitted: true }
  /** Refused: `retryAfterSeconds` is the whole number of seconds until a call would be admitted. */
  | { admitted: false; limit: "rate" | "dailyQuota"; retryAfterSeconds: number };

/**
 * Gong's two limits on a company's calls: at most `requestsPerSecond` calls in any one second (a
 * sliding window) and `dailyQuota` calls per UTC day. 0 turns a limit off. Only admitted calls
 * count; a refused call (429) uses up neither limit.
 */
export class CallLimits {
  readonly #requestsPerSecond: number;
  readonly #dailyQuota: number;
  readonly #clock: GongMockClock;
  /** When the admitted calls of the last second came, oldest first. */
  #recent: number[] = [];
  #day = -1;
  #usedToday = 0;

  constructor(options: { requestsPerSecond: number; dailyQuota: number; clock: GongMockClock }) {
    this.#requestsPerSecond = options.requestsPerSecond;
    this.#dailyQuota = options.dailyQuota;
    this.#clock = options.clock;
  }

  /**
   * Admits a call that arrived at `now` (default: the clock's now), or says which limit refuses it and how long to wait. The daily quota is
   * checked first: once it is spent, a second's wait would not help, and its `Retry-After` (until
   * the next UTC midnight) is the one that tells the truth.
   */
  admit(now: number = this.#clock.now()): Admission {
    const day = Math.floor(now / dayMs);
    if (day !== this.#day) {
      this.#day = day;
      this.#usedToday = 0;
    }
    if (this.#dailyQuota > 0 && this.#usedToday >= this.#dailyQuota) {
      return { admitted: false, limit: "dailyQuota", retryAfterSeconds: Math.ceil(((day + 1) * dayMs - now) / 1000) };
    }
    if (this.#requestsPerSecond > 0) {
      while (this.#recent.length > 0 && this.#recent[0]! <= now - 1000) this.#recent.shift();
      if (this.#recent.length >= this.#requestsPerSecond) {
        // The oldest call of the window leaves it at oldest + 1000 ms; a call is admitted from then on.
        return {
          admitted: false,
          limit: "rate",
          retryAfterSeconds: Math.max(1, Math.ceil((this.#recent[0]! + 1000 - now) / 1000)),
        };
      }
      this.#recent.push(now);
      // Calls are admitted in the order they are handled, which can differ a little from the order
      // they arrived in: keep the window sorted so that its oldest call is first.
      if (this.#recent.length > 1 && this.#recent[this.#recent.length - 2]! > now) this.#recent.sort((a, b) => a - b);
    }
    this.#usedToday++;
    return { admitted: true };
  }

  /** Calls admitted in the current UTC day. */
  get usedToday(): number {
    return Math.floor(this.#clock.now() / dayMs) === this.#day ? this.#usedToday : 0;
  }

  /** Forgets every call (a reset of the mock). */
  reset(): void {
    this.#recent = [];
    this.#day = -1;
    this.#usedToday = 0;
  }
}
