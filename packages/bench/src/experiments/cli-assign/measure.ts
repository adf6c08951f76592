import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { AssignReport } from "@gong-flows/cli";
import { defaultOptions, gongLimits } from "@gong-flows/client";
import { defaultFlows, type GongMockCrmProspect } from "@gong-flows/mock";
import { runProcess, scratchDir } from "@gong-flows/testkit";
import { type BenchMock, startBenchMock } from "../../lib/mock.js";
import { repoRoot } from "../../lib/paths.js";
import { type Summary, summarizeEach } from "../../lib/stats.js";

/** The built `gong-flows` command, run as a user runs it: a process of its own. */
const gongFlowsBin = join(repoRoot, "packages/cli/bin/gong-flows.js");
/** The credentials the bench sends; the mock takes any well-formed ones. */
const auth = { accessKey: "bench-key", accessKeySecret: "bench-secret" };

/** The calls the command cannot do without, and those calls at the rate limit. */
export interface CliAssignBound {
  /** Pages of the owner's flows read to resolve `--flow` (one: the mock's page holds them all). */
  flowLookup: number;
  /** The plan's listing: `ceil(prospects / listBatchSize)` list calls. */
  list: number;
  /** `ceil(prospects / 100)` assign calls. */
  assign: number;
  /** All of them. */
  calls: number;
  /** `calls / requestsPerSecond`. */
  seconds: number;
}

/** The figures of one run of the command, over the rounds. */
export interface CliAssignFigures {
  rounds: number;
  /** Calls the mock received, all operations, 429s included. */
  calls: Summary;
  /** Of them: `GET /v2/flows`, the list calls, the assign calls. */
  listFlowsCalls: Summary;
  listCalls: Summary;
  assignCalls: Summary;
  /** 429 answers the mock gave. */
  rateLimited: Summary;
  /** From starting the command's process to its exit. */
  seconds: Summary;
  /** `seconds` as a multiple of the bound's. */
  ratioToBound: Summary;
  /** Prospects the report lists as assigned. */
  reportedAssigned: Summary;
  /** Prospects the report lists anywhere else (not assigned, unconfirmed, unprocessed). */
  reportedOther: Summary;
  /** Prospects with an open instance of the flow at the mock afterwards. */
  inFlow: Summary;
  /** Instances of the flow beyond one per prospect (0: no prospect assigned twice). */
  assignedTwice: Summary;
}

/** Result of {@link measureCliAssign}. */
export interface CliAssignResult {
  prospects: number;
  requestsPerSecond: number;
  listBatchSize: number;
  assignBatchSize: number;
  flow: { id: string; name: string };
  bound: CliAssignBound;
  figures: CliAssignFigures;
}

/** Options of {@link measureCliAssign}. */
export interface CliAssignOptions {
  prospects: number;
  requestsPerSecond: number;
  rounds: number;
  /** The flow of the mock's default data set to assign the prospects to, by its exact name. */
  flowName: string;
  /** The Gong user who owns the instances (and among whose flows `--flow` is looked up). */
  owner: string;
  onProgress?: (message: string) => void;
}

/**
 * `prospects` CRM prospects in no flow behind `gong-flows-mock` (its own process, Gong's limit), then,
 * round by round with the mock reset between, `gong-flows assign --flow NAME --yes` on all of them in
 * a process of its own, through the client at the same limit: the calls the mock received, the wall
 * time against the bound, and, from the report and the mock, that every prospect is in the flow once.
 */
