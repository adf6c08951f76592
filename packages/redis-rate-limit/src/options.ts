import { GongConfigurationError, rateLimitDefaults } from "@gong-flows/client";
import type { IORedisLike } from "./connection.js";

/** Options of {@link createRedisRateLimitStore}. */
export interface RedisRateLimitStoreOptions {
  /**
   * Where the shared state lives: a `redis://` or `rediss://` URL (the store opens its own connection
   * and `close()` closes it), or an ioredis client (`Redis` or `Cluster`) of yours, used as it is and
   * left open by `close()`.
   */
  redis: string | IORedisLike;
  /**
   * The Redis key of the shared state (one hash). Every process that spends the same Gong quota must
   * use the same key; use one key per Gong company. Default `"gong-flows:rate-limit"`.
   */
  key?: string | undefined;
  /**
   * Calls per UTC day, counted across every process sharing the key. Past it, calls fail at once with
   * a refusal (`GongRateLimitError` from the client, `retryAfterMs` until the next UTC day) and are not
   * sent. Default: no daily count. Gong's default quota is 10,000 calls a day.
   */
  dailyQuota?: number | undefined;
  /**
   * How long a call waits for an unreachable Redis before it fails with `RedisUnavailableError`, in
   * ms. Nothing is sent meanwhile. Default 10,000.
   */
  unavailableTimeoutMs?: number | undefined;
  /**
   * Per second of the limit, ms kept free for requests to reach the server after their slot: slots are
   * `(1000 + departureSlackMs) / requestsPerSecond` ms apart, so that no one-second window at the
   * server holds more than the limit even when requests arrive late by a varying delay. Default
   * `rateLimitDefaults.departureSlackMs` of `@gong-flows/client` (75: 93.0 % of the limit); 5 to 500.
   * Of it, 5 ms is how late a request may wake for its slot and the rest the time allowed from the
   * store's "go" to the request's arrival; a request that wakes later still goes, and the store moves
   * the booking a window after it instead.
   */
  departureSlackMs?: number | undefined;
  /**
   * How much later still a request that may open a new connection (a process's first, or its first
   * after being idle; the client says so in its turn) may reach the server, in ms: the booking a window
   * after it waits that much longer. Default `rateLimitDefaults.newConnectionSlackMs` of
   * `@gong-flows/client` (250); 0 to 2,000.
   */
  newConnectionSlackMs?: number | undefined;
}

/** The options with defaults applied and every value checked. */
export interface ResolvedStoreOptions {
  redis: string | IORedisLike;
  key: string;
  dailyQuota: number | undefined;
  unavailableTimeoutMs: number;
  departureSlackMs: number;
  newConnectionSlackMs: number;
}

/** The key used when none is given. */
export const defaultKey = "gong-flows:rate-limit";

const known = [
  "redis",
  "key",
  "dailyQuota",
  "unavailableTimeoutMs",
  "departureSlackMs",
  "newConnectionSlackMs",
] as const;

/**
 * Applies the defaults and checks every option, so that a typo fails when the store is created rather
 * than on the first call. No message quotes a URL: it may hold a password.
 */
export function resolveStoreOptions(options: RedisRateLimitStoreOptions): ResolvedStoreOptions {
  if (typeof options !== "object" || options === null) {
    throw new GongConfigurationError(
      "createRedisRateLimitStore needs options: { redis: URL or ioredis client, key?, dailyQuota? }.",
    );
  }
  for (const name of Object.keys(options)) {
    if (!(known as readonly string[]).includes(name)) {
      const closest = closestName(name, known);
      throw new GongConfigurationError(
        `Unknown option \`${name}\` of createRedisRateLimitStore${closest ? `; did you mean \`${closest}\`?` : "."} Known: ${known.join(", ")}.`,
      );
    }
  }
  return {
    redis: checkRedis(options.redis),
    key: checkKey(options.key ?? defaultKey),
    dailyQuota: options.dailyQuota === undefined ? undefined : wholeAtLeastOne("dailyQuota", options.dailyQuota),
    unavailableTimeoutMs: positive("unavailableTimeoutMs", options.unavailableTimeoutMs ?? 10_000),
    departureSlackMs: slack(options.departureSlackMs ?? rateLimitDefaults.departureSlackMs),
    newConnectionSlackMs: newConnectionSlack(options.newConnectionSlackMs ?? rateLimitDefaults.newConnectionSlackMs),
  };
}

function checkRedis(redis: unknown): string | IORedisLike {
  if (typeof redis === "string") {
    let url: URL;
    try {
      url = new URL(redis);
    } catch {
      // The text itself is not repeated: it may be a URL with a password and one typo.
      throw new GongConfigurationError(
        "redis must be a redis:// or rediss:// URL (or an ioredis client); the string given does not parse as a URL.",
      );
    }
    if (url.protocol !== "redis:" && url.protocol !== "rediss:") {
      throw new GongConfigurationError(
        `redis must be a redis:// or rediss:// URL (or an ioredis client); got a ${url.protocol}// URL.`,
      );
    }
    return redis;
  }
  if (
    typeof redis === "object" &&
    redis !== null &&
    typeof (redis as IORedisLike).evalsha === "function" &&
    typeof (redis as IORedisLike).eval === "function" &&
    typeof (redis as IORedisLike).once === "function" &&
    typeof (redis as IORedisLike).status === "string"
  ) {
    return redis as IORedisLike;
  }
  throw new GongConfigurationError(
    `redis must be a redis:// or rediss:// URL or an ioredis client (Redis or Cluster); got ${redis === null ? "null" : typeof redis === "object" ? "an object that is not an ioredis client" : typeof redis}.`,
  );
}

function checkKey(key: unknown): string {
  if (typeof key !== "string" || key.length === 0)
    throw new GongConfigurationError(`key must be a non-empty string, got ${JSON.stringify(key) ?? String(key)}.`);
  return key;
}

function wholeAtLeastOne(name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
    throw new GongConfigurationError(`${name} must be a whole number of calls, 1 or more, got ${String(value)}.`);
  }
  return value;
}

function positive(name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new GongConfigurationError(`${name} must be a positive number of milliseconds, got ${String(value)}.`);
  }
  return value;
}

function slack(value: unknown): number {
  // Below 5 ms no round trip to Redis fits in it.
  const max = rateLimitDefaults.maxDepartureSlackMs;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 5 || value > max) {
    throw new GongConfigurationError(
      `departureSlackMs must be a number of milliseconds from 5 to ${max}, got ${String(value)}.`,
    );
  }
  return value;
}

function newConnectionSlack(value: unknown): number {
  // Past 2 s the client's own new-connection gate stops waiting for a new connection's response anyway.
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > 2_000) {
    throw new GongConfigurationError(
      `newConnectionSlackMs must be a number of milliseconds from 0 to 2000, got ${String(value)}.`,
    );
  }
  return value;
}

/** The known name closest to `name` (case-insensitive edit distance at most 3), if any. */
function closestName(name: string, names: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 4;
  for (const candidate of names) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
