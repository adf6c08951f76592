import type { RateLimitStore, RateLimitTurn } from "@gong-flows/client";
import { RedisConnection } from "./connection.js";
import { storeClosedError, unexpectedReplyError } from "./errors.js";
import { resolveStoreOptions, type RedisRateLimitStoreOptions, type ResolvedStoreOptions } from "./options.js";
import { parseSlotReply, parseUsage, refusalOf, type Slot, type SlotReply } from "./replies.js";
import { scripts, type Script } from "./scripts.js";
import { sleepUntil } from "./sleep.js";
import { type RequestSpacing, requestSpacing, toMicros } from "./spacing.js";

/** What {@link RedisRateLimitStore.usage} reports of the shared state, by Redis's clock. */
export interface RedisRateLimitUsage {
  /** Calls counted on the current UTC day by every process sharing the key. */
  readonly callsToday: number;
  /** The daily quota this store enforces, or undefined when it counts but enforces none. */
  readonly dailyQuota: number | undefined;
  /** Milliseconds until the hold after a 429 ends; 0 when there is none. */
  readonly heldForMs: number;
  /** Milliseconds until the next free slot; 0 when a call could start now. */
  readonly nextSlotInMs: number;
}

/** A `RateLimitStore` (of `@gong-flows/client`) shared through Redis, with what its owner needs besides. */
export interface RedisRateLimitStore extends RateLimitStore {
  /** The Redis it talks to, without user name or password. */
  readonly redisUrl: string;
  /** The key of the shared state. */
  readonly key: string;
  /** Reads the shared state: today's count, the hold, the next free slot. */
  usage(): Promise<RedisRateLimitUsage>;
  /**
   * Ends the store: calls still waiting fail with `RedisStoreError`, slots they held are given back,
   * and the connection is closed if the store opened it (a client passed in stays open). Idempotent.
   */
  close(): Promise<void>;
}

/**
 * Creates a rate-limit store shared through Redis, for `rateLimit: { requestsPerSecond, store }` of
 * `@gong-flows/client`: every process that uses a store with the same Redis and key shares one
 * spacing, one hold after a 429, and one daily count.
 *
 * Slots are granted atomically by Redis's clock (GCRA), each caller sleeps exactly until its own, and
 * nothing is sent without one: an unreachable Redis is waited for up to `unavailableTimeoutMs`, then the
 * call fails with `RedisUnavailableError` (the README's "How it works" says more).
 *
 * @example
 * ```ts
 * import { createGongFlowsClient } from "@gong-flows/client";
 * import { createRedisRateLimitStore } from "@gong-flows/redis-rate-limit";
 *
 * const store = createRedisRateLimitStore({ redis: process.env.REDIS_URL!, dailyQuota: 10_000 });
 * const gong = createGongFlowsClient({ rateLimit: { requestsPerSecond: 3, store } });
 * // ... every worker does the same; on shutdown:
 * await store.close();
 * ```
 */
export function createRedisRateLimitStore(options: RedisRateLimitStoreOptions): RedisRateLimitStore {
  return new SharedStore(resolveStoreOptions(options));
}

/** "Go" replies that arrived too late to trust, asked again before a request goes regardless. */
const maxStaleReplies = 8;

class SharedStore implements RedisRateLimitStore {
  readonly #options: ResolvedStoreOptions;
  readonly #connection: RedisConnection;
  /** One controller per request waiting for its slot, so that close() can end them. */
  readonly #waiting = new Set<AbortController>();
  /** Releases and holds on their way to Redis, awaited by close(). */
  readonly #background = new Set<Promise<unknown>>();
  /**
   * A hold this process was asked for but could not record in Redis yet (`performance.now()` time it
   * ends): the next grant carries it, so a 429 is never forgotten because Redis blinked.
   */
  #pendingHoldUntil = 0;
  #closed = false;

  constructor(options: ResolvedStoreOptions) {
    this.#options = options;
    this.#connection = new RedisConnection(options.redis, options.key);
  }

  get redisUrl(): string {
    return this.#connection.target.redisUrl;
  }

  get key(): string {
    return this.#options.key;
  }

