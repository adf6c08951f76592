/**
 * Test helpers shared by the gong-flows packages: Prism and Redis servers of their own, and the process
 * groups that stop them.
 *
 * @packageDocumentation
 */
export { defaultSpecPath, startPrism, type PrismServer, type StartPrismOptions } from "./prism.js";
export { defaultMockCli, startMockProcess, type MockProcess, type StartMockProcessOptions } from "./mock-process.js";
export { startListeningProcess, type ListeningProcess, type ListeningProcessSpec } from "./listening-process.js";
export { freeLoopbackPort } from "./port.js";
export { killProcessGroup, processGroupAlive, spawnInGroup } from "./process-group.js";
export { assertSucceeded, runProcess, type ProcessOutcome, type RunProcessOptions } from "./run-process.js";
export { scratchDir, type ScratchDir } from "./scratch-dir.js";
export { redisServerAvailable, startRedisServer, type RedisServer, type StartRedisServerOptions } from "./redis.js";
export { achievedRate, maxInWindow } from "./arrivals.js";
export { raiseGroupPriority, startCpuBurners, type CpuBurners } from "./cpu-load.js";
export { chromiumArgs, chromiumPath } from "./chromium.js";
