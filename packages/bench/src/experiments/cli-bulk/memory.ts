import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { defaultOptions } from "@gong-flows/client";
import { generateAssignedFlows } from "@gong-flows/mock";
import { runProcess } from "@gong-flows/testkit";
import { startBenchMock } from "../../lib/mock.js";
import { distEntry } from "../../lib/paths.js";
import type { AssignedFlow } from "@gong-flows/client";

/** The memory probe: runs the `gong-flows` command line in-process and reports its peak memory. */
const memoryProbe = distEntry("experiments/cli-bulk/memory-probe.js");

/** The credentials the bench sends; the mock takes any well-formed ones. */
export const auth = { accessKey: "bench-key", accessKeySecret: "bench-secret" };

/** Peak memory of the CLI on a large job, measured in a process of its own. */
export interface CliMemoryFigures {
  /** `NODE_OPTIONS` of the run (`""`: Node's defaults). */
  nodeOptions: string;
  prospects: number;
  flowInstances: number;
  /** Peak resident set size of the CLI's process (`process.resourceUsage().maxRSS`), MiB. */
  peakRssMiB: number;
  /** Largest V8 heap in use seen while it ran (sampled every 50 ms), MiB. */
  peakHeapUsedMiB: number;
  seconds: number;
  calls: number;
  exitCode: number | null;
}

/** The heap cap of the second memory run: roomy for 100,000 prospects, whose live set is about 50 MB. */
export const cappedNodeOptions = "--max-old-space-size=128";

/**
 * The CLI on `prospects` prospects (two flows each on average) against a mock with no rate limit, in
 * a process of its own so that its peak memory is its own: the real command line, reading a prospect
 * file, planning, journaling, unassigning and writing the report. Twice: with Node's defaults, under
 * which V8 lets the heap grow to several times its live set between full collections, and with the
 * old generation capped by `NODE_OPTIONS`, which keeps the peak near the live set.
 */
export async function measureMemory(
  prospectCount: number,
  dir: string,
  log: (message: string) => void,
): Promise<CliMemoryFigures[]> {
  const flows = generateAssignedFlows({ prospects: prospectCount, flowsPerProspect: [1, 3] });
  const prospects = distinctProspects(flows);
  const prospectFile = join(dir, "memory-prospects.txt");
  await writeFile(prospectFile, `${prospects.join("\n")}\n`);
  const flowInstances = flows.length;
  log(`memory: ${prospects.length} prospects, ${flowInstances} flow instances; starting the mock`);
  const mock = await startBenchMock(flows, dir, "memory-flows", 0);
  const runs: CliMemoryFigures[] = [];
  try {
    for (const [index, nodeOptions] of ["", cappedNodeOptions].entries()) {
      await mock.reset();
      const started = performance.now();
      const outcome = await runProcess(
        process.execPath,
        [
          memoryProbe,
          "unassign",
          "--prospects",
          prospectFile,
          "--yes",
          "--rps",
          "0",
          "--no-progress",
          "--daily-budget",
          "1000000",
          "--report",
          join(dir, `memory-${index}.report.json`),
        ],
        {
          cwd: dir,
          env: {
            PATH: process.env["PATH"],
            GONG_BASE_URL: mock.url,
            GONG_ACCESS_KEY: auth.accessKey,
            GONG_ACCESS_KEY_SECRET: auth.accessKeySecret,
            ...(nodeOptions === "" ? {} : { NODE_OPTIONS: nodeOptions }),
          },
          timeoutMs: 600_000,
        },
      );
      const seconds = (performance.now() - started) / 1000;
      const probe = JSON.parse(outcome.stderr.trim().split("\n").at(-1) ?? "{}") as {
        maxRssKiB?: number;
        peakHeapUsed?: number;
      };
      const stats = await mock.stats();
      // Each run is a whole job of its own (its own journal): anything less would not measure the job.
      if (
        outcome.code !== 0 ||
        probe.maxRssKiB === undefined ||
        stats.calls.total < Math.ceil(prospects.length / defaultOptions.listBatchSize)
      ) {
        throw new Error(
          `the memory run ended with ${outcome.code ?? outcome.signal}:\n${outcome.stdout}\n${outcome.stderr}`,
        );
      }
      log(
        `memory${nodeOptions === "" ? "" : ` (${nodeOptions})`}: ${seconds.toFixed(1)} s, peak RSS ${(probe.maxRssKiB / 1024).toFixed(0)} MiB`,
      );
      runs.push({
        nodeOptions,
        prospects: prospects.length,
        flowInstances,
        peakRssMiB: probe.maxRssKiB / 1024,
        peakHeapUsedMiB: (probe.peakHeapUsed ?? 0) / 2 ** 20,
        seconds,
        calls: stats.calls.total,
        exitCode: outcome.code,
      });
    }
    return runs;
  } finally {
    await mock.stop();
  }
}

export function distinctProspects(flows: readonly AssignedFlow[]): string[] {
  return [...new Set(flows.map((flow) => flow.crmProspectId!))];
}
