import { GongConfigurationError } from "@gong-flows/client";
import { describe, expect, it } from "vitest";
import { createRedisRateLimitStore, defaultKey, type RedisRateLimitStoreOptions } from "../src/index.js";

/** Creates a store from options the types would refuse, as JavaScript callers can. */
const create = (options: unknown) => createRedisRateLimitStore(options as RedisRateLimitStoreOptions);

describe("options", () => {
  it("take a URL alone, with the default key, and connect lazily (nothing happens until the first call)", async () => {
    const store = createRedisRateLimitStore({ redis: "redis://127.0.0.1:1" });
    expect(store.key).toBe(defaultKey);
    expect(store.redisUrl).toBe("redis://127.0.0.1:1");
    await store.close();
  });

  it("show the URL without its user name and password", async () => {
    const store = createRedisRateLimitStore({ redis: "rediss://app:s3cr%2Ft@redis.internal:6380/2" });
    expect(store.redisUrl).toBe("rediss://redis.internal:6380/2");
    await store.close();
  });

  it.each([
    [
      { redis: "redis://127.0.0.1", dailyquota: 5 },
      /Unknown option `dailyquota` of createRedisRateLimitStore; did you mean `dailyQuota`\?/,
    ],
    [
      { redis: "redis://127.0.0.1", timeoutMs: 5 },
      /Unknown option `timeoutMs`.* Known: redis, key, dailyQuota, unavailableTimeoutMs, departureSlackMs, newConnectionSlackMs/,
    ],
    [{ redis: "http://127.0.0.1" }, /redis must be a redis:\/\/ or rediss:\/\/ URL .*got a http:\/\/ URL/],
    [{ redis: 6379 }, /got number/],
    [{ redis: { get: () => null } }, /an object that is not an ioredis client/],
    [{ redis: "redis://127.0.0.1", key: "" }, /key must be a non-empty string/],
    [{ redis: "redis://127.0.0.1", dailyQuota: 0 }, /dailyQuota must be a whole number of calls, 1 or more, got 0/],
    [{ redis: "redis://127.0.0.1", dailyQuota: 2.5 }, /dailyQuota must be a whole number/],
    [{ redis: "redis://127.0.0.1", unavailableTimeoutMs: -1 }, /unavailableTimeoutMs must be a positive number/],
    [
      { redis: "redis://127.0.0.1", departureSlackMs: 1000 },
      /departureSlackMs must be a number of milliseconds from 5 to 500, got 1000/,
    ],
    [{ redis: "redis://127.0.0.1", departureSlackMs: 0 }, /departureSlackMs must be .* got 0/],
    [
      { redis: "redis://127.0.0.1", newConnectionSlackMs: -1 },
      /newConnectionSlackMs must be a number of milliseconds from 0 to 2000, got -1/,
    ],
    [{ redis: "redis://127.0.0.1", newConnectionSlackMs: 2001 }, /newConnectionSlackMs must be .* got 2001/],
    [undefined, /needs options/],
  ])("refuse %j with GongConfigurationError", (options, message) => {
    expect(() => create(options)).toThrow(GongConfigurationError);
    expect(() => create(options)).toThrow(message);
  });

  it("never echo a URL that does not parse (it may hold a password)", () => {
    const error = (() => {
      try {
        create({ redis: "redis://:hunter2-secret@127.0.0.1:notaport" });
      } catch (caught) {
        return caught as Error;
      }
      throw new Error("no error");
    })();
    expect(error).toBeInstanceOf(GongConfigurationError);
    expect(error.message).not.toContain("hunter2");
    expect(JSON.stringify(error)).not.toContain("hunter2");
  });
});
