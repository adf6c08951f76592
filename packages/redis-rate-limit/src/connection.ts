import type { Redactor } from "@gong-flows/client";
import { Redis } from "ioredis";
import { RedisStoreError, RedisUnavailableError } from "./errors.js";
import { type Target, targetOfClient, targetOfUrl } from "./redis-target.js";
import { describeError, isLastingReply, isReplyError } from "./reply-errors.js";
import type { Script } from "./scripts.js";
import { deadlinePassed, raceDeadline, sleepFor } from "./sleep.js";

/**
 * The part of an ioredis client (`Redis` or `Cluster`, ioredis 5 or 6) the store uses: pass yours
 * to share its connection, TLS, Sentinel or Cluster set-up.
 */
export interface IORedisLike {
  /** ioredis's connection state: "wait", "connecting", "connect", "ready", "reconnecting", "close", "end". */
  readonly status: string;
  /** Runs a script Redis has cached, by its SHA-1 (how the store runs its Lua scripts). */
  evalsha(sha: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
  /** Runs a script by its text (after Redis answers `NOSCRIPT`, which also caches it). */
  eval(script: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
  /** Connects a client created with `lazyConnect`. */
  connect(): Promise<void>;
  /** Listens once for the connection becoming ready or ending, while the store waits for Redis. */
  once(event: "ready" | "end", listener: () => void): unknown;
  /** Stops listening, once the wait is over. */
  removeListener(event: "ready" | "end", listener: () => void): unknown;
  /**
   * ioredis's resolved options (`RedisOptions`, or `ClusterOptions` with `redisOptions`): read only for
   * the host and port shown in errors and the credentials kept out of them.
   */
  readonly options?: unknown;
}

/** Ends a timer whose wait is over; never seen by a caller. */
const stopped = Symbol("stopped");

/**
 * One Redis connection as the store needs it: scripts run by SHA, each run bounded in time, an
 * unreachable Redis waited for (by its `ready` event) up to a deadline. See docs/design/redis-shared-rate-limit.md.
 */
export class RedisConnection {
  readonly target: Target;
  readonly #client: IORedisLike;
  readonly #owned: boolean;
  readonly #redactor: Redactor;
  /** What the last failed connection attempt said, redacted (only known for connections the store opened). */
  #lastProblem: string | undefined;
  #ready: Promise<void> | undefined;
  #readyListener: (() => void) | undefined;
  #closed = false;

  constructor(redis: string | IORedisLike, key: string) {
    const described = typeof redis === "string" ? targetOfUrl(redis, key) : targetOfClient(redis.options, key);
    this.target = described.target;
    this.#redactor = described.redactor;
    this.#owned = typeof redis === "string";
    this.#client = typeof redis === "string" ? this.#open(redis) : redis;
  }

  /**
   * Runs `script` on the state key and returns its reply, waiting for Redis until `deadline` (a
   * `performance.now()` time). A reply that arrives after `signal` aborted goes to `onAbandoned`.
   * @throws {@link RedisUnavailableError} past the deadline; {@link RedisStoreError} on a lasting error reply.
   */
  async run(
    script: Script,
    args: readonly (string | number)[],
    deadline: number,
    signal?: AbortSignal | undefined,
    onAbandoned?: (reply: unknown) => void,
  ): Promise<unknown> {
    const started = performance.now();
    for (let attempt = 0; ; attempt++) {
      const remaining = this.#timeLeft(deadline, started, signal);
      if (this.#client.status !== "ready") {
        await this.#waitForReady(remaining, signal);
        continue;
      }
      const reply = this.#evaluate(script, args);
      try {
        return await raceDeadline(reply, remaining, signal);
      } catch (error) {
        this.#afterFailure(error, reply, started, signal, onAbandoned);
        // A short pause, never a spin while ioredis still reports "ready" for a moment after a drop.
        await sleepFor(Math.min(25 * 2 ** attempt, 500), signal).catch(() => undefined);
      }
    }
  }

  /** Ends waits with an error; closes the connection if the store opened it (a client passed in is left open). */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#readyListener?.();
    if (!this.#owned) return;
    const client = this.#client as Redis;
    // QUIT lets Redis finish what was sent; a Redis that does not answer is cut off after a second.
    if (client.status === "ready" && (await quitWithin(client, 1_000))) return;
    client.disconnect();
  }

  /** A connection that fails fast rather than queue or replay: a replayed grant books a slot no one waits for. */
  #open(url: string): Redis {
    const client = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      // Back within half a second of Redis: calls waiting for it proceed soon after it returns.
      retryStrategy: (times) => Math.min(50 * times, 500),
      connectTimeout: 5_000,
    });
    // Without a listener ioredis prints every failed reconnection; the store reports them in its errors instead.
    client.on("error", (error: unknown) => {
      this.#lastProblem = describeError(error, this.#redactor);
    });
    return client;
  }

  /** The milliseconds left before `deadline`, or the error that ends the run now. */
  #timeLeft(deadline: number, started: number, signal: AbortSignal | undefined): number {
    if (this.#closed) throw this.#closedError();
    if (signal?.aborted) throw signal.reason;
    const remaining = deadline - performance.now();
    if (remaining <= 0) throw this.#unavailable(started);
    if (this.#client.status === "end") {
      throw this.#closedError("the Redis client was closed (quit or disconnect) by its owner");
    }
    return remaining;
  }

  /** Throws what ends the run; otherwise remembers what went wrong, for the error a later deadline gives. */
  #afterFailure(
    error: unknown,
    reply: Promise<unknown>,
    started: number,
    signal: AbortSignal | undefined,
    onAbandoned: ((reply: unknown) => void) | undefined,
  ): void {
    const abandoned = error === deadlinePassed || (signal?.aborted === true && error === signal.reason);
    if (abandoned) {
      // Already sent: the script may still run, and what it booked must be given back.
      reply.then(onAbandoned, () => undefined);
      throw error === deadlinePassed ? this.#unavailable(started, "no answer in time") : error;
    }
    const said = describeError(error, this.#redactor);
    if (isReplyError(error) && isLastingReply(said)) throw this.#refused(said);
    this.#lastProblem = said;
  }

  /** Sends the script by its SHA and, when this Redis has not cached it yet (NOSCRIPT), by its text. */
  async #evaluate(script: Script, args: readonly (string | number)[]): Promise<unknown> {
    try {
      return await this.#client.evalsha(script.sha, 1, this.target.key, ...args);
    } catch (error) {
      if (isReplyError(error) && /^NOSCRIPT/.test(error.message))
        return this.#client.eval(script.lua, 1, this.target.key, ...args);
      throw error;
    }
  }

  /** Resolves on the client's next `ready` (or `end`) event, or after `ms`; rejects when `signal` aborts. */
  async #waitForReady(ms: number, signal?: AbortSignal): Promise<void> {
    this.#ready ??= this.#nextReady();
    // The timer is cleared as soon as Redis is ready: a lingering one would keep a finished process alive.
    const timeout = new AbortController();
    const onAbort = () => timeout.abort(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      await Promise.race([this.#ready, sleepFor(ms, timeout.signal)]);
    } finally {
      signal?.removeEventListener("abort", onAbort);
      timeout.abort(stopped);
    }
  }

  /** One promise for every waiting run, settled by the next `ready` or `end` event (or by close()). */
  #nextReady(): Promise<void> {
    const ready = new Promise<void>((resolve) => {
      const listener = () => {
        this.#client.removeListener("ready", listener);
        this.#client.removeListener("end", listener);
        this.#ready = undefined;
        this.#readyListener = undefined;
        resolve();
      };
      this.#readyListener = listener;
      this.#client.once("ready", listener);
      this.#client.once("end", listener);
    });
    // A lazily connecting client connects on first use; its failures arrive as "error" events.
    if (this.#client.status === "wait") this.#client.connect().catch(() => undefined);
    if (this.#client.status === "ready") this.#readyListener?.();
    return ready;
  }

  #unavailable(started: number, problem = this.#lastProblem): RedisUnavailableError {
    const waitedMs = Math.round(performance.now() - started);
    return new RedisUnavailableError(
      `Not sent: Redis at ${this.target.redisUrl} is unreachable (${problem ?? `connection ${this.#client.status}`}); waited ${waitedMs} ms for it. ` +
        "The shared rate limit fails closed: no request starts without a slot from Redis. Calls proceed once Redis is back.",
      { ...this.target, detail: problem, waitedMs },
    );
  }

  #refused(said: string): RedisStoreError {
    return new RedisStoreError(
      `Not sent: Redis at ${this.target.redisUrl} refused the rate-limit script on key "${this.target.key}": ${said}`,
      { ...this.target, detail: said },
    );
  }

  #closedError(detail = "the rate-limit store was closed"): RedisStoreError {
    return new RedisStoreError(`Not sent: ${detail}; Redis at ${this.target.redisUrl}, key "${this.target.key}".`, {
      ...this.target,
      detail,
    });
  }
}

/** Sends QUIT and waits up to `ms` for it; false when Redis did not answer in time. */
async function quitWithin(client: Redis, ms: number): Promise<boolean> {
  const quit = client.quit().then(
    () => true,
    () => true,
  );
  const timeout = new AbortController();
  const late = sleepFor(ms, timeout.signal).then(
    () => false,
    () => true,
  );
  const answered = await Promise.race([quit, late]);
  timeout.abort(stopped);
  return answered;
}
