import { createHash } from "node:crypto";
import { createMemoryRateLimitStore } from "@gong-flows/client";
import { createRedisRateLimitStore } from "@gong-flows/redis-rate-limit";
import { createClient } from "@redis/client";
import { Redis } from "ioredis";
import { RateLimiterRedis } from "rate-limiter-flexible";
import type { LimitArmId } from "../../lib/limit-worker.js";
import { interleavedRounds, summarize } from "../../lib/stats.js";

/** The arms of the shared-limit experiment. */
export type SharedArmId = Exclude<LimitArmId, "memory-store">;

const connected = (redis: Redis) =>
  new Promise((resolve) => (redis.status === "ready" ? resolve(undefined) : redis.once("ready", resolve)));

/** Times `calls` runs of `block` per item, blocks interleaved over `rounds` after one warm-up pass: µs per call. */
async function timedBlocks<T extends string>(ids: readonly T[], rounds: number, block: (id: T) => Promise<number>) {
  for (const id of ids) await block(id); // warm-up: scripts loaded, code paths compiled
  const samples = await interleavedRounds(ids, rounds, block);
  return ids.map((id) => ({ id, micros: summarize(samples.get(id)!) }));
}

/**
 * What a turn costs a call when it need not wait: the store's own cost, added to every request below the
 * limit. Each timed call is made at the limit on a fresh state (the key deleted, or a new in-process
 * store, before the timer starts), so that it never waits and the state is as small as at the limit.
 */
export async function measureTurnCost(
  redisUrl: string,
  requestsPerSecond: number,
  armIds: readonly SharedArmId[],
  rounds: number,
  calls: number,
) {
  const key = "bench:turn-cost";
  const store = createRedisRateLimitStore({ redis: redisUrl, key });
  const connection = new Redis(redisUrl, { enableOfflineQueue: false });
  const limiter = new RateLimiterRedis({
    storeClient: connection,
    points: requestsPerSecond,
    duration: 1,
    keyPrefix: `${key}-rlf`,
  });
  const turn = { requestsPerSecond, maxWaitMs: 60_000 };
  try {
    await Promise.all([store.usage(), connected(connection)]);
    /** Prepares a fresh state (untimed) and returns the timed turn. */
    const prepared: Record<SharedArmId, () => Promise<() => Promise<unknown>>> = {
      "redis-store": async () => {
        await connection.del(key);
        return () => store.acquire(turn);
      },
      "memory-split": async () => {
        const memory = createMemoryRateLimitStore();
        return () => memory.acquire(turn);
      },
      "rate-limiter-flexible": async () => {
        await limiter.delete("gong");
        return () => limiter.consume("gong");
      },
    };
    const figures = await timedBlocks(armIds, rounds, async (id) => {
      let total = 0;
      for (let i = 0; i < calls; i++) {
        const call = await prepared[id]();
        const started = performance.now();
        await call();
        total += performance.now() - started;
      }
      return (total * 1000) / calls;
    });
    return figures.map(({ id, micros }) => ({ arm: id, microsPerTurn: micros }));
  } finally {
    await store.close();
    connection.disconnect();
  }
}

/**
 * The same small script (`redis.call('TIME')`, by its SHA) through ioredis 6 and node-redis 6
 * (`@redis/client`), one connection each, blocks of sequential calls interleaved: the per-call cost of
 * each library on loopback, the figure behind choosing one.
 */
export async function measureClientRoundTrip(redisUrl: string, rounds: number, calls: number) {
  const lua = "return redis.call('TIME')";
  const sha = createHash("sha1").update(lua).digest("hex");
  const io = new Redis(redisUrl, { enableOfflineQueue: false });
  const node = createClient({ url: redisUrl });
  node.on("error", () => undefined);
  try {
    await Promise.all([connected(io), node.connect()]);
    await io.script("LOAD", lua);
    const clients = {
      ioredis: () => io.evalsha(sha, 0),
      "node-redis": () => node.evalSha(sha, { keys: [], arguments: [] }),
    };
    const figures = await timedBlocks(["ioredis", "node-redis"] as const, rounds, async (id) => {
      const started = performance.now();
      for (let i = 0; i < calls; i++) await clients[id]();
      return ((performance.now() - started) * 1000) / calls;
    });
    const labels = { ioredis: "ioredis 6", "node-redis": "node-redis 6 (`@redis/client`)" };
    return figures.map(({ id, micros }) => ({ client: id, label: labels[id], microsPerCall: micros }));
  } finally {
    io.disconnect();
    await node.close().catch(() => undefined);
  }
}
