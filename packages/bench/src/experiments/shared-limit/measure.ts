import { achievedRate, maxInWindow } from "@gong-flows/testkit";
import type { LimitWorkerPlan } from "../../lib/limit-worker.js";
import { runLimitWorkers, type Stub, withRedisAndStub } from "../../lib/processes.js";
import { interleavedRounds, summarizeEach } from "../../lib/stats.js";
import { arrivalsPerWindow } from "./arrival-windows.js";
import { measureClientRoundTrip, measureTurnCost, type SharedArmId } from "./turn-cost.js";

/** What the shared-limit experiment measures, and how hard. */
export interface SharedLimitOptions {
  /** The limit every arm's processes share, requests per second. */
  requestsPerSecond: number;
  processCounts: readonly number[];
  /** How long each run sends, ms; interleaved rounds of each (arm, N). */
  runMs: number;
  rounds: number;
  /** Rounds and calls of the turn-cost measurement. */
  turnCostRounds: number;
  turnCostCalls: number;
  onProgress?: (message: string) => void;
}

export const sharedLimitArms: { id: SharedArmId; label: string }[] = [
  { id: "redis-store", label: "`@gong-flows/redis-rate-limit` (one key)" },
  { id: "memory-split", label: "in-process store, limit ÷ N per process (reference)" },
  {
    id: "rate-limiter-flexible",
    label: "`rate-limiter-flexible` `RateLimiterRedis`, 10 points / 1 s, wait `msBeforeNext`",
  },
];

export type SharedLimitResult = Awaited<ReturnType<typeof measureSharedLimit>>;
export type SharedLimitRun = SharedLimitResult["runs"][number];

/** Runs the N-process comparison, then the cost of a turn, against a redis-server of its own. */
export async function measureSharedLimit(options: SharedLimitOptions) {
  const log = options.onProgress ?? (() => undefined);
  const arms = sharedLimitArms;
  return withRedisAndStub(async (redisUrl, stub) => {
    const cases = arms.flatMap((arm) => options.processCounts.map((processes) => ({ arm: arm.id, processes })));
    let runNumber = 0;
    const samples = await interleavedRounds(cases, options.rounds, (run, round) =>
      runCase({ ...run, round, runNumber: ++runNumber }, options, redisUrl, stub),
    );
    const runs = cases.map((run) => {
      const got = samples.get(run) ?? [];
      const figures = summarizeEach(got.map(({ perSecond, ...figures }) => figures));
      // The last round's arrivals in each second from the common start: the run's time series.
      return { ...run, ...figures, arrivalsPerSecond: got.at(-1)?.perSecond ?? [] };
    });
    const { requestsPerSecond, turnCostRounds: rounds, turnCostCalls: calls } = options;
    log("turn cost: one acquire that need not wait, arms interleaved");
    const armIds = arms.map((arm) => arm.id);
    const turnCost = await measureTurnCost(redisUrl, requestsPerSecond, armIds, rounds, calls);
    log("one EVALSHA round trip through ioredis and through node-redis, interleaved");
    const clientRoundTrip = await measureClientRoundTrip(redisUrl, rounds, calls);
    const { runMs } = options;
    return {
      requestsPerSecond,
      runMs,
      rounds: options.rounds,
      arms,
      runs,
      turnCost,
      turnCostCalls: calls,
      clientRoundTrip,
    };
  });
}

/** One run of one arm with N processes: the workers start together and send for `runMs`. */
async function runCase(
  run: { arm: SharedArmId; processes: number; round: number; runNumber: number },
  options: SharedLimitOptions,
  redisUrl: string,
  stub: Stub,
) {
  // Eight Node processes take seconds to start on a busy 2-core machine: the common start is after that.
  const startAt = performance.timeOrigin + performance.now() + 2_000 + 400 * run.processes;
  const plans = Array.from(
    { length: run.processes },
    (_, id): LimitWorkerPlan => ({
      arm: run.arm,
      via: "turns",
      id,
      processes: run.processes,
      concurrency: 1,
      redisUrl,
      serverUrl: stub.url,
      key: `bench:${run.arm}:${run.processes}:${run.round}:${run.runNumber}`,
      requestsPerSecond: options.requestsPerSecond,
      startAt,
      endAt: startAt + options.runMs,
    }),
  );
  const { reports, arrivals, goneAt } = await runLimitWorkers(stub, plans, options.runMs + 30_000, true);
  const sent = reports.reduce((sum, report) => sum + report.sent, 0);
  const extraRedisCalls = reports.reduce((sum, report) => sum + report.extraRedisCalls, 0);
  const rate = achievedRate(arrivals);
  const sample = {
    achievedRate: rate,
    shareOfLimit: rate / options.requestsPerSecond,
    worstWindow: maxInWindow(arrivals),
    worstWindowAtGo: maxInWindow(goneAt),
    requests: arrivals.length,
    extraRedisCallsPerRequest: sent > 0 ? extraRedisCalls / sent : 0,
    perSecond: arrivalsPerWindow(arrivals, startAt),
  };
  options.onProgress?.(
    `round ${run.round + 1} ${run.arm} × ${run.processes}: ${rate.toFixed(2)} req/s, busiest window ${sample.worstWindow} at the server, ${sample.worstWindowAtGo} at "go", ${arrivals.length} requests`,
  );
  return sample;
}
