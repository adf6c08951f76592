import { createHash } from "node:crypto";
import {
  createRedisRateLimitStore,
  RedisStoreError,
  RedisUnavailableError,
  type RedisRateLimitStore,
} from "@gong-flows/redis-rate-limit";

/**
 * The base URL the client uses when neither `baseUrl` nor `GONG_BASE_URL` is given (Gong's documented
 * default; the client does not export its constant, so the key's derivation names it here).
 */
const gongDefaultBaseUrl = "https://api.gong.io";

/** A rate limit shared through Redis (`--redis`), and how to let go of its connection. */
export interface SharedRateLimit {
  /** The store, for the client's `rateLimit.store`. */
  readonly store: RedisRateLimitStore;
  /** The key of the shared state. */
  readonly key: string;
  /** The Redis, without user name or password. */
  readonly redisUrl: string;
  /** Ends calls still waiting for a slot and closes the connection. Idempotent. */
  close(): Promise<void>;
}

/**
 * Redis could not give the shared rate limit at start-up (unreachable, a wrong password, an ACL that
 * forbids the scripts): nothing was sent. The message names the Redis without its credentials.
 */
export class SharedRateLimitError extends Error {
  override name = "SharedRateLimitError";
}

/**
 * The Redis key of the shared limit when `--redis-key` is not given: one per Gong account (its base URL
 * and access key, hashed; never the secret, nor a bearer token, which changes when refreshed), so that
 * the processes spending one quota share it (the README's "Rate limits and quota" says why).
 *
 * @example `gong-flows:rate-limit:3f1c9a0b5e7d2c48`
 */
export function sharedRateLimitKey(env: NodeJS.ProcessEnv): string {
  const baseUrl = env["GONG_BASE_URL"]?.trim() || gongDefaultBaseUrl;
  let where: string;
  try {
    const url = new URL(baseUrl);
    where = `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
  } catch {
    where = baseUrl; // The client refuses such a URL itself, with its own message.
  }
  const accessKey = env["GONG_ACCESS_KEY"]?.trim() ?? "";
  const digest = createHash("sha256").update(`${where}\n${accessKey}`).digest("hex").slice(0, 16);
  return `gong-flows:rate-limit:${digest}`;
}

/**
 * Opens the rate-limit store of `@gong-flows/redis-rate-limit` on `url` and `key`, and checks that
 * Redis answers before anything is sent: a run that cannot share the quota it was told to share stops
 * here ({@link SharedRateLimitError}, exit 2) instead of at its first call. Later, a Redis that goes
 * away stops the run with nothing sent without a slot (the store fails closed).
 */
export async function openSharedRateLimit(
  url: string,
  key: string,
  options: { unavailableTimeoutMs?: number | undefined } = {},
): Promise<SharedRateLimit> {
  const store = createRedisRateLimitStore({
    redis: url,
    key,
    unavailableTimeoutMs: options.unavailableTimeoutMs,
  });
  try {
    await store.usage();
  } catch (error) {
    await store.close();
    const fix =
      "nothing was sent; start Redis or fix --redis / GONG_FLOWS_REDIS_URL (or run without them for a limit of this process only)";
    if (error instanceof RedisUnavailableError) {
      throw new SharedRateLimitError(
        `Redis at ${error.redisUrl} is unreachable (${error.detail ?? "no connection"}; waited ${formatWait(error.waitedMs)}), so the rate limit cannot be shared through it (key "${key}"): ${fix}`,
      );
    }
    if (error instanceof RedisStoreError) {
      throw new SharedRateLimitError(
        `Redis at ${error.redisUrl} cannot keep the shared rate limit (key "${key}"): ${error.detail ?? error.message}; ${fix}`,
      );
    }
    throw error;
  }
  return { store, key, redisUrl: store.redisUrl, close: () => store.close() };
}

function formatWait(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
