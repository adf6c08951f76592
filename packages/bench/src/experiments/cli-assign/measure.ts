import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { AssignReport } from "@gong-flows/cli";
import { defaultOptions, gongLimits } from "@gong-flows/client";
import { defaultFlows, type GongMockCrmProspect } from "@gong-flows/mock";
import { type BenchMock, runCliAgainst, withBenchMock } from "../../lib/mock.js";
import { repoRoot } from "../../lib/paths.js";
import { summarizeEach } from "../../lib/stats.js";

/** The built `gong-flows` command, run as a user runs it: a process of its own. */
const gongFlowsBin = join(repoRoot, "packages/cli/bin/gong-flows.js");

/**
 * 10,000 prospects assigned to one flow of the mock's default data set by `gong-flows assign`, at Gong's
 * own limit of 3 calls/s (the mock and the client both): about 201 calls, a little over a minute a
 * round; two rounds. `owner` owns the instances, and `--flow` is looked up among their flows.
 */
export const cliAssignSettings = {
  prospects: 10_000,
  requestsPerSecond: gongLimits.callsPerSecond as number,
  rounds: 2,
  flowName: "Event Follow-up",
  owner: "test@test.com",
};
type Settings = typeof cliAssignSettings;

export type CliAssignResult = Awaited<ReturnType<typeof measureCliAssign>>;

/**
 * The calls the command cannot do without — one page of flows to resolve `--flow`, `ceil(prospects /
 * listBatchSize)` list calls, `ceil(prospects / 100)` assign calls — and those calls at `requestsPerSecond`.
 */
export function assignBound(prospects: number, requestsPerSecond: number) {
  const flowLookup = 1;
  const list = Math.ceil(prospects / defaultOptions.listBatchSize);
  const assign = Math.ceil(prospects / gongLimits.assignProspectsPerRequest);
  const calls = flowLookup + list + assign;
  return { flowLookup, list, assign, calls, seconds: calls / requestsPerSecond };
}

/**
 * `gong-flows assign --flow NAME --yes` on prospects in no flow, round by round on a fresh mock: the calls
 * it made, its wall time against the bound, and, from its report and the mock, every prospect in the flow once.
 */
export async function measureCliAssign(log: (message: string) => void, options: Settings = cliAssignSettings) {
  const flow = defaultFlows.find((candidate) => candidate.name === options.flowName);
  if (flow?.id === undefined) throw new Error(`the mock's default data set has no flow named ${options.flowName}`);
  const prospects = Array.from({ length: options.prospects }, (_, i) => `bench-lead-${String(i + 1).padStart(5, "0")}`);
  const crmProspects: GongMockCrmProspect[] = prospects.map((crmId) => ({ crmId, email: `${crmId}@example.com` }));
  const bound = assignBound(options.prospects, options.requestsPerSecond);
  const runs = await withBenchMock(
    { flows: defaultFlows, crmProspects },
    options.requestsPerSecond,
    async (mock, dir) => {
      const prospectFile = join(dir, "prospects.txt");
      await writeFile(prospectFile, `${prospects.join("\n")}\n`);
      const runs = [];
      for (let round = 0; round < options.rounds; round++) {
        await mock.reset();
        const run = await assignRound(mock, { ...options, flowId: flow.id!, prospectFile, dir, round });
        log(
          `round ${round + 1}/${options.rounds}: ${run.seconds.toFixed(1)} s, ${run.calls} calls (${run.listCalls} list, ${run.assignCalls} assign), ${run.rateLimited} × 429`,
        );
        runs.push({ ...run, ratioToBound: run.seconds / bound.seconds });
      }
      return runs;
    },
  );
  return {
    prospects: options.prospects,
    requestsPerSecond: options.requestsPerSecond,
    listBatchSize: defaultOptions.listBatchSize,
    assignBatchSize: gongLimits.assignProspectsPerRequest,
    flow: { id: flow.id, name: options.flowName },
    bound,
    figures: { rounds: runs.length, ...summarizeEach(runs) },
  };
}

/** One run of the command on a fresh mock; throws unless it exits 0 with a report. */
async function assignRound(
  mock: BenchMock,
  setup: Settings & { flowId: string; prospectFile: string; dir: string; round: number },
) {
  const reportPath = join(setup.dir, `round-${setup.round}.report.json`);
  const args = ["assign", "--prospects", setup.prospectFile, "--flow", setup.flowName, "--owner", setup.owner];
  const more = ["--rps", String(setup.requestsPerSecond), "--report", reportPath, "--yes", "--no-progress"];
  const { seconds } = await runCliAgainst(mock, gongFlowsBin, [...args, ...more], setup.dir);
  const report = JSON.parse(await readFile(reportPath, "utf8")) as AssignReport;
  const stats = await mock.stats();
  const instances = (await mock.flowInstances()).filter(
    (record) => record.assigned && record.assignedFlow.flowId === setup.flowId,
  );
  const inFlow = new Set(instances.map((record) => record.assignedFlow.crmProspectId)).size;
  const { alreadyInFlow, notAssigned, unconfirmed, unprocessed } = report;
  return {
    calls: stats.calls.total,
    listFlowsCalls: stats.calls.listFlows,
    listCalls: stats.calls.listAssignedFlows,
    assignCalls: stats.calls.assignProspects,
    rateLimited: stats.statuses["429"] ?? 0,
    seconds,
    reportedAssigned: report.assigned.length,
    // Prospects the report lists anywhere else: already in the flow, not assigned, unconfirmed, unprocessed.
    reportedOther: alreadyInFlow.length + notAssigned.length + unconfirmed.length + unprocessed.length,
    // Prospects with an open instance of the flow at the mock afterwards, and instances beyond one each.
    inFlow,
    assignedTwice: instances.length - inFlow,
  };
}
