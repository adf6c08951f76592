import { achievedRate, maxInWindow } from "@gong-flows/testkit";
import { runLimitWorkers, type Stub, withRedisAndStub } from "../../lib/processes.js";
import { interleavedRounds, summarizeEach } from "../../lib/stats.js";
import { arrivalsPerWindow } from "./arrival-windows.js";
import { measureClientRoundTrip, measureTurnCost, type SharedArmId } from "./turn-cost.js";

/**
 * N processes sharing 10 requests/s, each run 5 s of sending, 2 interleaved rounds per (arm, N); then
 * the cost of a turn that need not wait, 15 rounds of 100 calls per arm.
 */
export const sharedLimitSettings = {
  requestsPerSecond: 10,
  processCounts: [1, 2, 4, 8],
  runMs: 5_000,
  rounds: 2,
  turnCostRounds: 15,
  turnCostCalls: 100,
};
type Settings = typeof sharedLimitSettings;

export const sharedLimitArms: { id: SharedArmId; label: string }[] = [
  { id: "redis-store", label: "`@gong-flows/redis-rate-limit` (one key)" },
  { id: "memory-split", label: "in-process store, limit ÷ N per process (reference)" },
  {
    id: "rate-limiter-flexible",
    label: "`rate-limiter-flexible` `RateLimiterRedis`, 10 points / 1 s, wait `msBeforeNext`",
  },
];

export type SharedLimitResult = Awaited<ReturnType<typeof measureSharedLimit>>;

/** Runs the N-process comparison, then the cost of a turn, against a redis-server of its own. */
export async function measureSharedLimit(log: (message: string) => void, settings: Settings = sharedLimitSettings) {
  const { requestsPerSecond, processCounts, runMs, rounds, turnCostRounds, turnCostCalls } = settings;
  const arms = sharedLimitArms;
  return withRedisAndStub(async (redisUrl, stub) => {
    const cases = arms.flatMap((arm) => processCounts.map((processes) => ({ arm: arm.id, processes })));
    const samples = await interleavedRounds(cases, rounds, (run, round) =>
      runCase({ ...run, round }, settings, redisUrl, stub, log),
    );
    const runs = cases.map((run) => {
      const got = samples.get(run) ?? [];
      const figures = summarizeEach(got.map(({ perSecond, ...figures }) => figures));
      // The last round's arrivals in each second from the common start: the run's time series.
      return { ...run, ...figures, arrivalsPerSecond: got.at(-1)?.perSecond ?? [] };
    });
    log("turn cost: one acquire that need not wait, arms interleaved");
    const armIds = arms.map((arm) => arm.id);
    const turnCost = await measureTurnCost(redisUrl, requestsPerSecond, armIds, turnCostRounds, turnCostCalls);
    log("one EVALSHA round trip through ioredis and through node-redis, interleaved");
    const clientRoundTrip = await measureClientRoundTrip(redisUrl, turnCostRounds, turnCostCalls);
    return { requestsPerSecond, runMs, rounds, arms, runs, turnCost, turnCostCalls, clientRoundTrip };
  });
}

/** One run of one arm with N processes: the workers start together and send for `runMs`. */
async function runCase(
  run: { arm: SharedArmId; processes: number; round: number },
  options: Settings,
  redisUrl: string,
  stub: Stub,
  log: (message: string) => void,
) {
  // Eight Node processes take seconds to start on a busy 2-core machine: the common start is after that.
  const startAt = performance.timeOrigin + performance.now() + 2_000 + 400 * run.processes;
  const plan = {
    arm: run.arm,
    via: "turns" as const,
    processes: run.processes,
    concurrency: 1,
    redisUrl,
    key: `bench:${run.arm}:${run.processes}:${run.round}`,
    requestsPerSecond: options.requestsPerSecond,
    startAt,
    endAt: startAt + options.runMs,
  };
  const { reports, arrivals, goneAt } = await runLimitWorkers(stub, plan, options.runMs + 30_000, true);
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
  log(
    `round ${run.round + 1} ${run.arm} × ${run.processes}: ${rate.toFixed(2)} req/s, busiest window ${sample.worstWindow} at the server, ${sample.worstWindowAtGo} at "go", ${arrivals.length} requests`,
  );
  return sample;
}
