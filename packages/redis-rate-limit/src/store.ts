import { formatDuration, RateLimitRefusal, type RateLimitStore, type RateLimitTurn } from "@gong-flows/client";
import { RedisConnection } from "./connection.js";
import { RedisStoreError } from "./errors.js";
import { resolveStoreOptions, type RedisRateLimitStoreOptions, type ResolvedStoreOptions } from "./options.js";
import { scripts, type Script } from "./scripts.js";
import { sleepUntil } from "./sleep.js";

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

/** The parts of a granted slot that the scripts need back to confirm or release it. */
interface Slot {
  readonly slotUs: number;
  readonly day: number;
  readonly epoch: string;
  readonly seq: number;
}

type Reply =
  | { kind: "granted"; waitUs: number; slot: Slot }
  | { kind: "held"; leftUs: number }
  | { kind: "quota"; leftUs: number };

const dayMs = 86_400_000;
/** The most microseconds handed to the scripts: 31 years (the scripts' numbers stay exact below 2^53). */
const maxUs = 1e15;
/**
 * Of the departure slack, the part a request may be late *waking* for its slot and keep the bound it
 * was booked with; the rest is the budget for the way from Redis's "go" to the wire (see the confirm
 * script): 5 and 70 ms of the default 75.
 */
const wakeToleranceMs = (departureSlackMs: number) => Math.min(5, departureSlackMs / 5);
/** "Go" answers that arrived too late to trust, asked again before a request goes regardless. */
const maxStaleAnswers = 8;

/**
 * Creates a rate-limit store shared through Redis, for `rateLimit: { requestsPerSecond, store }` of
 * `@gong-flows/client`: every process that uses a store with the same Redis and key shares one
 * spacing, one hold after a 429, and one daily count.
 *
 * How it works: a slot is granted by a Lua script that runs atomically in Redis and takes the time from
 * Redis (GCRA: each slot `(1000 + departureSlackMs) / requestsPerSecond` ms after the previous one). The
 * caller then sleeps exactly until its slot — one timer, no polling — and, if it had to wait, confirms
 * the slot with Redis as it wakes: a slot that a hold has covered since, or that the caller wakes too
 * late for, is given back and a new one booked. When Redis cannot be reached, nothing is sent: the call
 * waits up to `unavailableTimeoutMs` for it, then fails with `RedisUnavailableError`.
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

class SharedStore implements RedisRateLimitStore {
  readonly #options: ResolvedStoreOptions;
  readonly #connection: RedisConnection;
  /** One controller per call in progress, so that close() can end them. */
  readonly #calls = new Set<AbortController>();
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
    const { intervalUs, maxWaitUs } = checkTurn(turn, this.#options.departureSlackMs);
    if (turn.signal?.aborted) throw turn.signal.reason;
    if (this.#closed) throw this.#closedError();
    const call = new AbortController();
    const forward = () => call.abort(turn.signal?.reason);
    turn.signal?.addEventListener("abort", forward, { once: true });
    this.#calls.add(call);
    try {
      const quota = this.#options.dailyQuota ?? 0;
      const slackMs = this.#options.departureSlackMs;
      const toleranceMs = wakeToleranceMs(slackMs);
      const budgetMs = slackMs - toleranceMs;
      const budgetUs = Math.round(budgetMs * 1000);
      const extraUs = turn.newConnection === true ? Math.round(this.#options.newConnectionSlackMs * 1000) : 0;
      const pendingHoldUs = this.#pendingHoldUs();
      let sentAt = performance.now();
      let staleAnswers = 0;
      let reply = await this.#run(
        scripts.grant,
        [intervalUs, maxWaitUs, quota, pendingHoldUs, budgetUs, extraUs],
        call.signal,
      );
      if (pendingHoldUs > 0) this.#pendingHoldRecorded(pendingHoldUs);
      for (;;) {
        // The slot is `waitUs` after the script ran, which was before the reply arrived: counting from the
        // arrival can make the wait a little late, never early.
        const receivedAt = performance.now();
        if (reply.kind !== "granted") throw this.#refusal(reply);
        const slot = reply.slot;
        if (reply.waitUs === 0) {
          // "Go now" is only as fresh as the round trip that said it: Redis's bound for this request is
          // at least `budget` after it sent the answer, which was after we asked. A round trip within half
          // the budget leaves the other half for the caller's way to the wire; after a longer one (a
          // stall), Redis judges the slot again.
          // (Bounded: on a machine too slow for any round trip to fit, the request goes after a few.)
          if (receivedAt - sentAt <= budgetMs / 2 || ++staleAnswers > maxStaleAnswers)
            return performance.now() - started;
        } else {
          try {
            await sleepUntil(receivedAt + reply.waitUs / 1000, call.signal);
          } catch (error) {
            this.#release(slot);
            throw error;
          }
        }
        try {
          sentAt = performance.now();
          reply = await this.#run(
            scripts.confirm,
            [slot.slotUs, slot.day, slot.epoch, slot.seq, intervalUs, maxWaitUs, quota, budgetUs, extraUs],
            call.signal,
          );
        } catch (error) {
          this.#release(slot);
          throw error;
        }
      }
    } finally {
      turn.signal?.removeEventListener("abort", forward);
      this.#calls.delete(call);
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
    const reply = await this.#connection.run(scripts.state, [], performance.now() + this.#options.unavailableTimeoutMs);
    if (!Array.isArray(reply) || reply.length !== 5 || !reply.every((n) => typeof n === "number"))
      throw this.#unexpectedReply(scripts.state, reply);
    const [nowUs, tatUs, holdUs, day, count] = reply as number[];
    return {
      callsToday: day === Math.floor(nowUs! / 1000 / dayMs) ? count! : 0,
      dailyQuota: this.#options.dailyQuota,
      heldForMs: Math.max(0, (holdUs! - nowUs!) / 1000),
      nextSlotInMs: Math.max(0, (Math.max(tatUs!, holdUs!) - nowUs!) / 1000),
    };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const error = this.#closedError();
    for (const call of this.#calls) call.abort(error);
    // Let the slots those calls held be given back (their releases start as the aborts settle), then
    // let go of the connection.
    await new Promise((resolve) => setTimeout(resolve, 0));
    await Promise.allSettled([...this.#background]);
    await this.#connection.close();
  }

  /** Runs a script that answers with a grant or a refusal, bounded by `unavailableTimeoutMs`. */
  async #run(script: Script, args: readonly (string | number)[], signal: AbortSignal | undefined): Promise<Reply> {
    const raw = await this.#connection.run(
      script,
      args,
      performance.now() + this.#options.unavailableTimeoutMs,
      signal,
      (late) => {
        // A grant that arrived after its caller gave up: give its count back.
        const reply = parseReply(late);
        if (reply?.kind === "granted") this.#release(reply.slot);
      },
    );
    const reply = parseReply(raw);
    if (reply === undefined) throw this.#unexpectedReply(script, raw);
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

  #refusal(reply: Exclude<Reply, { kind: "granted" }>): RateLimitRefusal {
    const retryAfterMs = Math.ceil(reply.leftUs / 1000);
    const where = `Redis key "${this.#options.key}"`;
    if (reply.kind === "held") {
      return new RateLimitRefusal(
        retryAfterMs,
        "hold",
        `Not sent: every process sharing ${where} is held for another ${formatDuration(retryAfterMs)} after a 429 from Gong, longer than this call waits.`,
      );
    }
    return new RateLimitRefusal(
      retryAfterMs,
      "daily-quota",
      `Not sent: the daily quota of ${this.#options.dailyQuota} calls shared through ${where} is spent for this UTC day; ` +
        `the next call can start in ${formatDuration(retryAfterMs)}, at 00:00 UTC.`,
    );
  }

  #closedError(): RedisStoreError {
    return new RedisStoreError(
      `Not sent: the Redis rate-limit store (${this.redisUrl}, key "${this.key}") was closed.`,
      {
        redisUrl: this.redisUrl,
        key: this.key,
        detail: "store closed",
      },
    );
  }

  #unexpectedReply(script: Script, raw: unknown): RedisStoreError {
    const shape = Array.isArray(raw) ? `an array of ${raw.length}` : typeof raw;
    return new RedisStoreError(
      `Not sent: Redis answered the ${script.name} script with ${shape}, not what this version of the store expects.`,
      {
        redisUrl: this.redisUrl,
        key: this.key,
        detail: `unexpected reply to ${script.name}`,
      },
    );
  }
}

