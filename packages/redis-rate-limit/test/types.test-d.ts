import type { Cluster, Redis } from "ioredis";
import { describe, expectTypeOf, it } from "vitest";
import type { RateLimitStore } from "@gong-flows/client";
import {
  createRedisRateLimitStore,
  type IORedisLike,
  type RedisRateLimitStore,
  type RedisRateLimitStoreOptions,
} from "../src/index.js";

describe("the types", () => {
  it("accept an ioredis Redis or Cluster as the client, and a URL", () => {
    expectTypeOf<Redis>().toExtend<IORedisLike>();
    expectTypeOf<Cluster>().toExtend<IORedisLike>();
    expectTypeOf<{ redis: string }>().toExtend<RedisRateLimitStoreOptions>();
    // @ts-expect-error -- a node-redis style object is not an ioredis client
    const wrong: IORedisLike = { isReady: true, sendCommand: async () => null };
    void wrong;
  });

  it("make a store the client's rateLimit.store accepts, with close() and usage()", () => {
    expectTypeOf(createRedisRateLimitStore).returns.toEqualTypeOf<RedisRateLimitStore>();
    expectTypeOf<RedisRateLimitStore>().toExtend<RateLimitStore>();
    expectTypeOf<RedisRateLimitStore["close"]>().returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf<RedisRateLimitStore["acquire"]>().returns.toEqualTypeOf<Promise<number>>();
  });

  it("refuse unknown and mistyped options", () => {
    // @ts-expect-error -- `dailyquota` is not an option (dailyQuota is)
    createRedisRateLimitStore({ redis: "redis://127.0.0.1:6379", dailyquota: 10 });
    // @ts-expect-error -- dailyQuota is a number
    createRedisRateLimitStore({ redis: "redis://127.0.0.1:6379", dailyQuota: "10000" });
    // @ts-expect-error -- redis is required
    createRedisRateLimitStore({ key: "gong" });
  });
});
