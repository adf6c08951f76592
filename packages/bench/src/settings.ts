/**
 * How long and how hard each benchmark runs. Chosen so that `pnpm bench` takes a few minutes on a
 * 2-core machine while every median rests on enough rounds to shrug off a noisy neighbour.
 */

/*
 * Per-call overhead: many short rounds rather than a few long ones. On a shared machine a neighbour's
 * build comes and goes within seconds; short rounds put each arm next to the others inside the same
 * quiet or busy stretch, and the per-round ratios stay paired.
 */

/** Sequential per-call overhead: 1 call in flight. */
export const sequentialOptions = {
  rounds: 20,
  callsPerRound: 150,
  concurrency: 1,
  warmupCalls: 500,
  baselineId: "openapi-fetch",
  floorId: "raw-fetch",
};

/** Concurrent per-call overhead: 16 calls in flight. */
export const concurrentOptions = {
  rounds: 20,
  callsPerRound: 320,
  concurrency: 16,
  warmupCalls: 500,
  baselineId: "openapi-fetch",
  floorId: "raw-fetch",
};

/** Fresh processes per arm for the cold-import figures. */
export const coldImportRounds = 20;

/** The rate-limited server: Gong's 3 requests/s scaled up so a run of 10,000 ids takes seconds. */
export const bulkRequestsPerSecond = 20;
/**
 * Room in the leaky bucket, in requests: a little over one, so that a caller spacing its requests at
 * exactly the limit is not punished for a millisecond of network jitter, while a burst is.
 */
export const bulkBurst = 2;
/** Flow-instance ids each bulk caller unassigns: 50 full requests. */
export const bulkIds = 10_000;
/** Interleaved rounds of the bulk benchmark (a run takes seconds per arm). */
export const bulkRounds = 3;

/** Calls per profiled process in `pnpm bench --profile` (3 interleaved processes per arm). */
export const profileCalls = 2_000;

/**
 * The shared limit (`@gong-flows/redis-rate-limit`): N processes sharing 10 requests/s, each run 5 s of
 * sending, 2 interleaved rounds per (arm, N); then the cost of a turn that need not wait, 15 rounds of
 * 100 calls per arm.
 */
export const sharedLimitOptions = {
  requestsPerSecond: 10,
  processCounts: [1, 2, 4, 8],
  runMs: 5_000,
  rounds: 2,
  turnCostRounds: 15,
  turnCostCalls: 100,
};

/**
 * Both rate-limit stores on a busy machine: Gong's 3 requests/s, 1, 2, 4 and 8 processes (Redis store)
 * or calls in flight (memory store), each run 15 s of calling (the first requests' new connections cost
 * once per run), one round: the arms take about 3 minutes with every core busy.
 */
export const busyLimitOptions = { requestsPerSecond: 3, counts: [1, 2, 4, 8], runMs: 15_000, rounds: 1 };

/**
 * The CLI's bulk job (`pnpm bench --only=cli-bulk`): 10,000 prospects with 1–3 flows each against
 * the mock, Gong's 3 calls/s scaled up to 100 so that the job takes seconds (its bound: 200 calls, 2 s)
 * and the naive per-prospect loop (10,000 calls) under two minutes.
 */
export const cliBulkProspects = 10_000;
export const cliBulkRequestsPerSecond = 100;
/** Rounds of the CLI's job; the naive loop runs once (its figures are set by the limit). */
export const cliBulkRounds = 5;
/** Prospects of the CLI's memory run (its own process, no rate limit). */
export const cliMemoryProspects = 100_000;
