import { createRedactor } from "@gong-flows/client";
import { Redis } from "ioredis";
import { RedisStoreError, RedisUnavailableError } from "./errors.js";
import type { Script } from "./scripts.js";
import { sleepFor } from "./sleep.js";

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

/** Redis error replies that say "not now" rather than "never": waited through like a lost connection. */
const transientReplies = /^(LOADING|BUSY|TRYAGAIN|CLUSTERDOWN|MASTERDOWN|READONLY|NOREPLICAS)\b/;

/** Where the store's state lives, as its errors describe it. */
export interface Target {
  readonly redisUrl: string;
  readonly key: string;
}

/**
 * One Redis connection as the store needs it: scripts run by SHA (loaded again after a Redis restart),
 * each call bounded in time, and an unreachable Redis waited for — by its `ready` event, not by
 * polling — up to a deadline, then reported as {@link RedisUnavailableError}.
 *
 * A connection the store opened from a URL is set up to fail fast rather than queue: no offline queue,
 * no replay of commands after a reconnect (a replayed grant would book a slot no one waits for), quick
 * reconnection. A client passed in is used as it is and never closed by the store.
 */
export class RedisConnection {
  readonly target: Target;
  readonly #client: IORedisLike;
  readonly #owned: boolean;
  /** Credentials to strip from any text that reaches an error. */
  readonly #secrets: readonly string[];
  /** What the last failed connection attempt said, redacted (only known for connections the store opened). */
  #lastProblem: string | undefined;
  #ready: Promise<void> | undefined;
  #readyListener: (() => void) | undefined;
  #closed = false;

