import { rateLimitDefaults } from "@gong-flows/client";
import { achievedRate, maxInWindow, startCpuBurners, startRedisServer } from "@gong-flows/testkit";
import type { BusyArmId, BusyWorkerPlan, BusyWorkerReport } from "./worker.js";
import { runWorkerProcesses, type Stub, startStub } from "../../lib/processes.js";
import { distEntry } from "../../lib/paths.js";
import { interleavedRounds, type Summary, summarizeEach } from "../../lib/stats.js";

/** What the busy-machine benchmark measures, and how hard. */
export interface BusyLimitOptions {
  /** The limit, requests per second (Gong's: 3). */
  requestsPerSecond: number;
  /** Process counts of the Redis store, and calls in flight of the memory store (1, 2, 4, 8). */
  counts: readonly number[];
  /** How long each run calls, ms. */
  runMs: number;
  rounds: number;
  onProgress?: (message: string) => void;
}

/** Figures of one arm at one count, over the rounds. */
export interface BusyLimitRun {
  arm: BusyArmId;
  /** Processes (Redis store) or calls in flight in one process (memory store). */
  count: number;
  /** Requests per second at the server, first to last arrival, as a share of the limit. */
  shareOfLimit: Summary;
  /** The most arrivals in any one-second window (sliding: what a strict server counts). */
  worstWindow: Summary;
  /** The most arrivals in one second of the server's clock (a fixed-window server's count). */
  worstFixedSecond: Summary;
  /** Arrivals a server enforcing exactly the limit over a sliding second would have answered with 429. */
  refusedByStrictServer: Summary;
  requests: Summary;
}

export interface BusyLimitResult {
  requestsPerSecond: number;
  runMs: number;
  rounds: number;
  /** CPU-bound processes beside the run (one per core). */
  burners: number;
  departureSlackMs: number;
  newConnectionSlackMs: number;
  arms: { id: BusyArmId; label: string }[];
  runs: BusyLimitRun[];
}

export const busyArms: { id: BusyArmId; label: string }[] = [
  { id: "redis-store", label: "`@gong-flows/redis-rate-limit`, N processes on one key" },
  { id: "memory-store", label: "the client's memory store, N calls in flight in one process" },
];

const workerEntry = distEntry("experiments/busy-limit/worker.js");

/**
 * Runs each store at each count with every core busy (one CPU-bound process per core beside it), the
 * workers at normal priority, through `@gong-flows/client`, against the arrival-recording server at
 * raised priority where allowed (a stand-in for Gong, whose machines are not this busy one), and judges
 * the arrivals as a server enforcing exactly the limit would.
 */
export async function measureBusyLimit(options: BusyLimitOptions): Promise<BusyLimitResult> {
  const redis = await startRedisServer();
  const server = await startStub();
  const burners = startCpuBurners();
  try {
    const cases = busyArms.flatMap((arm) => options.counts.map((count) => ({ arm: arm.id, count })));
    let runNumber = 0;
    const samples = await interleavedRounds(cases, options.rounds, (testCase, round) => {
      runNumber += 1;
      return runCase({ ...testCase, round, runNumber }, options, redis.url, server);
    });
    const runs = cases.map(
      (testCase): BusyLimitRun => ({ ...testCase, ...summarizeEach(samples.get(testCase) ?? []) }),
    );
    return {
      requestsPerSecond: options.requestsPerSecond,
      runMs: options.runMs,
      rounds: options.rounds,
      burners: burners.count,
      departureSlackMs: rateLimitDefaults.departureSlackMs,
      newConnectionSlackMs: rateLimitDefaults.newConnectionSlackMs,
      arms: busyArms,
      runs,
    };
  } finally {
    await burners.stop();
    await server.stop();
    await redis.stop();
  }
}

/** One run of one store at one count: the workers start together and call for `runMs`. */
async function runCase(
  run: { arm: BusyArmId; count: number; round: number; runNumber: number },
  options: BusyLimitOptions,
  redisUrl: string,
  server: Stub,
) {
  await server.reset();
  const processes = run.arm === "redis-store" ? run.count : 1;
  // Node processes take seconds to start on a busy machine: the common start is after that.
  const startAt = Date.now() + 3_000 + 500 * processes;
  const plans: BusyWorkerPlan[] = Array.from({ length: processes }, (_, id) => ({
    arm: run.arm,
    id,
    requestsPerSecond: options.requestsPerSecond,
    concurrency: run.arm === "redis-store" ? 1 : run.count,
    redisUrl,
    key: `busy:${run.arm}:${run.count}:${run.round}:${run.runNumber}`,
    serverUrl: server.url,
    startAt,
    endAt: startAt + options.runMs,
  }));
  const reports = await runWorkerProcesses<BusyWorkerPlan, BusyWorkerReport>(
    workerEntry,
    plans,
    options.runMs + 60_000,
    false,
  );
  const errors = reports.flatMap((report) => report.errors);
  if (errors.length > 0)
    throw new Error(`busy-machine run ${run.arm} × ${run.count}: ${errors.slice(0, 3).join("; ")}`);
  const { arrivals } = await server.arrivals();
  const sample = {
    shareOfLimit: achievedRate(arrivals) / options.requestsPerSecond,
    worstWindow: maxInWindow(arrivals),
    worstFixedSecond: maxInFixedSecond(arrivals),
    refusedByStrictServer: strictRefusals(arrivals, options.requestsPerSecond),
    requests: arrivals.length,
  };
  options.onProgress?.(
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
    while (admitted.length > 0 && (admitted[0] as number) <= at - 1000) admitted.shift();
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
