/**
 * `@gong-flows/redis-rate-limit`: one Gong rate limit — spacing, the hold after a 429, the daily
 * quota — shared through Redis by every process that calls Gong with `@gong-flows/client`.
 *
 * @packageDocumentation
 */
export { createRedisRateLimitStore, type RedisRateLimitStore, type RedisRateLimitUsage } from "./store.js";
export { defaultKey, type RedisRateLimitStoreOptions } from "./options.js";
export type { IORedisLike } from "./connection.js";
export { RedisStoreError, RedisUnavailableError, type RedisStoreErrorInit } from "./errors.js";
export { RateLimitRefusal, type RateLimitStore, type RateLimitTurn } from "@gong-flows/client";
