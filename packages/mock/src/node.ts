/**
 * `@gong-flows/mock/node`: everything of `@gong-flows/mock`, plus what needs Node.js — the mock as an
 * HTTP server (`startGongMock`) and the data-file reader (`readDataFile`).
 *
 * @packageDocumentation
 */
export * from "./index.js";
export { startGongMock, type RunningGongMock, type StartGongMockOptions } from "./server.js";
export { readDataFile } from "./data-file.js";
