import { rateLimitDefaults } from "@gong-flows/client";
import { achievedRate, maxInWindow, startCpuBurners, startRedisServer } from "@gong-flows/testkit";
import type { BusyArmId, BusyWorkerPlan, BusyWorkerReport } from "./worker.js";
import { runWorkerProcesses, startStub } from "../../lib/processes.js";
import { distEntry } from "../../lib/paths.js";
import { interleavedRounds, summarize, type Summary } from "../../lib/stats.js";

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
  const log = options.onProgress ?? (() => undefined);
  const redis = await startRedisServer();
  const server = await startStub();
  const burners = startCpuBurners();
  try {
    const cases = busyArms.flatMap((arm) => options.counts.map((count) => ({ arm: arm.id, count })));
    let runNumber = 0;
    const samples = await interleavedRounds(cases, options.rounds, async (testCase, round) => {
      runNumber += 1;
      await server.reset();
      const processes = testCase.arm === "redis-store" ? testCase.count : 1;
      // Node processes take seconds to start on a busy machine: the common start is after that.
      const startAt = Date.now() + 3_000 + 500 * processes;
      const plans: BusyWorkerPlan[] = Array.from({ length: processes }, (_, id) => ({
        arm: testCase.arm,
        id,
        requestsPerSecond: options.requestsPerSecond,
        concurrency: testCase.arm === "redis-store" ? 1 : testCase.count,
        redisUrl: redis.url,
        key: `busy:${testCase.arm}:${testCase.count}:${round}:${runNumber}`,
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
        throw new Error(`busy-machine run ${testCase.arm} × ${testCase.count}: ${errors.slice(0, 3).join("; ")}`);
      const { arrivals } = await server.arrivals();
      const sample = {
        share: achievedRate(arrivals) / options.requestsPerSecond,
        worst: maxInWindow(arrivals),
        worstFixed: maxInFixedSecond(arrivals),
        refused: strictRefusals(arrivals, options.requestsPerSecond),
        requests: arrivals.length,
      };
      log(
        `round ${round + 1} ${testCase.arm} × ${testCase.count}: ${(sample.share * 100).toFixed(1)} % of the limit, busiest second ${sample.worst} ` +
          `(fixed ${sample.worstFixed}), ${sample.refused} refused by a strict server, ${sample.requests} requests`,
      );
      return sample;
    });
    const runs = cases.map((testCase): BusyLimitRun => {
      const got = samples.get(testCase)!;
      const of = (pick: (sample: (typeof got)[number]) => number) => summarize(got.map(pick));
      return {
        arm: testCase.arm,
        count: testCase.count,
        shareOfLimit: of((s) => s.share),
        worstWindow: of((s) => s.worst),
        worstFixedSecond: of((s) => s.worstFixed),
        refusedByStrictServer: of((s) => s.refused),
        requests: of((s) => s.requests),
      };
    });
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
