import { gongLimits, rateLimitDefaults } from "@gong-flows/client";
import { achievedRate, maxInWindow, startCpuBurners } from "@gong-flows/testkit";
import { runLimitWorkers, type Stub, withRedisAndStub } from "../../lib/processes.js";
import { interleavedRounds, summarizeEach } from "../../lib/stats.js";

/**
 * Gong's 3 requests/s, 1, 2, 4 and 8 processes (Redis store) or calls in flight (memory store), each run
 * 15 s of calling (the first requests' new connections cost once per run), one round: the arms take
 * about 3 minutes with every core busy.
 */
export const busyLimitSettings = {
  requestsPerSecond: gongLimits.callsPerSecond as number,
  counts: [1, 2, 4, 8],
  runMs: 15_000,
  rounds: 1,
};
type Settings = typeof busyLimitSettings;

export const busyArms = [
  { id: "redis-store", label: "`@gong-flows/redis-rate-limit`, N processes on one key" },
  { id: "memory-store", label: "the client's memory store, N calls in flight in one process" },
] as const;
type BusyArmId = (typeof busyArms)[number]["id"];

export type BusyLimitResult = Awaited<ReturnType<typeof measureBusyLimit>>;

/**
 * Each store at each count with one CPU-bound process per core beside it, the workers at normal priority
 * and the stub (Gong's stand-in: its machines are not this busy one) raised where allowed.
 */
export async function measureBusyLimit(log: (message: string) => void, options: Settings = busyLimitSettings) {
  return withRedisAndStub(async (redisUrl, stub) => {
    const burners = startCpuBurners();
    try {
      const cases = busyArms.flatMap((arm) => options.counts.map((count) => ({ arm: arm.id, count })));
      const samples = await interleavedRounds(cases, options.rounds, (run, round) =>
        runCase({ ...run, round }, options, redisUrl, stub, log),
      );
      return {
        requestsPerSecond: options.requestsPerSecond,
        runMs: options.runMs,
        rounds: options.rounds,
        burners: burners.count,
        departureSlackMs: rateLimitDefaults.departureSlackMs,
        newConnectionSlackMs: rateLimitDefaults.newConnectionSlackMs,
        arms: busyArms.map((arm) => ({ ...arm })),
        runs: cases.map((run) => ({ ...run, ...summarizeEach(samples.get(run) ?? []) })),
      };
    } finally {
      await burners.stop();
    }
  });
}

/** One run of one store at one count: the workers start together and call for `runMs`. */
async function runCase(
  run: { arm: BusyArmId; count: number; round: number },
  options: Settings,
  redisUrl: string,
  stub: Stub,
  log: (message: string) => void,
) {
  const processes = run.arm === "redis-store" ? run.count : 1;
  // Node processes take seconds to start on a busy machine: the common start is after that.
  const startAt = Date.now() + 3_000 + 500 * processes;
  const plan = {
    arm: run.arm,
    via: "client" as const,
    processes,
    concurrency: run.arm === "redis-store" ? 1 : run.count,
    requestsPerSecond: options.requestsPerSecond,
    redisUrl,
    key: `busy:${run.arm}:${run.count}:${run.round}`,
    startAt,
    endAt: startAt + options.runMs,
  };
  const { arrivals } = await runLimitWorkers(stub, plan, options.runMs + 60_000, false);
  const sample = {
    shareOfLimit: achievedRate(arrivals) / options.requestsPerSecond,
    worstWindow: maxInWindow(arrivals),
    worstFixedSecond: maxInFixedSecond(arrivals),
    refusedByStrictServer: strictRefusals(arrivals, options.requestsPerSecond),
    requests: arrivals.length,
  };
  log(
    `round ${run.round + 1} ${run.arm} × ${run.count}: ${(sample.shareOfLimit * 100).toFixed(1)} % of the limit, busiest second ${sample.worstWindow} ` +
      `(fixed ${sample.worstFixedSecond}), ${sample.refusedByStrictServer} refused by a strict server, ${sample.requests} requests`,
  );
  return sample;
}

/**
 * How many of `times` a server admitting at most `limit` calls in any sliding second would refuse,
 * counting only admitted calls (as `gong-flows-mock --rps` does).
 */
export function strictRefusals(times: readonly number[], limit: number): number {
  const admitted: number[] = [];
  let refused = 0;
  for (const at of [...times].sort((a, b) => a - b)) {
    while (admitted.length > 0 && admitted[0]! <= at - 1000) admitted.shift();
    if (admitted.length >= limit) refused += 1;
    else admitted.push(at);
  }
  return refused;
}

/** The most of `times` in one second of the clock (a server counting calls per whole second). */
export function maxInFixedSecond(times: readonly number[]): number {
  const perSecond = new Map<number, number>();
  for (const at of times) perSecond.set(Math.floor(at / 1000), (perSecond.get(Math.floor(at / 1000)) ?? 0) + 1);
  return Math.max(0, ...perSecond.values());
}
