import { join } from "node:path";
import { listThenBatchCalls, runUnassignJob } from "@gong-flows/cli";
import { createGongFlowsClient, defaultOptions, gongLimits } from "@gong-flows/client";
import { generateAssignedFlows } from "@gong-flows/mock";
import { scratchDir } from "@gong-flows/testkit";
import { type BenchMock, startBenchMock } from "../../lib/mock.js";
import { auth, type CliMemoryFigures, distinctProspects, measureMemory } from "./memory.js";
import { interleavedRounds, type Summary, summarizeEach } from "../../lib/stats.js";

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
  let mock: BenchMock | undefined;
  try {
    const flows = generateAssignedFlows({ prospects: options.prospects, flowsPerProspect: [1, 3] });
    const prospects = distinctProspects(flows);
    mock = await startBenchMock(flows, scratch.path, "flows", options.requestsPerSecond);
    const listBatchSize = defaultOptions.listBatchSize;
    const boundCalls = listThenBatchCalls(prospects.length, flows.length, listBatchSize);
    const boundSeconds = boundCalls / options.requestsPerSecond;
    const arms = cliBulkArms(prospects, mock.url, options.requestsPerSecond, scratch.path);
    const server = mock;
    const samples = await interleavedRounds(arms, options.rounds, async (arm, round) => {
      if (arm.maxRounds !== undefined && round >= arm.maxRounds) return undefined;
      await server.reset();
      const started = performance.now();
      await arm.run(round);
      const seconds = (performance.now() - started) / 1000;
      const stats = await server.stats();
      const rateLimited = stats.statuses["429"] ?? 0;
      log(
        `round ${round + 1}/${options.rounds} ${arm.id}: ${seconds.toFixed(2)} s, ${stats.calls.total} calls, ${rateLimited} × 429`,
      );
      return {
        calls: stats.calls.total,
        seconds,
        ratioToBound: seconds / boundSeconds,
        rateLimited,
        stillAssigned: stats.flowInstances.assigned,
        alreadyUnassignedIdsSent: stats.alreadyUnassignedIdsSent,
      };
    });
    await mock.stop();
    mock = undefined;
    const memory = options.memoryProspects > 0 ? await measureMemory(options.memoryProspects, scratch.path, log) : [];
    return {
      prospects: prospects.length,
      flowInstances: flows.length,
      requestsPerSecond: options.requestsPerSecond,
      listBatchSize,
      bound: { calls: boundCalls, seconds: boundSeconds },
      arms: arms.map((arm) => {
        const runs = samples.get(arm) ?? [];
        return { id: arm.id, label: arm.label, rounds: runs.length, ...summarizeEach(runs) };
      }),
      memory,
    };
  } finally {
    await mock?.stop();
    await scratch.remove();
  }
}

interface Arm {
  id: CliBulkArmFigures["id"];
  label: string;
  maxRounds?: number;
  run: (round: number) => Promise<void>;
}

/**
 * The CLI's job (journal on disk, verification of unconfirmed ids included) and the naive loop a user
 * writes first, through the same client and limit; the naive loop runs once: the limit sets its figures.
 */
function cliBulkArms(prospects: readonly string[], baseUrl: string, requestsPerSecond: number, dir: string): Arm[] {
  const client = { baseUrl, auth, rateLimit: { requestsPerSecond } };
  const entries = prospects.map((id, index) => ({ id, line: index + 1 }));
  const { listBatchSize } = defaultOptions;
  return [
    {
      id: "cli",
      label: `\`gong-flows unassign\` (\`runUnassignJob\`): list ${listBatchSize} per call, unassign ${gongLimits.unassignIdsPerRequest} per call, journaled`,
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
}
