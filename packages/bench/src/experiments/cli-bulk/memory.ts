import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type AssignedFlow, defaultOptions } from "@gong-flows/client";
import { generateAssignedFlows } from "@gong-flows/mock";
import { runCliAgainst, withBenchMock } from "../../lib/mock.js";
import { distEntry } from "../../lib/paths.js";

export const distinctProspects = (flows: readonly AssignedFlow[]): string[] => [
  ...new Set(flows.map((flow) => flow.crmProspectId!)),
];

/** The heap cap of the second memory run: roomy for 100,000 prospects, whose live set is about 50 MB. */
export const cappedNodeOptions = "--max-old-space-size=128";

/**
 * The real `gong-flows unassign` on `prospectCount` prospects against a mock with no limit, in the memory
 * probe's process: twice, with Node's defaults (V8 lets the heap grow to several times its live set
 * between full collections) and with the old generation capped, which keeps the peak near the live set.
 */
export async function measureMemory(prospectCount: number, log: (message: string) => void) {
  const flows = generateAssignedFlows({ prospects: prospectCount, flowsPerProspect: [1, 3] });
  const prospects = distinctProspects(flows);
  log(`memory: ${prospects.length} prospects, ${flows.length} flow instances; starting the mock`);
  return withBenchMock(flows, 0, async (mock, dir) => {
    const prospectFile = join(dir, "memory-prospects.txt");
    await writeFile(prospectFile, `${prospects.join("\n")}\n`);
    const runs = [];
    for (const [index, nodeOptions] of ["", cappedNodeOptions].entries()) {
      await mock.reset();
      const args = ["unassign", "--prospects", prospectFile, "--yes", "--rps", "0", "--no-progress"];
      const report = ["--daily-budget", "1000000", "--report", join(dir, `memory-${index}.report.json`)];
      const probe = distEntry("experiments/cli-bulk/memory-probe.js");
      const outcome = await runCliAgainst(mock, probe, [...args, ...report], dir, nodeOptions);
      const peak = JSON.parse(outcome.stderr.trim().split("\n").at(-1) ?? "{}") as {
        maxRssKiB?: number;
        peakHeapUsed?: number;
      };
      const calls = (await mock.stats()).calls.total;
      // Each run is a whole job of its own (its own journal): anything less would not measure the job.
      if (peak.maxRssKiB === undefined || calls < Math.ceil(prospects.length / defaultOptions.listBatchSize))
        throw new Error(
          `the memory run made ${calls} calls and reported no peak:\n${outcome.stdout}\n${outcome.stderr}`,
        );
      const { seconds } = outcome;
      const peakRssMiB = peak.maxRssKiB / 1024;
      log(
        `memory${nodeOptions && ` (${nodeOptions})`}: ${seconds.toFixed(1)} s, peak RSS ${peakRssMiB.toFixed(0)} MiB`,
      );
      runs.push({
        nodeOptions, // "": Node's defaults
        prospects: prospects.length,
        flowInstances: flows.length,
        peakRssMiB,
        peakHeapUsedMiB: (peak.peakHeapUsed ?? 0) / 2 ** 20,
        seconds,
        calls,
        exitCode: outcome.code,
      });
    }
    return runs;
  });
}
