/**
 * Test helpers shared by the gong-flows packages: Prism and Redis servers of their own, and the process
 * groups that stop them.
 *
 * @packageDocumentation
 */
export { defaultSpecPath, startPrism, type PrismServer, type StartPrismOptions } from "./prism.js";
export { freeLoopbackPort } from "./port.js";
export { killProcessGroup, processGroupAlive, spawnInGroup, type SpawnInGroupOptions } from "./process-group.js";
export { redisServerAvailable, startRedisServer, type RedisServer, type StartRedisServerOptions } from "./redis.js";
export { achievedRate, maxInWindow } from "./arrivals.js";