  async acquire(turn: RateLimitTurn): Promise<number> {
    const started = performance.now();
    const spacing = requestSpacing(turn, this.#options);
    if (turn.signal?.aborted) throw turn.signal.reason;
    if (this.#closed) throw storeClosedError(this);
    const request = new AbortController();
    const forward = () => request.abort(turn.signal?.reason);
    turn.signal?.addEventListener("abort", forward, { once: true });
    this.#waiting.add(request);
    try {
      await this.#takeSlot(spacing, request.signal);
      return performance.now() - started;
    } finally {
      turn.signal?.removeEventListener("abort", forward);
      this.#waiting.delete(request);
    }
  }

  hold(ms: number): Promise<void> {
    if (typeof ms !== "number" || Number.isNaN(ms) || ms < 0) {
      throw new RangeError(`hold(ms) takes a number of milliseconds, 0 or more; got ${String(ms)}`);
    }
    if (ms === 0 || this.#closed) return Promise.resolve();
    const until = performance.now() + ms;
    if (until > this.#pendingHoldUntil) this.#pendingHoldUntil = until;
    const recorded = this.#connection
      .run(scripts.hold, [toMicros(ms)], performance.now() + this.#options.unavailableTimeoutMs)
      .then(
        () => {
          if (this.#pendingHoldUntil <= until) this.#pendingHoldUntil = 0;
        },
        // Not recorded: the hold stays pending and travels with this process's next grant. Never a
        // rejection, so that a caller that does not await hold() gets no unhandled rejection.
        () => undefined,
      );
    this.#track(recorded);
    return recorded;
  }

  async usage(): Promise<RedisRateLimitUsage> {
    const raw = await this.#connection.run(scripts.state, [], performance.now() + this.#options.unavailableTimeoutMs);
    const usage = parseUsage(raw, this.#options.dailyQuota);
    if (usage === undefined) throw unexpectedReplyError(this, scripts.state.name, raw);
    return usage;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const error = storeClosedError(this);
    for (const request of this.#waiting) request.abort(error);
    // Let the slots those calls held be given back (their releases start as the aborts settle), then
    // let go of the connection.
    await new Promise((resolve) => setTimeout(resolve, 0));
    await Promise.allSettled([...this.#background]);
    await this.#connection.close();
  }

  /**
   * Books a slot, sleeps until it, and confirms it as it wakes (booking again when a hold covered it or
   * it woke too late); returns when the request may go. See docs/design/redis-shared-rate-limit.md.
   */
  async #takeSlot(spacing: RequestSpacing, signal: AbortSignal): Promise<void> {
    const { intervalUs, maxWaitUs, budgetUs, extraUs } = spacing;
    const quota = this.#options.dailyQuota ?? 0;
    const pendingHoldUs = this.#pendingHoldUs();
    let sentAt = performance.now();
    let staleReplies = 0;
    let reply = await this.#run(
      scripts.grant,
      [intervalUs, maxWaitUs, quota, pendingHoldUs, budgetUs, extraUs],
      signal,
    );
    if (pendingHoldUs > 0) this.#pendingHoldRecorded(pendingHoldUs);
    for (;;) {
      // Counted from the reply's arrival, after the script ran: a little late, never early.
      const receivedAt = performance.now();
      if (reply.kind !== "granted") throw refusalOf(reply, this.key, this.#options.dailyQuota);
      const slot = reply.slot;
      if (reply.waitUs === 0) {
        // "Go now" is only as fresh as its round trip; a stale one is judged again, a few times at most.
        if (receivedAt - sentAt <= spacing.freshForMs || ++staleReplies > maxStaleReplies) return;
      } else {
        await this.#releaseOnFailure(slot, sleepUntil(receivedAt + reply.waitUs / 1000, signal));
      }
      sentAt = performance.now();
      const confirmArgs = [
        slot.slotUs,
        slot.day,
        slot.epoch,
        slot.seq,
        intervalUs,
        maxWaitUs,
        quota,
        budgetUs,
        extraUs,
      ];
      reply = await this.#releaseOnFailure(slot, this.#run(scripts.confirm, confirmArgs, signal));
    }
  }

  /** Waits for `step`; when it fails, the slot's request will not be sent and its count is given back. */
  async #releaseOnFailure<T>(slot: Slot, step: Promise<T>): Promise<T> {
    try {
      return await step;
    } catch (error) {
      this.#release(slot);
      throw error;
    }
  }

  /** Runs a script that answers with a grant or a refusal, bounded by `unavailableTimeoutMs`. */
  async #run(script: Script, args: readonly (string | number)[], signal: AbortSignal | undefined): Promise<SlotReply> {
    const raw = await this.#connection.run(
      script,
      args,
      performance.now() + this.#options.unavailableTimeoutMs,
      signal,
      (late) => {
        // A grant that arrived after its caller gave up: give its count back.
        const reply = parseSlotReply(late);
        if (reply?.kind === "granted") this.#release(reply.slot);
      },
    );
    const reply = parseSlotReply(raw);
    if (reply === undefined) throw unexpectedReplyError(this, script.name, raw);
    return reply;
  }

  /**
   * Gives back the daily count of a slot whose request will not be sent (best effort, in the
   * background). Also without a quota of its own: other processes on the key may count against one.
   */
  #release(slot: Slot): void {
    const released = this.#connection
      .run(scripts.release, [slot.day, slot.epoch], performance.now() + 2_000)
      .catch(() => undefined);
    this.#track(released);
  }

  #track(promise: Promise<unknown>): void {
    this.#background.add(promise);
    void promise.finally(() => this.#background.delete(promise));
  }

  #pendingHoldUs(): number {
    const left = this.#pendingHoldUntil - performance.now();
    return left > 0 ? toMicros(left) : 0;
  }

  #pendingHoldRecorded(carriedUs: number): void {
    // Cleared unless a longer hold was asked for while the grant was on its way.
    if (this.#pendingHoldUntil <= performance.now() + carriedUs / 1000) this.#pendingHoldUntil = 0;
  }
}
