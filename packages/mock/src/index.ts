/**
 * `@gong-flows/mock`: a stateful mock of Gong's Engage-flow API for your tests. `createGongMock`
 * makes one mock (its state, counters, limits and faults); `gongHandlers` serves it through MSW, in
 * Node and in browsers. The HTTP server and the data-file reader are in `@gong-flows/mock/node`.
 *
 * @packageDocumentation
 */
export { createGongMock, type GongMock, type GongMockCatalogue } from "./mock.js";
export type { GongMockStats } from "./stats.js";
export { gongHandlers, type GongHandlersOptions } from "./handlers.js";
export type { GongMockOptions, ResolvedGongMockOptions } from "./options.js";
export type { GongMockCredentials } from "./credentials.js";
export type { GongMockClock } from "./clock.js";
export { systemClock } from "./clock.js";
export type { GongMockFault, StatusFault, LoseAnswerFault, LatencyFault, HoldFault, PendingFault } from "./faults.js";
export type { HeldCall } from "./held.js";
export { parseFault } from "./faults.js";
export {
  identityFields,
  parseDataSet,
  type GongMockCrmProspect,
  type GongMockData,
  type GongMockDataSet,
  type GongMockFlow,
  type GongMockFolder,
  type GongMockOwnership,
} from "./data-set.js";
export {
  defaultAssignedFlows,
  defaultCrmProspects,
  defaultDataSet,
  defaultFlows,
  defaultFolders,
  defaultSteps,
} from "./default-data-set.js";
export { generateAssignedFlows, type GenerateAssignedFlowsOptions } from "./generate-data.js";
export type { BulkAssignmentTiming } from "./bulk-assignments.js";
export type { FlowInstanceRecord } from "./store.js";
export { GongMockInputError, type GongMockIssue } from "./issues.js";
export { defaultBaseUrl, type MockOperationName, operationNames, operationPaths } from "./routes.js";
