import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { listThenBatchCalls, runUnassignJob } from "@gong-flows/cli";
import { createGongFlowsClient, defaultOptions, gongLimits, type AssignedFlow } from "@gong-flows/client";
import { generateAssignedFlows } from "@gong-flows/mock";
import { runProcess, scratchDir, startMockProcess, type MockProcess } from "@gong-flows/testkit";
import { interleavedRounds, summarize, type Summary } from "./stats.js";

/** The credentials the bench sends; the mock takes any well-formed ones. */
const auth = { accessKey: "bench-key", accessKeySecret: "bench-secret" };

/** What the mock's admin route says. */
interface MockStats {
  calls: {
    listAssignedFlows: number;
    unassignFlowsByCrmProspectId: number;
    unassignFlowsByFlowInstanceIds: number;
    total: number;
  };
  statuses: Record<string, number>;
  flowInstances: { assigned: number; unassigned: number };
  alreadyUnassignedIdsSent: number;
}

/** One arm's figures over its rounds. */
export interface CliBulkArmFigures {
  id: "cli" | "naive";
  label: string;
  rounds: number;
  /** Calls the mock received (429s included). */
  calls: Summary;
  seconds: Summary;
  /** Wall time as a multiple of the bound's. */
  ratioToBound: Summary;
  /** 429 answers the mock gave. */
  rateLimited: Summary;
  /** Flow instances still assigned at the end (0 when the arm did the whole job). */
  stillAssigned: Summary;
  /** Ids sent to unassign-by-instance-id that were already unassigned (0: nothing sent twice). */
  alreadyUnassignedIdsSent: Summary;
}

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

/** Result of {@link measureCliBulk}. */
export interface CliBulkResult {
  prospects: number;
  flowInstances: number;
  requestsPerSecond: number;
  listBatchSize: number;
  /** `ceil(prospects / listBatchSize) + ceil(instances / 200)` calls, and those calls at the rate limit. */
  bound: { calls: number; seconds: number };
  arms: CliBulkArmFigures[];
  /** The memory runs: with Node's defaults, then with the old generation capped. */
  memory: CliMemoryFigures[];
}

/** Options of {@link measureCliBulk}. */
export interface CliBulkOptions {
  prospects: number;
  requestsPerSecond: number;
  rounds: number;
  /** Prospects of the memory run (its own mock, no rate limit); 0 skips it. */
  memoryProspects: number;
  onProgress?: (message: string) => void;
}

/** The memory probe: runs the `gong-flows` command line in-process and reports its peak memory. */
const memoryProbe = fileURLToPath(new URL("./cli-memory-probe.js", import.meta.url));

/**
 * `prospects` prospects with 1, 2, 3, 1, 2, 3, … flows each (two on average) behind the mock as its
 * own process, limited to `requestsPerSecond` like Gong is to 3; then, interleaved round by round,
 * the CLI's job (`runUnassignJob`, journal on disk, verification of unconfirmed ids included) and the
 * naive loop a user writes first (`unassignByCrmProspectId` per prospect, through the same client and
 * limit; one round: it takes minutes and its figures do not vary). The mock is reset between runs.
 */