  constructor(redis: string | IORedisLike, key: string) {
    if (typeof redis === "string") {
      const url = new URL(redis);
      this.#secrets = credentials(url.username, url.password);
      this.target = { redisUrl: displayUrl(url), key };
      const client = new Redis(redis, {
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
        this.#lastProblem = describe(error, this.#secrets);
      });
      this.#client = client;
      this.#owned = true;
    } else {
      const options = record(redis.options);
      const nested = record(options["redisOptions"]);
      this.#secrets = [
        ...credentials(text(options["username"]), text(options["password"])),
        ...credentials(text(nested["username"]), text(nested["password"])),
      ];
      const host = text(options["host"]);
      const port = typeof options["port"] === "number" ? options["port"] : 6379;
      const db = typeof options["db"] === "number" && options["db"] !== 0 ? `/${options["db"]}` : "";
      this.target = { redisUrl: host ? `redis://${host}:${port}${db}` : "redis (the client passed in)", key };
      this.#client = redis;
      this.#owned = false;
    }
  }

  /**
   * Runs `script` on the state key and returns its reply. Waits for Redis until `deadline` (a
   * `performance.now()` time) when it cannot be reached, then throws {@link RedisUnavailableError};
   * throws {@link RedisStoreError} at once when Redis answers with an error no wait cures.
   *
   * `signal` ends the wait with its reason. A script already sent when the signal aborts may still
   * run: its reply then goes to `onAbandoned`, so that the caller can give back what it booked.
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
      if (this.#closed) throw this.#closedError();
      if (signal?.aborted) throw signal.reason;
      const remaining = deadline - performance.now();
      if (remaining <= 0) throw this.#unavailable(started);
      const status = this.#client.status;
      if (status === "end") throw this.#closedError("the Redis client was closed (quit or disconnect) by its owner");
      if (status !== "ready") {
        await this.#waitForReady(remaining, signal);
        continue;
      }
      const reply = this.#evaluate(script, args);
      try {
        return await raceDeadline(reply, remaining, signal);
      } catch (error) {
        if (error === deadlinePassed) {
          reply.then(onAbandoned, () => undefined);
          throw this.#unavailable(started, "no answer in time");
        }
        if (signal?.aborted && error === signal.reason) {
          reply.then(onAbandoned, () => undefined);
          throw error;
        }
        if (isReplyError(error)) {
          const said = describe(error, this.#secrets);
          if (!transientReplies.test(said)) {
            throw new RedisStoreError(
              `Not sent: Redis at ${this.target.redisUrl} refused the rate-limit script on key "${this.target.key}": ${said}`,
              {
                ...this.target,
                detail: said,
              },
            );
          }
          this.#lastProblem = said;
        } else {
          this.#lastProblem = describe(error, this.#secrets);
        }
        // The connection dropped under the command or Redis said "not now": a short pause (never a spin
        // when ioredis still reports "ready" for a moment), then wait for it again.
        await sleepFor(Math.min(25 * 2 ** attempt, 500), signal).catch(() => undefined);
      }
    }
  }

  /** Sends the script by its SHA and, when this Redis has not cached it yet (NOSCRIPT), by its text. */
  async #evaluate(script: Script, args: readonly (string | number)[]): Promise<unknown> {
    try {
      return await this.#client.evalsha(script.sha, 1, this.target.key, ...args);
    } catch (error) {
      if (isReplyError(error) && /^NOSCRIPT/.test(String((error as Error).message)))
        return this.#client.eval(script.lua, 1, this.target.key, ...args);
      throw error;
    }
  }

  /**
   * Resolves on the client's next `ready` event (or `end`: closed for good), or after `ms`, or rejects
   * when `signal` aborts.
   */
  async #waitForReady(ms: number, signal?: AbortSignal): Promise<void> {
    if (!this.#ready) {
      this.#ready = new Promise<void>((resolve) => {
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
      // A lazily connecting client (ours always is) connects on first use; its failures arrive as
      // "error" events and it reconnects by itself, so the promise's rejection says nothing new.
      if (this.#client.status === "wait") this.#client.connect().catch(() => undefined);
      if (this.#client.status === "ready") this.#readyListener?.();
    }
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

  #unavailable(started: number, problem = this.#lastProblem): RedisUnavailableError {
    const waitedMs = Math.round(performance.now() - started);
    return new RedisUnavailableError(
      `Not sent: Redis at ${this.target.redisUrl} is unreachable (${problem ?? `connection ${this.#client.status}`}); waited ${waitedMs} ms for it. ` +
        "The shared rate limit fails closed: no request starts without a slot from Redis. Calls proceed once Redis is back.",
      { ...this.target, detail: problem, waitedMs },
    );
  }

  #closedError(detail = "the rate-limit store was closed"): RedisStoreError {
    return new RedisStoreError(`Not sent: ${detail}; Redis at ${this.target.redisUrl}, key "${this.target.key}".`, {
      ...this.target,
      detail,
    });
  }

  /** Ends waits with an error; closes the connection if the store opened it (a client passed in is left open). */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#readyListener?.();
    if (!this.#owned) return;
    const client = this.#client as Redis;
    if (client.status === "ready") {
      // QUIT lets Redis finish what was sent; a Redis that does not answer is cut off after a second.
      const quit = client.quit().then(
        () => undefined,
        () => undefined,
      );
      const timeout = new AbortController();
      const late = sleepFor(1_000, timeout.signal).then(
        () => "late" as const,
        () => undefined,
      );
      const outcome = await Promise.race([quit, late]);
      timeout.abort(stopped);
      if (outcome !== "late") return;
    }
    client.disconnect();
  }
}

const deadlinePassed = Symbol("deadline passed");
const stopped = Symbol("stopped");

function raceDeadline<T>(promise: Promise<T>, ms: number, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener("abort", onAbort);
        reject(deadlinePassed);
      },
      Math.min(ms, 2 ** 31 - 1),
    );
    signal?.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function isReplyError(error: unknown): boolean {
  return error instanceof Error && error.name === "ReplyError";
}

/** The user name and password of a URL, raw and decoded: any of them may show up in a library's text. */
function credentials(username: string, password: string): string[] {
  const out = new Set<string>();
  for (const value of [username, password]) {
    if (!value) continue;
    out.add(value);
    try {
      out.add(decodeURIComponent(value));
    } catch {
      // Not percent-encoded: the raw value is enough.
    }
  }
  return [...out].filter((value) => value.length > 0).sort((a, b) => b.length - a.length);
}

/** `redis://host:port/db` without user name or password: what errors show of the URL. */
export function displayUrl(url: URL): string {
  const db = url.pathname && url.pathname !== "/" ? url.pathname : "";
  return `${url.protocol}//${url.hostname}:${url.port || "6379"}${db}`;
}

/** A one-line description of a connection or reply error, credentials removed (the client's redaction). */
function describe(error: unknown, secrets: readonly string[]): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const redactor = createRedactor();
  for (const secret of secrets) redactor.add(secret);
  const text = redactor.text(typeof code === "string" && !message.includes(code) ? `${code}: ${message}` : message);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
