import { achievedRate, maxInWindow, startRedisServer } from "@gong-flows/testkit";
import { distEntry } from "../../lib/paths.js";
import { runWorkerProcesses, type Stub, startStub } from "../../lib/processes.js";
import { interleavedRounds, type Summary, summarizeEach } from "../../lib/stats.js";
import { arrivalsPerWindow } from "./arrival-windows.js";
import { type ClientRoundTrip, measureClientRoundTrip, measureTurnCost, type TurnCost } from "./turn-cost.js";
import type { SharedLimitArmId, WorkerPlan, WorkerReport } from "./worker.js";

/** What the shared-limit benchmark measures, and how hard. */
export interface SharedLimitOptions {
  /** The limit every arm's processes share, requests per second (the issue: 10). */
  requestsPerSecond: number;
  /** Process counts (the issue: 1, 2, 4, 8). */
  processCounts: readonly number[];
  /** How long each run sends, ms. */
  runMs: number;
  /** Interleaved rounds of each (arm, N). */
  rounds: number;
  /** Rounds and calls of the turn-cost measurement. */
  turnCostRounds: number;
  turnCostCalls: number;
  onProgress?: (message: string) => void;
}

/** Figures of one arm at one process count, over the rounds. */
export interface SharedLimitRun {
  arm: SharedLimitArmId;
  processes: number;
  /** Requests per second at the server, first to last arrival. */
  achievedRate: Summary;
  /** `achievedRate` over the limit. */
  shareOfLimit: Summary;
  /** The most arrivals in any one-second window. */
  worstWindow: Summary;
  /** The most requests let go in any one-second window, by the moments the arm let them go (the arm's own promise). */
  worstWindowAtGo: Summary;
  requests: Summary;
  /** Round trips to Redis per request beyond the first (refused tries that waited and asked again). */
  extraRedisCallsPerRequest: Summary;
  /**
   * Arrivals at the server in each second from the common start, of the last round (absent from
   * results of older runs): the time series the shared-limit chart draws.
   */
  arrivalsPerSecond?: number[] | undefined;
}

export interface SharedLimitResult {
  requestsPerSecond: number;
  runMs: number;
  rounds: number;
  arms: { id: SharedLimitArmId; label: string }[];
  runs: SharedLimitRun[];
  turnCost: TurnCost[];
  turnCostCalls: number;
  /** The two Redis libraries side by side (optional: absent from results of older runs). */
  clientRoundTrip?: ClientRoundTrip[] | undefined;
}

export const sharedLimitArms: { id: SharedLimitArmId; label: string }[] = [
  { id: "redis-store", label: "`@gong-flows/redis-rate-limit` (one key)" },
  { id: "memory-split", label: "in-process store, limit ÷ N per process (reference)" },
  {
    id: "rate-limiter-flexible",
    label: "`rate-limiter-flexible` `RateLimiterRedis`, 10 points / 1 s, wait `msBeforeNext`",
  },
];

const workerEntry = distEntry("experiments/shared-limit/worker.js");

/** Runs the N-process comparison and the turn-cost measurement against a redis-server of its own. */
export async function measureSharedLimit(options: SharedLimitOptions): Promise<SharedLimitResult> {
  const log = options.onProgress ?? (() => undefined);
  const arms = sharedLimitArms;
  const redis = await startRedisServer();
  const server = await startStub();
  try {
    const cases = arms.flatMap((arm) => options.processCounts.map((processes) => ({ arm: arm.id, processes })));
    let runNumber = 0;
    const samples = await interleavedRounds(cases, options.rounds, (testCase, round) => {
      runNumber += 1;
      return runCase({ ...testCase, round, runNumber }, options, redis.url, server);
    });
    const runs = cases.map((testCase) => summarizeCase(testCase, samples.get(testCase) ?? []));
    log("turn cost: one acquire that need not wait, arms interleaved");
    const turnCost = await measureTurnCost(
      redis.url,
      options.requestsPerSecond,
      arms.map((arm) => arm.id),
      options.turnCostRounds,
      options.turnCostCalls,
    );
    log("one EVALSHA round trip through ioredis and through node-redis, interleaved");
    const clientRoundTrip = await measureClientRoundTrip(redis.url, options.turnCostRounds, options.turnCostCalls);
    return {
      requestsPerSecond: options.requestsPerSecond,
      runMs: options.runMs,
      rounds: options.rounds,
      arms,
      runs,
      turnCost,
      turnCostCalls: options.turnCostCalls,
      clientRoundTrip,
    };
  } finally {
    await server.stop();
    await redis.stop();
  }
}

type Sample = Awaited<ReturnType<typeof runCase>>;

/** One run of one arm with N processes: the workers start together and send for `runMs`. */
async function runCase(
  run: { arm: SharedLimitArmId; processes: number; round: number; runNumber: number },
  options: SharedLimitOptions,
  redisUrl: string,
  server: Stub,
) {
  await server.reset();
  const key = `bench:${run.arm}:${run.processes}:${run.round}:${run.runNumber}`;
  // Eight Node processes take seconds to start on a busy 2-core machine: the common start is after that.
  const startAt = performance.timeOrigin + performance.now() + 2_000 + 400 * run.processes;
  const plans: WorkerPlan[] = Array.from({ length: run.processes }, (_, id) => ({
    arm: run.arm,
    id,
    processes: run.processes,
    requestsPerSecond: options.requestsPerSecond,
    redisUrl,
    key,
    serverUrl: server.url,
    startAt,
    durationMs: options.runMs,
  }));
  const reports = await runWorkerProcesses<WorkerPlan, WorkerReport>(workerEntry, plans, options.runMs + 30_000, true);
  const { arrivals, goneAt } = await server.arrivals();
  const sent = reports.reduce((sum, report) => sum + report.sent, 0);
  const rate = achievedRate(arrivals);
  const sample = {
    achievedRate: rate,
    shareOfLimit: rate / options.requestsPerSecond,
    worstWindow: maxInWindow(arrivals),
    worstWindowAtGo: maxInWindow(goneAt),
    requests: arrivals.length,
    extraRedisCallsPerRequest: sent > 0 ? reports.reduce((sum, report) => sum + report.extraRedisCalls, 0) / sent : 0,
    perSecond: arrivalsPerWindow(arrivals, startAt),
  };
  options.onProgress?.(
    `round ${run.round + 1} ${run.arm} × ${run.processes}: ${rate.toFixed(2)} req/s, busiest window ${sample.worstWindow} at the server, ${sample.worstWindowAtGo} at "go", ${arrivals.length} requests`,
  );
  return sample;
}

function summarizeCase(testCase: { arm: SharedLimitArmId; processes: number }, got: readonly Sample[]): SharedLimitRun {
  const figures = summarizeEach(got.map(({ perSecond, ...figures }) => figures));
  return { ...testCase, ...figures, arrivalsPerSecond: got.at(-1)?.perSecond };
}