export async function measureCliBulk(options: CliBulkOptions): Promise<CliBulkResult> {
  const log = options.onProgress ?? (() => {});
  const scratch = await scratchDir("gong-flows-bench-cli-");
  const dir = scratch.path;
  let mock: MockProcess | undefined;
  try {
    const flows = generateAssignedFlows({ prospects: options.prospects, flowsPerProspect: [1, 3] });
    const prospects = distinctProspects(flows);
    const dataFile = join(dir, "flows.json");
    await writeFile(dataFile, JSON.stringify({ assignedFlows: flows }));
    mock = await startMockProcess({
      args: ["--data", dataFile, "--rps", String(options.requestsPerSecond), "--daily-quota", "0"],
    });
    const baseUrl = mock.url;
    const listBatchSize = defaultOptions.listBatchSize;
    const boundCalls = listThenBatchCalls(prospects.length, flows.length, listBatchSize);
    const boundSeconds = boundCalls / options.requestsPerSecond;
    const client = { baseUrl, auth, rateLimit: { requestsPerSecond: options.requestsPerSecond } };
    const entries = prospects.map((id, index) => ({ id, line: index + 1 }));

    type Arm = {
      id: CliBulkArmFigures["id"];
      label: string;
      maxRounds?: number;
      run: (round: number) => Promise<void>;
    };
    const arms: Arm[] = [
      {
        id: "cli",
        label: `\`gong-flows unassign\` (\`runUnassignJob\`): list ${defaultOptions.listBatchSize} per call, unassign ${gongLimits.unassignIdsPerRequest} per call, journaled`,
        run: async (round) => {
          const result = await runUnassignJob({
            input: { mode: "prospects", entries, file: "bench-prospects" },
            client,
            listBatchSize,
            journalPath: join(dir, `round-${round}.journal.jsonl`),
            dailyBudget: 1_000_000,
          });
          if (result.exitCode !== 0)
            throw new Error(
              `the CLI's job ended with exit ${result.exitCode}: ${result.stoppedBecause ?? "see its report"}`,
            );
        },
      },
      {
        id: "naive",
        label: "naive loop: `unassignByCrmProspectId` per prospect, same client and limit",
        maxRounds: 1,
        run: async () => {
          const gong = createGongFlowsClient(client);
          for (const crmProspectId of prospects) await gong.unassignByCrmProspectId({ crmProspectId });
        },
      },
    ];
    const samples = await interleavedRounds(arms, options.rounds, async (arm, round) => {
      if (arm.maxRounds !== undefined && round >= arm.maxRounds) return undefined;
      await admin(baseUrl, "POST", "reset");
      const started = performance.now();
      await arm.run(round);
      const seconds = (performance.now() - started) / 1000;
      const stats = (await admin(baseUrl, "GET", "stats")) as MockStats;
      log(
        `round ${round + 1}/${options.rounds} ${arm.id}: ${seconds.toFixed(2)} s, ${stats.calls.total} calls, ${stats.statuses["429"] ?? 0} × 429`,
      );
      return {
        calls: stats.calls.total,
        seconds,
        ratioToBound: seconds / boundSeconds,
        rateLimited: stats.statuses["429"] ?? 0,
        stillAssigned: stats.flowInstances.assigned,
        alreadyUnassignedIdsSent: stats.alreadyUnassignedIdsSent,
      };
    });
    await mock.stop();
    mock = undefined;

    const memory = options.memoryProspects > 0 ? await measureMemory(options.memoryProspects, dir, log) : [];
    return {
      prospects: prospects.length,
      flowInstances: flows.length,
      requestsPerSecond: options.requestsPerSecond,
      listBatchSize,
      bound: { calls: boundCalls, seconds: boundSeconds },
      arms: arms.map((arm) => {
        const runs = samples.get(arm)!;
        const of = (figure: (run: (typeof runs)[number]) => number) => summarize(runs.map(figure));
        return {
          id: arm.id,
          label: arm.label,
          rounds: runs.length,
          calls: of((r) => r.calls),
          seconds: of((r) => r.seconds),
          ratioToBound: of((r) => r.ratioToBound),
          rateLimited: of((r) => r.rateLimited),
          stillAssigned: of((r) => r.stillAssigned),
          alreadyUnassignedIdsSent: of((r) => r.alreadyUnassignedIdsSent),
        };
      }),
      memory,
    };
  } finally {
    await mock?.stop();
    await scratch.remove();
  }
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
async function measureMemory(
  prospectCount: number,
  dir: string,
  log: (message: string) => void,
): Promise<CliMemoryFigures[]> {
  const flows = generateAssignedFlows({ prospects: prospectCount, flowsPerProspect: [1, 3] });
  const prospects = distinctProspects(flows);
  const dataFile = join(dir, "memory-flows.json");
  const prospectFile = join(dir, "memory-prospects.txt");
  await writeFile(dataFile, JSON.stringify({ assignedFlows: flows }));
  await writeFile(prospectFile, `${prospects.join("\n")}\n`);
  const flowInstances = flows.length;
  log(`memory: ${prospects.length} prospects, ${flowInstances} flow instances; starting the mock`);
  const mock = await startMockProcess({
    args: ["--data", dataFile, "--rps", "0", "--daily-quota", "0"],
    startTimeoutMs: 120_000,
  });
  const runs: CliMemoryFigures[] = [];
  try {
    for (const [index, nodeOptions] of ["", cappedNodeOptions].entries()) {
      await admin(mock.url, "POST", "reset");
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
      const stats = (await admin(mock.url, "GET", "stats")) as MockStats;
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

function distinctProspects(flows: readonly AssignedFlow[]): string[] {
  return [...new Set(flows.map((flow) => flow.crmProspectId!))];
}

async function admin(baseUrl: string, method: "GET" | "POST", route: string): Promise<unknown> {
  const response = await fetch(`${baseUrl}/_mock/${route}`, { method });
  if (!response.ok) throw new Error(`${method} /_mock/${route} answered ${response.status}`);
  return response.status === 204 ? undefined : response.json();
}
