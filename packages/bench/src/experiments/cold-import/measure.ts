import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { distEntry, packageDir } from "../../lib/paths.js";
import { interleavedRounds, paired, summarize } from "../../lib/stats.js";

const run = promisify(execFile);
const probe = distEntry("experiments/cold-import/import-probe.js");

/** One module imported in fresh processes; `specifier` undefined for the empty baseline. */
export interface ColdImportArm {
  id: string;
  label: string;
  specifier: string | undefined;
}

export type ColdImportResult = Awaited<ReturnType<typeof measureColdImport>>;

/**
 * Starts one fresh `node` per arm per round (interleaved, rotating order) that imports the arm's module:
 * the `import()` time inside, the process's whole life (spawn to exit) outside, and that life above the
 * empty baseline's in the same round (the first arm). Modules resolve from this package, as in a user's project.
 */
export async function measureColdImport(arms: readonly ColdImportArm[], rounds: number, log: (m: string) => void) {
  const baseline = arms[0];
  if (!baseline || baseline.specifier !== undefined) throw new Error("the first arm must be the empty baseline");
  // One unmeasured pass: the first process after a while pays for cold disk caches.
  for (const arm of arms) await probeOnce(arm);
  const samples = await interleavedRounds(arms, rounds, probeOnce, (round) => {
    if ((round + 1) % 5 === 0) log(`round ${round + 1}/${rounds}`);
  });
  const processMs = (arm: ColdImportArm) => samples.get(arm)!.map((sample) => sample.processMs);
  const figures = arms.map((arm) => ({
    id: arm.id,
    label: arm.label,
    importMs: summarize(samples.get(arm)!.map((sample) => sample.importMs)),
    processMs: summarize(processMs(arm)),
    processAboveBaselineMs: paired(processMs(arm), processMs(baseline), (a, b) => a - b),
  }));
  return { rounds, arms: figures };
}

async function probeOnce(arm: ColdImportArm): Promise<{ importMs: number; processMs: number }> {
  const started = process.hrtime.bigint();
  const { stdout } = await run(process.execPath, [probe, ...(arm.specifier ? [arm.specifier] : [])], {
    cwd: packageDir,
    timeout: 30_000,
  });
  const processMs = Number(process.hrtime.bigint() - started) / 1e6;
  return { importMs: (JSON.parse(stdout) as { importMs: number }).importMs, processMs };
}
