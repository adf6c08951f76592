import { interleavedRounds, paired, summarize } from "../../lib/stats.js";

/** One way of making the list call; `call` reads the answer completely and throws unless it is the expected one. */
export interface OverheadArm {
  id: string;
  label: string;
  call: () => Promise<void>;
}

/** How hard: interleaved rounds of `callsPerRound` calls per arm, `concurrency` in flight, after a warm-up. */
export interface OverheadOptions {
  rounds: number;
  callsPerRound: number;
  concurrency: number;
  /** Calls per arm before the first round, so that JIT and connection pool are warm for everyone. */
  warmupCalls: number;
  /** The arms the ratios are taken against: openapi-fetch and raw fetch. */
  baselineId: string;
  floorId: string;
  onProgress?: (message: string) => void;
}

export type OverheadResult = Awaited<ReturnType<typeof measureOverhead>>;

/**
 * Runs every arm `rounds` times, interleaved in rotating order, and summarizes the per-round times per
 * call, wall clock and CPU (this process's user + system time: a neighbour holding the CPU does not
 * inflate it). Ratios are paired round by round, which cancels most of the noise of a shared machine.
 */
export async function measureOverhead(arms: readonly OverheadArm[], options: OverheadOptions) {
  const { rounds, callsPerRound, concurrency, baselineId, floorId } = options;
  const baseline = arms.find((arm) => arm.id === baselineId);
  const floor = arms.find((arm) => arm.id === floorId);
  if (!baseline || !floor) throw new Error("the baseline and floor arms must be measured");
  for (const arm of arms) await runCalls(arm, options.warmupCalls, concurrency);
  const samples = await interleavedRounds(
    arms,
    rounds,
    async (arm) => {
      // Collect the previous arm's garbage now, outside any timed stretch (needs node --expose-gc).
      (globalThis as { gc?: () => void }).gc?.();
      const cpuBefore = process.cpuUsage();
      const started = process.hrtime.bigint();
      await runCalls(arm, callsPerRound, concurrency);
      const wall = Number(process.hrtime.bigint() - started) / 1_000 / callsPerRound;
      const cpu = process.cpuUsage(cpuBefore);
      return { wall, cpu: (cpu.user + cpu.system) / callsPerRound };
    },
    (round) => {
      if ((round + 1) % 5 === 0 || round + 1 === rounds) options.onProgress?.(`round ${round + 1}/${rounds}`);
    },
  );
  const figure = (arm: OverheadArm, key: "wall" | "cpu") => samples.get(arm)!.map((sample) => sample[key]);
  const [baselineWall, floorWall, baselineCpu] = [
    figure(baseline, "wall"),
    figure(floor, "wall"),
    figure(baseline, "cpu"),
  ];
  const figures = arms.map((arm) => {
    const [wall, cpu] = [figure(arm, "wall"), figure(arm, "cpu")];
    return {
      id: arm.id,
      label: arm.label,
      microsPerCall: summarize(wall),
      ratioToBaseline: paired(wall, baselineWall, (a, b) => a / b),
      ratioToFloor: paired(wall, floorWall, (a, b) => a / b),
      microsAboveBaseline: paired(wall, baselineWall, (a, b) => a - b),
      cpuMicrosPerCall: summarize(cpu),
      cpuRatioToBaseline: paired(cpu, baselineCpu, (a, b) => a / b),
    };
  });
  return { concurrency, rounds, callsPerRound, baselineId, floorId, arms: figures };
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
