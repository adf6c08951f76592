import { type LongTimer, setLongTimeout } from "./timers.js";

/** One request's request for a turn, as the client hands it to a {@link RateLimitStore}. */
export interface RateLimitTurn {
  /** The client's spacing, or undefined when spacing is off (`rateLimit: false`); holds still apply. */
  readonly requestsPerSecond: number | undefined;
  /** The longest wait the caller accepts for a hold; past it the store rejects with RateLimitRefusal. */
  readonly maxWaitMs: number;
  readonly signal?: AbortSignal | undefined;
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
  override name = "RateLimitRefusal";

  /**
   * @param retryAfterMs when a request could start again, in milliseconds from now.
   * @param reason `"hold"`: a hold (after Gong's 429) has longer to run than the caller's `maxWaitMs`;
   *   `"daily-quota"`: the daily quota the store counts is spent until `retryAfterMs` has passed.
   */
  constructor(
    readonly retryAfterMs: number,
    readonly reason: "hold" | "daily-quota",
    message?: string,
  ) {
    super(message ?? `${reason === "hold" ? "rate-limit hold" : "daily quota spent"}: retry after ${Math.ceil(retryAfterMs)} ms`);
  }
}

/** Per second of the limit, time allowed for a request to leave after its turn (see below). */
const departureSlackMs = 25;

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
 * `(1000 + 25) / requestsPerSecond` ms apart; and after a 429 holds all of them until Gong's
 * `Retry-After` has passed, instead of letting every queued call bounce off Gong.
 *
 * The gap is measured between the moments requests are actually let through, not between slots booked
 * in advance: if the event loop is late, requests go late, but never closer together. The 25 ms per
 * second are departure slack: a request leaves a few milliseconds after its turn on a busy event loop,
 * and the slack absorbs that, so that no one-second window holds more than the limit (at a cost of
 * 2.5 % of the throughput).
 *
 * Each client gets a fresh one unless given another; pass one store to several clients of one process
 * to make them share a limit. It is also the reference other stores are compared with.
 */
export function createMemoryRateLimitStore(): RateLimitStore {
  return new MemoryRateLimitStore();
}

class MemoryRateLimitStore implements RateLimitStore {
  readonly #queue: Waiter[] = [];
  #lastGrant = Number.NEGATIVE_INFINITY;
  #holdUntil = 0;
  #timer: LongTimer | undefined;

  acquire(turn: RateLimitTurn): Promise<number> {
    const { signal } = turn;
    if (signal?.aborted) return Promise.reject(signal.reason);
    const intervalMs = turn.requestsPerSecond === undefined ? 0 : (1000 + departureSlackMs) / turn.requestsPerSecond;
    const now = Date.now();
    // Below the limit, with nobody waiting, the turn is immediate (the usual case).
    if (this.#queue.length === 0 && this.#holdUntil <= now && this.#lastGrant + intervalMs <= now) {
      this.#lastGrant = now;
      return Promise.resolve(0);
    }
    if (this.#holdUntil - now > turn.maxWaitMs) return Promise.reject(new RateLimitRefusal(this.#holdUntil - now, "hold"));
    return new Promise<number>((resolve, reject) => {
      const onAbort = () => {
        this.#remove(waiter);
        reject(signal?.reason);
        this.#pump();
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
      this.#queue.push(waiter);
      this.#pump();
    });
  }

  hold(ms: number): void {
    if (!(ms > 0)) return;
    const until = Date.now() + ms;
    if (until > this.#holdUntil) this.#holdUntil = until;
    this.#pump();
  }

  /** Lets through every waiter that may go now, and sets one timer for the next moment one may. */
  #pump(): void {
    this.#timer?.cancel();
    this.#timer = undefined;
    while (this.#queue.length > 0) {
      const now = Date.now();
      if (this.#holdUntil > now) {
        const remaining = this.#holdUntil - now;
        for (const waiter of [...this.#queue]) {
          if (waiter.maxWaitMs < remaining) {
            this.#remove(waiter);
            waiter.detach();
            waiter.reject(new RateLimitRefusal(remaining, "hold"));
          }
        }
        if (this.#queue.length > 0) this.#timer = setLongTimeout(() => this.#pump(), remaining);
        return;
      }
      const waiter = this.#queue[0] as Waiter;
      const due = this.#lastGrant + waiter.intervalMs;
      if (due > now) {
        this.#timer = setLongTimeout(() => this.#pump(), due - now);
        return;
      }
      this.#queue.shift();
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
