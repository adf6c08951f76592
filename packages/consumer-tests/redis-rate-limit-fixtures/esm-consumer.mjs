// Run as: node esm-consumer.mjs <redis-url>. Prints one JSON line of findings.
import { GongError } from "@gong-flows/client";
import { createRedisRateLimitStore, RedisUnavailableError } from "@gong-flows/redis-rate-limit";

const store = createRedisRateLimitStore({ redis: process.argv[2], key: "consumer:esm", dailyQuota: 3 });
const turn = { requestsPerSecond: 20, maxWaitMs: 1_000 };
const started = performance.now();
for (let i = 0; i < 3; i++) await store.acquire(turn);
const threeTurnsMs = performance.now() - started;
const refusal = await store.acquire(turn).catch((error) => ({ name: error.name, reason: error.reason }));
const { callsToday } = await store.usage();
await store.close();

const down = createRedisRateLimitStore({ redis: "redis://:pw-in-url@127.0.0.1:1", unavailableTimeoutMs: 200 });
const unavailable = await down.acquire(turn).catch((error) => ({
  name: error.name,
  isGongError: error instanceof GongError,
  isUnavailable: error instanceof RedisUnavailableError,
  leaksPassword: `${String(error)}${JSON.stringify(error)}`.includes("pw-in-url"),
}));
await down.close();

console.log(
  JSON.stringify({
    resolved: import.meta.resolve("@gong-flows/redis-rate-limit"),
    spaced: threeTurnsMs >= 2 * 53.75 - 1,
    refusal,
    callsToday,
    unavailable,
  }),
);
