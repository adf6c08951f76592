import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type AssignedFlow, defaultOptions } from "@gong-flows/client";
import { generateAssignedFlows } from "@gong-flows/mock";
import { runProcess } from "@gong-flows/testkit";
import { benchAuth, withBenchMock } from "../../lib/mock.js";
import { distEntry } from "../../lib/paths.js";

export const distinctProspects = (flows: readonly AssignedFlow[]): string[] => [
  ...new Set(flows.map((flow) => flow.crmProspectId!)),
];

/** The heap cap of the second memory run: roomy for 100,000 prospects, whose live set is about 50 MB. */
export const cappedNodeOptions = "--max-old-space-size=128";

/**
 * `gong-flows unassign` on `prospectCount` prospects (two flows each on average) against a mock with no
 * rate limit, in a process of its own so that its peak memory is its own (the memory probe reports it):
 * the real command line, reading a prospect file, planning, journaling, unassigning, writing the report.
 * Twice: with Node's defaults, under which V8 lets the heap grow to several times its live set between
 * full collections, and with the old generation capped, which keeps the peak near the live set.
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
      const started = performance.now();
      const args = ["unassign", "--prospects", prospectFile, "--yes", "--rps", "0", "--no-progress"];
      const report = ["--daily-budget", "1000000", "--report", join(dir, `memory-${index}.report.json`)];
      const env = {
        PATH: process.env["PATH"],
        GONG_BASE_URL: mock.url,
        GONG_ACCESS_KEY: benchAuth.accessKey,
        GONG_ACCESS_KEY_SECRET: benchAuth.accessKeySecret,
        ...(nodeOptions === "" ? {} : { NODE_OPTIONS: nodeOptions }),
      };
      const probe = distEntry("experiments/cli-bulk/memory-probe.js");
      const outcome = await runProcess(process.execPath, [probe, ...args, ...report], {
        cwd: dir,
        env,
        timeoutMs: 600_000,
      });
      const seconds = (performance.now() - started) / 1000;
      const peak = JSON.parse(outcome.stderr.trim().split("\n").at(-1) ?? "{}") as {
        maxRssKiB?: number;
        peakHeapUsed?: number;
      };
      const calls = (await mock.stats()).calls.total;
      // Each run is a whole job of its own (its own journal): anything less would not measure the job.
      if (
        outcome.code !== 0 ||
        peak.maxRssKiB === undefined ||
        calls < Math.ceil(prospects.length / defaultOptions.listBatchSize)
      )
        throw new Error(
          `the memory run ended with ${outcome.code ?? outcome.signal}:\n${outcome.stdout}\n${outcome.stderr}`,
        );
      const peakRssMiB = peak.maxRssKiB / 1024;
      log(
        `memory${nodeOptions === "" ? "" : ` (${nodeOptions})`}: ${seconds.toFixed(1)} s, peak RSS ${peakRssMiB.toFixed(0)} MiB`,
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
