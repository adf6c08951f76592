/**
 * Gong's documented limits, the one home of these facts: the client, the mock, the CLI and the bench
 * read them from here, so that a change of Gong's limits is a one-line edit.
 */
export const gongLimits = Object.freeze({
  /** API calls a company may make per second, by default; more get `429 Too Many Requests`. */
  callsPerSecond: 3,
  /** API calls a company may make per day, by default; past that every call gets `429` until the quota renews. */
  callsPerDay: 10_000,
  /** Flow-instance ids one unassign-by-flow-instance-id request may carry (the spec's `maxItems`). */
  unassignIdsPerRequest: 200,
  /** CRM prospect ids one assign request may carry (Gong's published spec; its help pages say 200). */
  assignProspectsPerRequest: 100,
  /** Flow ids one flow-steps request may carry. */
  flowStepsIdsPerRequest: 20,
  /** Prospects one bulk assignment may carry. */
  bulkAssignmentProspectsPerRequest: 50,
} as const);

/**
 * The defaults of `createGongFlowsClient`'s options: what a client created with no options does. Read
 * them to build on the client's behaviour (a tool's own defaults, a plan's estimates) without restating it.
 */
export const defaultOptions = Object.freeze({
  /** `rateLimit.requestsPerSecond`: Gong's own limit. */
  requestsPerSecond: gongLimits.callsPerSecond,
  /** `timeoutMs`: time allowed for each attempt, request and whole response. */
  timeoutMs: 30_000,
  /** `maxRetries`: retries after a 429, 500, 502, 503, 504, connection error or timeout. */
  maxRetries: 3,
  /** `maxRetryAfterMs`: the longest `Retry-After` the client waits through; a longer one throws at once. */
  maxRetryAfterMs: 60_000,
  /** `listBatchSize`: prospect ids per list request (a client policy, not a documented Gong limit). */
  listBatchSize: 100,
  /** `batchConcurrency`: requests of one batched call in flight at once. */
  batchConcurrency: 4,
  /** `retryDelay`: full-jitter backoff between retries, up to `min(maxMs, initialMs × 2^retry)`. */
  retryDelay: Object.freeze({ initialMs: 500, maxMs: 8_000 } as const),
} as const);

/** How `waitForBulkAssignment` polls when not told otherwise (see `WaitForBulkAssignmentOptions`). */
export const bulkAssignmentWaitDefaults = Object.freeze({
  pollIntervalMs: 1_000,
  maxPollIntervalMs: 10_000,
  timeoutMs: 600_000,
} as const);