export async function measureCliAssign(options: CliAssignOptions): Promise<CliAssignResult> {
  const log = options.onProgress ?? (() => {});
  const flow = defaultFlows.find((candidate) => candidate.name === options.flowName);
  if (flow?.id === undefined) throw new Error(`the mock's default data set has no flow named ${options.flowName}`);
  const scratch = await scratchDir("gong-flows-bench-assign-");
  let mock: BenchMock | undefined;
  try {
    const prospects = Array.from(
      { length: options.prospects },
      (_, i) => `bench-lead-${String(i + 1).padStart(5, "0")}`,
    );
    const crmProspects: GongMockCrmProspect[] = prospects.map((crmId) => ({ crmId, email: `${crmId}@example.com` }));
    mock = await startBenchMock({ flows: defaultFlows, crmProspects }, scratch.path, "crm", options.requestsPerSecond);
    const prospectFile = join(scratch.path, "prospects.txt");
    await writeFile(prospectFile, `${prospects.join("\n")}\n`);
    const bound = assignBound(options.prospects, options.requestsPerSecond);
    const runs = [];
    for (let round = 0; round < options.rounds; round++) {
      await mock.reset();
      const run = await assignRound(mock, { ...options, flowId: flow.id, prospectFile, dir: scratch.path, round });
      log(
        `round ${round + 1}/${options.rounds}: ${run.seconds.toFixed(1)} s, ${run.calls} calls (${run.listCalls} list, ${run.assignCalls} assign), ${run.rateLimited} × 429`,
      );
      runs.push({ ...run, ratioToBound: run.seconds / bound.seconds });
    }
    return {
      prospects: options.prospects,
      requestsPerSecond: options.requestsPerSecond,
      listBatchSize: defaultOptions.listBatchSize,
      assignBatchSize: gongLimits.assignProspectsPerRequest,
      flow: { id: flow.id, name: options.flowName },
      bound,
      figures: { rounds: runs.length, ...summarizeEach(runs) },
    };
  } finally {
    await mock?.stop();
    await scratch.remove();
  }
}

/** The bound: one page of flows, the plan's listing, the assign calls; at `requestsPerSecond`. */
export function assignBound(prospects: number, requestsPerSecond: number): CliAssignBound {
  const flowLookup = 1;
  const list = Math.ceil(prospects / defaultOptions.listBatchSize);
  const assign = Math.ceil(prospects / gongLimits.assignProspectsPerRequest);
  const calls = flowLookup + list + assign;
  return { flowLookup, list, assign, calls, seconds: calls / requestsPerSecond };
}

interface RoundSetup extends CliAssignOptions {
  flowId: string;
  prospectFile: string;
  dir: string;
  round: number;
}

/** One run of the command on a fresh mock; throws unless it exits 0 with a report. */
async function assignRound(mock: BenchMock, setup: RoundSetup) {
  const reportPath = join(setup.dir, `round-${setup.round}.report.json`);
  const started = performance.now();
  const outcome = await runProcess(
    process.execPath,
    [
      gongFlowsBin,
      "assign",
      ...["--prospects", setup.prospectFile, "--flow", setup.flowName, "--owner", setup.owner],
      ...["--rps", String(setup.requestsPerSecond), "--report", reportPath, "--yes", "--no-progress"],
    ],
    {
      cwd: setup.dir,
      env: {
        PATH: process.env["PATH"],
        GONG_BASE_URL: mock.url,
        GONG_ACCESS_KEY: auth.accessKey,
        GONG_ACCESS_KEY_SECRET: auth.accessKeySecret,
      },
      timeoutMs: 600_000,
    },
  );
  const seconds = (performance.now() - started) / 1000;
  if (outcome.code !== 0)
    throw new Error(
      `gong-flows assign ended with ${outcome.code ?? outcome.signal}:\n${outcome.stdout}\n${outcome.stderr}`,
    );
  const report = JSON.parse(await readFile(reportPath, "utf8")) as AssignReport;
  const stats = await mock.stats();
  const instances = (await mock.flowInstances()).filter(
    (record) => record.assigned && record.assignedFlow.flowId === setup.flowId,
  );
  const inFlow = new Set(instances.map((record) => record.assignedFlow.crmProspectId)).size;
  return {
    calls: stats.calls.total,
    listFlowsCalls: stats.calls.listFlows,
    listCalls: stats.calls.listAssignedFlows,
    assignCalls: stats.calls.assignProspects,
    rateLimited: stats.statuses["429"] ?? 0,
    seconds,
    reportedAssigned: report.assigned.length,
    reportedOther:
      report.alreadyInFlow.length + report.notAssigned.length + report.unconfirmed.length + report.unprocessed.length,
    inFlow,
    assignedTwice: instances.length - inFlow,
  };
}
