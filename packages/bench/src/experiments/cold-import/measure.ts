import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { distEntry, packageDir } from "../../lib/paths.js";
import { interleavedRounds, summarize, type Summary } from "../../lib/stats.js";

const run = promisify(execFile);
const probe = distEntry("experiments/cold-import/import-probe.js");

/** One module imported in fresh processes. */
export interface ColdImportArm {
  id: string;
  label: string;
  /** What the probe imports; `undefined` for the empty baseline. */
  specifier: string | undefined;
}

/** Figures for one arm, in milliseconds. */
export interface ColdImportFigures {
  id: string;
  label: string;
  /** Time of the `import()` itself, measured inside the fresh process. */
  importMs: Summary;
  /** From spawning the process to its exit, measured outside. */
  processMs: Summary;
  /** `processMs` minus the empty baseline's in the same round: what importing adds to a cold start. */
  processAboveBaselineMs: Summary;
}

/** Result of {@link measureColdImport}. */
export interface ColdImportResult {
  rounds: number;
  arms: ColdImportFigures[];
}

/**
 * Starts one fresh `node` per arm per round (interleaved, rotating order) that imports the arm's module,
 * and summarizes the import time and the process's whole life. The first arm must be the baseline that
 * imports nothing. Modules resolve from this package, as in a user's project that depends on them.
 */
export async function measureColdImport(
  arms: readonly ColdImportArm[],
  rounds: number,
  onProgress?: (message: string) => void,
): Promise<ColdImportResult> {
  const baselineArm = arms[0];
  if (baselineArm === undefined || baselineArm.specifier !== undefined)
    throw new Error("the first arm must be the empty baseline");
  // One unmeasured pass: the first process after a while pays for cold disk caches.
  for (const arm of arms) await probeOnce(arm);
  const samples = await interleavedRounds(arms, rounds, probeOnce, (round) => {
    if ((round + 1) % 5 === 0) onProgress?.(`round ${round + 1}/${rounds}`);
  });
  const baseline = samples.get(baselineArm)!.map((sample) => sample.processMs);
  return {
    rounds,
    arms: arms.map((arm) => {
      const whole = samples.get(arm)!.map((sample) => sample.processMs);
      return {
        id: arm.id,
        label: arm.label,
        importMs: summarize(samples.get(arm)!.map((sample) => sample.importMs)),
        processMs: summarize(whole),
        processAboveBaselineMs: summarize(whole.map((ms, i) => ms - baseline[i]!)),
      };
    }),
  };
}

async function probeOnce(arm: ColdImportArm): Promise<{ importMs: number; processMs: number }> {
  const args = arm.specifier === undefined ? [probe] : [probe, arm.specifier];
  const started = process.hrtime.bigint();
  const { stdout } = await run(process.execPath, args, { cwd: packageDir, timeout: 30_000 });
  const processMs = Number(process.hrtime.bigint() - started) / 1e6;
  const parsed = JSON.parse(stdout) as { importMs: number };
  return { importMs: parsed.importMs, processMs };
}
