import { createHash } from "node:crypto";
import { createMemoryRateLimitStore } from "@gong-flows/client";
import { createRedisRateLimitStore } from "@gong-flows/redis-rate-limit";
import { createClient } from "@redis/client";
import { Redis } from "ioredis";
import { RateLimiterRedis } from "rate-limiter-flexible";
import { interleavedRounds, summarize, type Summary } from "../../lib/stats.js";
import type { SharedLimitArmId } from "./worker.js";

/** What a turn costs a call when it need not wait: one `acquire` (or `consume`), µs. */
export interface TurnCost {
  arm: SharedLimitArmId;
  microsPerTurn: Summary;
}

/** One Lua-script round trip (EVALSHA) through each Node Redis client, µs: what choosing the library costs. */
export interface ClientRoundTrip {
  client: "ioredis" | "node-redis";
  label: string;
  microsPerCall: Summary;
}

/**
 * The time one turn takes when it need not wait: the store's own cost per call, which is what it adds
 * to every request below the limit. Each timed call is made at the benchmark's limit on a fresh state
 * (the key deleted, or a new in-process store, before the timer starts), so that it never waits and
 * the state is as small as at the limit. Each round times every arm's block of calls, in rotating order.
 */
export async function measureTurnCost(
  redisUrl: string,
  requestsPerSecond: number,
  armIds: readonly SharedLimitArmId[],
  rounds: number,
  calls: number,
): Promise<TurnCost[]> {
  const key = "bench:turn-cost";
  const store = createRedisRateLimitStore({ redis: redisUrl, key });
  const connection = new Redis(redisUrl, { enableOfflineQueue: false });
  const limiter = new RateLimiterRedis({
    storeClient: connection,
    points: requestsPerSecond,
    duration: 1,
    keyPrefix: "bench:turn-cost-rlf",
  });
  const turn = { requestsPerSecond, maxWaitMs: 60_000 };
  try {
    await store.usage();
    await new Promise((resolve) =>
      connection.status === "ready" ? resolve(undefined) : connection.once("ready", resolve),
    );
    /** Prepares a fresh state (untimed) and returns the timed turn. */
    const prepared: Record<SharedLimitArmId, () => Promise<() => Promise<unknown>>> = {
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
    const block = async (id: SharedLimitArmId): Promise<number> => {
      let total = 0;
      for (let i = 0; i < calls; i++) {
        const call = await prepared[id]();
        const started = performance.now();
        await call();
        total += performance.now() - started;
      }
      return (total * 1000) / calls;
    };
    for (const id of armIds) await block(id); // warm-up: scripts loaded, code paths compiled
    const samples = await interleavedRounds(armIds, rounds, (id) => block(id));
    return armIds.map((arm) => ({ arm, microsPerTurn: summarize(samples.get(arm)!) }));
  } finally {
    await store.close();
    connection.disconnect();
  }
}

/**
 * The same small script (`redis.call('TIME')`, by its SHA) through ioredis 6 and node-redis 6
 * (`@redis/client`), each with one connection, blocks of sequential calls interleaved: the per-call
 * cost of each library on loopback, the figure behind choosing one.
 */
export async function measureClientRoundTrip(
  redisUrl: string,
  rounds: number,
  calls: number,
): Promise<ClientRoundTrip[]> {
  const lua = "return redis.call('TIME')";
  const sha = createHash("sha1").update(lua).digest("hex");
  const io = new Redis(redisUrl, { enableOfflineQueue: false });
  const node = createClient({ url: redisUrl });
  node.on("error", () => undefined);
  try {
    await Promise.all([
      new Promise((resolve) => (io.status === "ready" ? resolve(undefined) : io.once("ready", resolve))),
      node.connect(),
    ]);
    await io.script("LOAD", lua);
    const clients = {
      ioredis: () => io.evalsha(sha, 0),
      "node-redis": () => node.evalSha(sha, { keys: [], arguments: [] }),
    } as const;
    const ids = Object.keys(clients) as (keyof typeof clients)[];
    const block = async (id: keyof typeof clients): Promise<number> => {
      const started = performance.now();
      for (let i = 0; i < calls; i++) await clients[id]();
      return ((performance.now() - started) * 1000) / calls;
    };
    for (const id of ids) await block(id);
    const samples = await interleavedRounds(ids, rounds, (id) => block(id));
    return ids.map((id) => ({
      client: id,
      label: id === "ioredis" ? "ioredis 6" : "node-redis 6 (`@redis/client`)",
      microsPerCall: summarize(samples.get(id)!),
    }));
  } finally {
    io.disconnect();
    await node.close().catch(() => undefined);
  }
}
