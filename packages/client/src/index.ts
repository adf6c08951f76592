/**
 * `@gong-flows/client`: a typed client for Gong's Engage-flow API endpoints, with retries that honour
 * `Retry-After`, a pluggable client-side rate limiter, request and answer validation generated from the
 * spec, and batching that never loses track of an id (or claims to know what it does not).
 *
 * @packageDocumentation
 */
export { createGongFlowsClient, type GongFlowsClient } from "./client.js";
export { defaultOptions, gongLimits } from "./defaults.js";
export { formatDuration } from "./format-duration.js";
export type { FetchLike, GongFlowsClientOptions } from "./options.js";
export type {
  AccessKeyAuth,
  BearerTokenAuth,
  BearerTokenSource,
  GongAuth,
  RefreshableBearerTokenAuth,
} from "./auth.js";
export type {
  GongAttemptEvent,
  GongAttemptEventBase,
  GongAttemptHook,
  GongAttemptSendingEvent,
  GongAttemptSettledEvent,
} from "./attempt-hook.js";
export type { GongLogEvent, GongLogger } from "./logger.js";
export type { RetryDelayOptions } from "./retry-policy.js";
export { createMemoryRateLimitStore, type MemoryRateLimitStoreOptions } from "./memory-rate-limit-store.js";
export {
  RateLimitRefusal,
  rateLimitDefaults,
  type RateLimitStore,
  type RateLimitTurn,
} from "./rate-limit.js";
export { validateRequestBody } from "./validate.js";
export { closestKey } from "./option-keys.js";
/**
 * Replaces every occurrence of the given secrets in a text with `[REDACTED]`: the redaction the client
 * applies to anything a `fetch` throws, for tools that quote requests or answers themselves (the
 * contract suite's reports, a logging wrapper).
 */
export { redact as redactSecrets } from "./redact.js";
export { createRedactor, type Redactor } from "./redact.js";
export {
  GongAbortError,
  GongApiError,
  GongAuthenticationError,
  GongBadRequestError,
  GongConfigurationError,
  GongConnectionError,
  GongError,
  GongPermissionError,
  GongRateLimitError,
  GongServerError,
  GongTimeoutError,
  type GongApiErrorInit,
} from "./errors.js";
export { GongBatchError, type GongBatchErrorInit } from "./batch-error.js";
export { GongBulkAssignmentTimeoutError, GongUnknownFlowsError } from "./flow-errors.js";
export {
  GongResponseValidationError,
  GongValidationError,
  type GongValidationIssue,
} from "./validation-errors.js";
export type {
  AssignedFlow,
  FlowInstanceStatus,
  ListAssignedFlowsInput,
  ListAssignedFlowsResult,
  OperationName,
  RequestOptions,
  UnassignByCrmProspectIdInput,
  UnassignByCrmProspectIdResult,
  UnassignByFlowInstanceIdsInput,
  UnassignByFlowInstanceIdsResult,
} from "./types.js";
export type {
  AssignmentFailure,
  AssignProspectsInput,
  AssignProspectsResult,
  BulkAssignment,
  BulkAssignmentRequest,
  BulkAssignmentResult,
  BulkAssignmentStatus,
  Flow,
  FlowFolder,
  FlowFoldersPage,
  FlowsPage,
  FlowStep,
  FlowWithSteps,
  GetFlowStepsInput,
  GetFlowStepsResult,
  ListFlowFoldersInput,
  ListFlowFoldersPageInput,
  ListFlowInstancesInput,
  ListFlowsInput,
  ListFlowsPageInput,
  PageInfo,
  PageRecords,
  WaitForBulkAssignmentOptions,
} from "./types-flows.js";
export type { GongPager } from "./operations/pages.js";
export type { components, operations, paths } from "./generated/schema.js";
