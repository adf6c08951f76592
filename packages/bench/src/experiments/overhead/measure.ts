import { interleavedRounds, summarize, type Summary } from "../../lib/stats.js";

/** One way of making the list call, measured against the others. */
export interface OverheadArm {
  /** Stable key in `latest.json`, for example `openapi-fetch`. */
  id: string;
  /** What the docs' table calls it. */
  label: string;
  /** Makes one list call and reads its answer completely. Must throw if the answer is not the expected one. */
  call: () => Promise<void>;
}

/** Options of {@link measureOverhead}. */
export interface OverheadOptions {
  /** Interleaved rounds; each arm runs once per round. */
  rounds: number;
  /** Calls per arm per round. */
  callsPerRound: number;
  /** Calls in flight at once: 1 for sequential. */
  concurrency: number;
  /** Calls per arm before the first round, so that JIT and connection pool are warm for everyone. */
  warmupCalls: number;
  /** The arm the ratios are taken against (its id). */
  baselineId: string;
  /** The second reference the ratios are taken against (its id). */
  floorId: string;
  onProgress?: (message: string) => void;
}

/** Figures for one arm: microseconds per call, and its ratios against the two references. */
export interface ArmOverhead {
  id: string;
  label: string;
  /** Wall-clock microseconds per call over a round (at concurrency > 1: the round's time divided by its calls). */
  microsPerCall: Summary;
  /** This arm's time divided by the baseline's in the same round. */
  ratioToBaseline: Summary;
  /** This arm's time divided by the floor arm's (raw fetch) in the same round. */
  ratioToFloor: Summary;
  /** Microseconds per call above the baseline in the same round. */
  microsAboveBaseline: Summary;
  /**
   * CPU time this process spent per call (user + system), server excluded. Unlike wall-clock time it
   * does not grow while a neighbour holds the CPU, so it is the steadier measure of the client's own cost.
   */
  cpuMicrosPerCall: Summary;
  /** This arm's CPU time divided by the baseline's in the same round. */
  cpuRatioToBaseline: Summary;
}

/** Result of {@link measureOverhead}. */
export interface OverheadResult {
  concurrency: number;
  rounds: number;
  callsPerRound: number;
  baselineId: string;
  floorId: string;
  arms: ArmOverhead[];
}

/**
 * Runs every arm `rounds` times, interleaved and in a rotating order, and summarizes the per-round
 * times. Ratios are taken round by round (paired), which cancels most of the noise of a shared machine:
 * a slow second hurts both arms of the same round.
 */
export async function measureOverhead(arms: readonly OverheadArm[], options: OverheadOptions): Promise<OverheadResult> {
  const byId = new Map(arms.map((arm) => [arm.id, arm]));
  if (!byId.has(options.baselineId) || !byId.has(options.floorId))
    throw new Error("the baseline and floor arms must be measured");
  for (const arm of arms) await runCalls(arm, options.warmupCalls, options.concurrency);

  const samples = await interleavedRounds(
    arms,
    options.rounds,
    async (arm) => {
      // Collect the previous arm's garbage now, outside any timed stretch (needs node --expose-gc).
      (globalThis as { gc?: () => void }).gc?.();
      const cpuBefore = process.cpuUsage();
      const started = process.hrtime.bigint();
      await runCalls(arm, options.callsPerRound, options.concurrency);
      const elapsedMicros = Number(process.hrtime.bigint() - started) / 1_000;
      const cpu = process.cpuUsage(cpuBefore);
      return { wall: elapsedMicros / options.callsPerRound, cpu: (cpu.user + cpu.system) / options.callsPerRound };
    },
    (round) => {
      if ((round + 1) % 5 === 0 || round + 1 === options.rounds)
        options.onProgress?.(`round ${round + 1}/${options.rounds}`);
    },
  );
  const wall = (arm: OverheadArm): number[] => samples.get(arm)!.map((sample) => sample.wall);
  const cpu = (arm: OverheadArm): number[] => samples.get(arm)!.map((sample) => sample.cpu);

  const baseline = wall(byId.get(options.baselineId)!);
  const floor = wall(byId.get(options.floorId)!);
  const cpuBaseline = cpu(byId.get(options.baselineId)!);
  return {
    concurrency: options.concurrency,
    rounds: options.rounds,
    callsPerRound: options.callsPerRound,
    baselineId: options.baselineId,
    floorId: options.floorId,
    arms: arms.map((arm) => {
      const times = wall(arm);
      const cpuTimes = cpu(arm);
      return {
        id: arm.id,
        label: arm.label,
        microsPerCall: summarize(times),
        ratioToBaseline: summarize(times.map((t, i) => t / baseline[i]!)),
        ratioToFloor: summarize(times.map((t, i) => t / floor[i]!)),
        microsAboveBaseline: summarize(times.map((t, i) => t - baseline[i]!)),
        cpuMicrosPerCall: summarize(cpuTimes),
        cpuRatioToBaseline: summarize(cpuTimes.map((t, i) => t / cpuBaseline[i]!)),
      };
    }),
  };
}

/** Makes `count` calls of `arm` with `concurrency` of them in flight at any time. */
async function runCalls(arm: OverheadArm, count: number, concurrency: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      next += 1;
      await arm.call();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}
