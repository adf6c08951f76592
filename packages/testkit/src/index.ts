/**
 * Test helpers shared by the gong-flows packages.
 *
 * @packageDocumentation
 */
export { defaultSpecPath, startPrism, type PrismServer, type StartPrismOptions } from "./prism.js";
export { freeLoopbackPort } from "./port.js";
export { killProcessGroup, processGroupAlive, spawnInGroup } from "./process-group.js";
export { scratchDir, type ScratchDir } from "./scratch-dir.js";
