import { inspect } from "node:util";
import { GongError } from "@gong-flows/client";
import { freeLoopbackPort, startRedisServer, type RedisServer } from "@gong-flows/testkit";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import {
  createRedisRateLimitStore,
  RedisStoreError,
  RedisUnavailableError,
  type RedisRateLimitStore,
} from "../src/index.js";

const password = "pw-Sentinel-7f3a";
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

function store(url: string, unavailableTimeoutMs = 600): RedisRateLimitStore {
  const created = createRedisRateLimitStore({ redis: url, key: `unavailable:${process.pid}`, unavailableTimeoutMs });
  cleanups.push(() => created.close());
  return created;
}

function expectNoSecret(error: unknown): void {
  for (const text of [
    String(error),
    JSON.stringify(error),
    inspect(error, { depth: 10 }),
    (error as Error).stack ?? "",
  ]) {
    expect(text).not.toContain(password);
  }
}

const turn = { requestsPerSecond: 3, maxWaitMs: 60_000 };

describe("when Redis cannot be reached", () => {
  it("fails closed after the bounded wait, with a typed error that names Redis and holds no password", async () => {
    const port = await freeLoopbackPort(); // nothing listens there
    const limiter = store(`redis://:${password}@127.0.0.1:${port}`);
    const started = performance.now();
    const error = await limiter.acquire(turn).catch((caught: unknown) => caught);
    const waited = performance.now() - started;
    expect(error).toBeInstanceOf(RedisUnavailableError);
    expect(error).toBeInstanceOf(RedisStoreError);
    expect(error).toBeInstanceOf(GongError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^Not sent: Redis at redis://127\\.0\\.0\\.1:${port} is unreachable \\(.*ECONNREFUSED.*\\); waited \\d+ ms`,
      ),
    );
    expect(error).toMatchObject({
      name: "RedisUnavailableError",
      redisUrl: `redis://127.0.0.1:${port}`,
      key: `unavailable:${process.pid}`,
    });
    expect(waited).toBeGreaterThanOrEqual(600 - 5);
    // Bounded (60 s were allowed for the slot itself); the margin is for a busy machine.
    expect(waited).toBeLessThan(600 + 5_000);
    expectNoSecret(error);
  });

  it("names a wrong password without repeating the one given", async () => {
    const redis = await startRedisServer({ password });
    cleanups.push(() => redis.stop());
    const limiter = store(`redis://:wrong-${password}@127.0.0.1:${redis.port}`);
    const error = await limiter.acquire(turn).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RedisUnavailableError);
    expect((error as Error).message).toMatch(/WRONGPASS|NOAUTH|invalid username-password/);
    expectNoSecret(error);
  });

  it("proceeds as soon as Redis comes up within the wait (it waits for the connection, not a fixed time)", async () => {
    const port = await freeLoopbackPort();
    const limiter = store(`redis://127.0.0.1:${port}`, 10_000);
    const asked = limiter.acquire(turn);
    await new Promise((resolve) => setTimeout(resolve, 700));
    const redis: RedisServer = await startRedisServer({ port });
    cleanups.push(() => redis.stop());
    const upAt = performance.now();
    await asked;
    // Well before the 10 s it would have taken had it waited a fixed time (the margin is for a busy machine).
    expect(performance.now() - upAt).toBeLessThan(6_000);
  });

  it("keeps a hold it could not record and hands it to Redis with its next call", async () => {
    const port = await freeLoopbackPort();
    // Long enough for the reconnection below on a busy machine (ioredis retries every 0.5 s at most).
    const limiter = store(`redis://127.0.0.1:${port}`, 2_000);
    // Redis is away: hold() gives up after the bounded wait, and neither rejects nor throws...
    await expect(limiter.hold(10_000)).resolves.toBeUndefined();
    const redis = await startRedisServer({ port });
    cleanups.push(() => redis.stop());
    // ...and once Redis is back, the next call records it before anything else: it is refused.
    const refusal = await limiter
      .acquire({ requestsPerSecond: 3, maxWaitMs: 1_000 })
      .catch((caught: unknown) => caught);
    expect(refusal).toMatchObject({ name: "RateLimitRefusal", reason: "hold" });
    const admin = new Redis(redis.url);
    cleanups.push(async () => admin.disconnect());
    expect(Number(await admin.hget(`unavailable:${process.pid}`, "hold"))).toBeGreaterThan(0);
  });

  it("fails fast with RedisStoreError when the client passed in was closed by its owner", async () => {
    const redis = await startRedisServer();
    cleanups.push(() => redis.stop());
    const mine = new Redis(redis.url);
    await mine.quit();
    const limiter = createRedisRateLimitStore({ redis: mine, key: "closed-client" });
    const error = await limiter.acquire(turn).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RedisStoreError);
    expect(error).not.toBeInstanceOf(RedisUnavailableError);
    expect((error as Error).message).toMatch(/closed \(quit or disconnect\) by its owner/);
  });
});