/** Reads a script's reply; undefined when it does not have the documented shape. */
function parseReply(raw: unknown): Reply | undefined {
  if (!Array.isArray(raw) || typeof raw[0] !== "number" || typeof raw[1] !== "number") return undefined;
  const [kind, value] = raw as [number, number];
  if (kind === 1) return { kind: "held", leftUs: value };
  if (kind === 2) return { kind: "quota", leftUs: value };
  const [, , slotUs, day, epoch, seq] = raw as unknown[];
  if (
    kind !== 0 ||
    typeof slotUs !== "number" ||
    typeof day !== "number" ||
    typeof epoch !== "string" ||
    typeof seq !== "number"
  )
    return undefined;
  return { kind: "granted", waitUs: Math.max(0, value), slot: { slotUs, day, epoch, seq } };
}

/** Checks what the client asks with and turns it into the scripts' microseconds. */
function checkTurn(turn: RateLimitTurn, departureSlackMs: number): { intervalUs: number; maxWaitUs: number } {
  const { requestsPerSecond: rps, maxWaitMs } = turn;
  if (rps !== undefined && (typeof rps !== "number" || !Number.isFinite(rps) || rps <= 0)) {
    throw new RangeError(`requestsPerSecond must be a positive number or undefined; got ${String(rps)}`);
  }
  if (typeof maxWaitMs !== "number" || Number.isNaN(maxWaitMs) || maxWaitMs < 0) {
    throw new RangeError(`maxWaitMs must be a number of milliseconds, 0 or more; got ${String(maxWaitMs)}`);
  }
  // Rounded up: a slot a fraction of a microsecond too early is still too early.
  return {
    intervalUs: rps === undefined ? 0 : Math.ceil(((1000 + departureSlackMs) * 1000) / rps),
    maxWaitUs: toMicros(maxWaitMs),
  };
}

function toMicros(ms: number): number {
  return Math.min(Math.ceil(ms * 1000), maxUs);
}
