import { GongError } from "@gong-flows/client";
import {
  createRedisRateLimitStore,
  RedisStoreError,
  type RedisRateLimitStore,
  type RedisRateLimitUsage,
} from "@gong-flows/redis-rate-limit";

export async function check(url: string): Promise<number> {
  const store: RedisRateLimitStore = createRedisRateLimitStore({
    redis: url,
    key: "consumer:ts",
    dailyQuota: 10_000,
    unavailableTimeoutMs: 5_000,
  });
  const waited: number = await store.acquire({ requestsPerSecond: 3, maxWaitMs: 60_000 });
  await store.hold(1_000);
  const usage: RedisRateLimitUsage = await store.usage();
  const isGong: boolean = new RedisStoreError("x", { redisUrl: store.redisUrl, key: store.key }) instanceof GongError;
  await store.close();
  // @ts-expect-error -- `dailyquota` is not an option (dailyQuota is)
  createRedisRateLimitStore({ redis: url, dailyquota: 5 });
  return waited + usage.callsToday + (isGong ? 1 : 0);
}
