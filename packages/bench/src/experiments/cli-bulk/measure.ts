import { join } from "node:path";
import { listThenBatchCalls, runUnassignJob } from "@gong-flows/cli";
import { createGongFlowsClient, defaultOptions, gongLimits } from "@gong-flows/client";
import { generateAssignedFlows } from "@gong-flows/mock";
import { benchAuth, withBenchMock } from "../../lib/mock.js";
import { interleavedRounds, summarizeArms } from "../../lib/stats.js";
import { distinctProspects, measureMemory } from "./memory.js";

/**
 * 10,000 prospects with 1–3 flows each against the mock, Gong's limit scaled up to 100 calls/s so that
 * the job takes seconds (its bound: 200 calls, 2 s) and the naive per-prospect loop (10,000 calls) under
 * two minutes; 5 rounds of the job; then the memory run on 100,000 prospects (0 skips it).
 */
export const cliBulkSettings = { prospects: 10_000, requestsPerSecond: 100, rounds: 5, memoryProspects: 100_000 };
type Settings = typeof cliBulkSettings;

export type CliBulkResult = Awaited<ReturnType<typeof measureCliBulk>>;

/**
 * Prospects with 1, 2, 3, 1, 2, 3, … flows behind the mock at its limit; the CLI's job and the naive loop
 * interleaved, the mock reset before each run; then the memory runs. The bound: list plus unassign calls.
 */
export async function measureCliBulk(log: (message: string) => void, options: Settings = cliBulkSettings) {
  const flows = generateAssignedFlows({ prospects: options.prospects, flowsPerProspect: [1, 3] });
  const prospects = distinctProspects(flows);
  const { listBatchSize } = defaultOptions;
  const calls = listThenBatchCalls(prospects.length, flows.length, listBatchSize);
  const bound = { calls, seconds: calls / options.requestsPerSecond };
  const arms = await withBenchMock(flows, options.requestsPerSecond, async (mock, dir) => {
    const arms = cliBulkArms(prospects, mock.url, options.requestsPerSecond, dir);
    const samples = await interleavedRounds(arms, options.rounds, async (arm, round) => {
      if (arm.maxRounds !== undefined && round >= arm.maxRounds) return undefined;
      await mock.reset();
      const started = performance.now();
      await arm.run(round);
      const seconds = (performance.now() - started) / 1000;
      const stats = await mock.stats();
      const rateLimited = stats.statuses["429"] ?? 0;
      log(
        `round ${round + 1}/${options.rounds} ${arm.id}: ${seconds.toFixed(2)} s, ${stats.calls.total} calls, ${rateLimited} × 429`,
      );
      return {
        calls: stats.calls.total,
        seconds,
        ratioToBound: seconds / bound.seconds,
        rateLimited,
        stillAssigned: stats.flowInstances.assigned,
        // Ids sent to unassign-by-instance-id that were already unassigned (0: nothing sent twice).
        alreadyUnassignedIdsSent: stats.alreadyUnassignedIdsSent,
      };
    });
    return summarizeArms(arms, samples);
  });
  const memory = options.memoryProspects > 0 ? await measureMemory(options.memoryProspects, log) : [];
  const { requestsPerSecond } = options;
  return {
    prospects: prospects.length,
    flowInstances: flows.length,
    requestsPerSecond,
    listBatchSize,
    bound,
    arms,
    memory,
  };
}

/**
 * The CLI's job (`runUnassignJob`: journal on disk, verification of unconfirmed ids included) and the
 * naive loop a user writes first (`unassignByCrmProspectId` per prospect), through the same client and
 * limit; the naive loop runs once: it takes minutes and the limit sets its figures.
 */
function cliBulkArms(prospects: readonly string[], baseUrl: string, requestsPerSecond: number, dir: string) {
  const client = { baseUrl, auth: benchAuth, rateLimit: { requestsPerSecond } };
  const entries = prospects.map((id, index) => ({ id, line: index + 1 }));
  const { listBatchSize } = defaultOptions;
  const job = async (round: number) => {
    const journalPath = join(dir, `round-${round}.journal.jsonl`);
    const input = { mode: "prospects" as const, entries, file: "bench-prospects" };
    const result = await runUnassignJob({ input, client, listBatchSize, journalPath, dailyBudget: 1_000_000 });
    if (result.exitCode !== 0)
      throw new Error(`the CLI's job ended with exit ${result.exitCode}: ${result.stoppedBecause ?? "see its report"}`);
  };
  const naive = async () => {
    const gong = createGongFlowsClient(client);
    for (const crmProspectId of prospects) await gong.unassignByCrmProspectId({ crmProspectId });
  };
  return [
    {
      id: "cli" as const,
      label: `\`gong-flows unassign\` (\`runUnassignJob\`): list ${listBatchSize} per call, unassign ${gongLimits.unassignIdsPerRequest} per call, journaled`,
      run: job,
      maxRounds: undefined,
    },
    {
      id: "naive" as const,
      label: "naive loop: `unassignByCrmProspectId` per prospect, same client and limit",
      run: naive,
      maxRounds: 1,
    },
  ];
}
