import { open, rename, rm } from "node:fs/promises";
import { stringify } from "csv-stringify/sync";
import type { CallCounts, JobState } from "../journal/job-state.js";
import type { Strategy } from "../plan/cost.js";
import type { FlowFilter } from "../plan/filter.js";
import { FlowStatusGroups } from "../plan/flow-groups.js";

/** `--verify`: what is re-listed after the run. */
export type VerifyMode = "unconfirmed" | "all" | "none";

/**
 * The report of an unassign job (`--report FILE`). Every planned flow instance is in exactly one of
 * `unassigned`, `notUnassigned`, `unconfirmed` and `unprocessed`. A resumed run's report covers the
 * whole job: what every run of the same journal did.
 */
export interface UnassignReport {
  /** The name and version of the tool that wrote the report. */
  readonly tool: string;
  /** True for `--dry-run`: nothing was unassigned. */
  readonly dryRun: boolean;
  /** What the input file held: prospects' CRM ids or flow-instance ids. */
  readonly mode: "prospects" | "flow-instances";
  /** How the job unassigned (see `Strategy`). */
  readonly strategy: Strategy;
  /** `--flow` and `--status`: which flow instances were planned. */
  readonly filter: FlowFilter;
  /** The journal's path; undefined for a dry run. */
  readonly journal: string | undefined;
  /** Runs of the journal so far, this one included. */
  readonly runs: number;
  /** When the job's first run started (ISO 8601), as its journal recorded it; undefined when unknown. */
  readonly startedAt: string | undefined;
  /** When this run ended (ISO 8601). */
  readonly finishedAt: string;
  /** Distinct prospects in the input (prospect mode); 0 for a flow-instance file. */
  readonly prospects: number;
  /** Prospects found in at least one flow. */
  readonly prospectsInFlows: number;
  /** Flow instances planned for removal. */
  readonly flowInstancesPlanned: number;
  /** Removed: Gong returned them, or a listing shows them no longer assigned. */
  readonly unassigned: readonly string[];
  /**
   * Gong answered and kept them assigned, or a final listing shows them still assigned. After a request
   * that may have removed them unseen, a listing, never an answer alone, puts an instance here.
   */
  readonly notUnassigned: readonly string[];
  /** May or may not have been removed (an answer was lost and listing could not settle it). */
  readonly unconfirmed: readonly string[];
  /** Not sent, or refused before Gong acted (a 4xx). Safe to send again. */
  readonly unprocessed: readonly string[];
  /** Prospects never listed (list-then-batch) or never called (by-crm-id): their flows are not in the plan. */
  readonly prospectsUnprocessed: readonly string[];
  /** by-crm-id: prospects whose call may have removed more flows than it returned, not settled by listing. */
  readonly prospectsUnconfirmed: readonly string[];
  /**
   * Prospects listed whose flows put nothing in the plan: in no flow at all, or in none that `--flow`
   * and `--status` match. (Tells "not in any flow" from "forgotten".)
   */
  readonly prospectsMatchingNoFlow: readonly string[];
  /**
   * Flow instances a listing named for prospects the input does not name (another form of an id, a
   * merged CRM record, a proxy): not planned, not touched.
   */
  readonly flowInstancesOutsideInput: readonly {
    readonly flowInstanceId: string;
    readonly crmProspectId: string | undefined;
  }[];
  /** Flow instances matching the filter that a later listing found but the plan did not have (assigned meanwhile). Not touched. */
  readonly assignedDuringRun: readonly string[];
  /** Instances Gong returned as removed but a later listing still showed (they are in `notUnassigned`). */
  readonly contradictedByListing: readonly string[];
  /** Flows Gong listed without a flow-instance id: they cannot be unassigned by id. */
  readonly flowsWithoutInstanceId: number;
  /** Calls made by every run of the journal: every attempt that left, retries included. */
  readonly calls: CallCounts;
  /** Calls made by this run alone. */
  readonly callsThisRun: CallCounts;
  /** `--verify`: what was re-listed after the run. */
  readonly verify: VerifyMode;
  /** True when the verification asked for ran to the end and left nothing unconfirmed. */
  readonly verified: boolean;
  /** Gong's request id of every answered request, in order. */
  readonly requestIds: readonly string[];
  /** The run's exit code (see `UnassignJobResult.exitCode`). */
  readonly exitCode: number;
  /** Why the run stopped early, when it did. */
  readonly stoppedBecause?: string | undefined;
  /** The command that resumes the job, when it stopped early. */
  readonly resumeCommand?: string | undefined;
  /** Planned instances per flow and status, and what became of them. (The CSV report has each instance.) */
  readonly flows: readonly FlowOutcomes[];
}

/** The planned instances of one flow in one status, by outcome. */
export interface FlowOutcomes {
  /** The flow's id, as Gong listed it. */
  readonly flowId: string | undefined;
  /** The flow's name, as Gong listed it. */
  readonly flowName: string | undefined;
  /** The instances' status when they were planned. */
  readonly flowInstanceStatus: string | undefined;
  /** Instances planned for removal. */
  readonly planned: number;
  /** Instances removed. */
  readonly unassigned: number;
  /** Instances Gong kept assigned. */
  readonly notUnassigned: number;
  /** Instances that may or may not have been removed. */
  readonly unconfirmed: number;
  /** Instances not sent, or refused before Gong acted. */
  readonly unprocessed: number;
}

/** One planned flow instance in the report. */
export interface ReportInstance {
  /** The flow instance's id. */
  readonly flowInstanceId: string;
  /** Its prospect's CRM id, when known. */
  readonly crmProspectId: string | undefined;
  /** Its flow's id, when known. */
  readonly flowId: string | undefined;
  /** Its flow's name, when known. */
  readonly flowName: string | undefined;
  /** Its status when it was planned, when known. */
  readonly flowInstanceStatus: string | undefined;
  /** What became of it (the four lists of `UnassignReport`). */
  readonly outcome: "unassigned" | "notUnassigned" | "unconfirmed" | "unprocessed";
}

/** The outcome a report gives an instance: `pending` at the end of a run means it was not processed. */
function reportOutcome(outcome: string): ReportInstance["outcome"] {
  return outcome === "pending" ? "unprocessed" : (outcome as ReportInstance["outcome"]);
}

/** Builds the report from the job's state. */
export function buildReport(
  state: JobState,
  meta: {
    tool: string;
    dryRun: boolean;
    journal: string | undefined;
    verify: VerifyMode;
    verified: boolean;
    callsAtStart: CallCounts;
    exitCode: number;
    stoppedBecause?: string | undefined;
    resumeCommand?: string | undefined;
    finishedAt: string;
  },
): UnassignReport {
  const lists = {
    unassigned: [] as string[],
    notUnassigned: [] as string[],
    unconfirmed: [] as string[],
    unprocessed: [] as string[],
  };
  const contradicted: string[] = [];
  const groups = new FlowStatusGroups((flowId, flowInstanceStatus) => ({
    flowId,
    flowInstanceStatus,
    counts: { unassigned: 0, notUnassigned: 0, unconfirmed: 0, unprocessed: 0 } as Record<
      ReportInstance["outcome"],
      number
    >,
  }));
  for (const [id, instance] of state.instances) {
    // A dry run acts on nothing: every planned instance is unprocessed.
    const outcome = meta.dryRun ? "unprocessed" : reportOutcome(instance.outcome);
    lists[outcome].push(id);
    if (instance.contradicted) contradicted.push(id);
    groups.get(instance.flowId, instance.status).counts[outcome] += 1;
  }
  const flows: FlowOutcomes[] = groups.values().map(({ flowId, flowInstanceStatus, counts }) => ({
    flowId,
    flowName: flowId === undefined ? undefined : state.flowNames.get(flowId),
    flowInstanceStatus,
    planned: counts.unassigned + counts.notUnassigned + counts.unconfirmed + counts.unprocessed,
    ...counts,
  }));
  const prospectsUnprocessed = new Set<string>();
  const prospectsUnconfirmed = new Set<string>();
  if (state.strategy === "by-crm-id" && state.mode === "prospects" && !meta.dryRun) {
    for (const target of state.targets.values()) {
      if (target.outcome === "pending") prospectsUnprocessed.add(target.crmProspectId);
      else if (target.outcome === "unconfirmed") prospectsUnconfirmed.add(target.crmProspectId);
    }
  } else if (state.mode === "prospects" && state.strategy === "list-then-batch") {
    for (const prospect of state.prospects)
      if (!state.listedProspects.has(prospect)) prospectsUnprocessed.add(prospect);
  }
  const prospectsWithPlan = new Set<string>();
  for (const [, instance] of state.instances)
    if (instance.crmProspectId !== undefined) prospectsWithPlan.add(instance.crmProspectId);
  const prospectsMatchingNoFlow = state.prospects.filter(
    (p) => state.listedProspects.has(p) && !prospectsWithPlan.has(p),
  );
  const calls = { ...state.calls };
  const diff = (key: keyof CallCounts) => calls[key] - meta.callsAtStart[key];
  return {
    tool: meta.tool,
    dryRun: meta.dryRun,
    mode: state.mode,
    strategy: state.strategy,
    filter: state.filter,
    journal: meta.journal,
    runs: state.runsStarted,
    startedAt: state.firstStartedAt,
    finishedAt: meta.finishedAt,
    prospects: state.prospects.length,
    prospectsInFlows: state.prospectsInFlows.size,
    flowInstancesPlanned: state.instances.size,
    ...lists,
    prospectsUnprocessed: [...prospectsUnprocessed],
    prospectsUnconfirmed: [...prospectsUnconfirmed],
    prospectsMatchingNoFlow,
    flowInstancesOutsideInput: [...state.outsideInput].map(([flowInstanceId, { crmProspectId }]) => ({
      flowInstanceId,
      crmProspectId,
    })),
    assignedDuringRun: [...state.assignedDuringRun.keys()],
    contradictedByListing: contradicted,
    flowsWithoutInstanceId: state.flowsWithoutInstanceId,
    calls,
    callsThisRun: {
      listAssignedFlows: diff("listAssignedFlows"),
      unassignFlowsByCrmProspectId: diff("unassignFlowsByCrmProspectId"),
      unassignFlowsByFlowInstanceIds: diff("unassignFlowsByFlowInstanceIds"),
      total: diff("total"),
    },
    verify: meta.verify,
    verified: meta.verified,
    requestIds: [...state.requestIds],
    exitCode: meta.exitCode,
    ...(meta.stoppedBecause === undefined ? {} : { stoppedBecause: meta.stoppedBecause }),
    ...(meta.resumeCommand === undefined ? {} : { resumeCommand: meta.resumeCommand }),
    flows,
  };
}

/** Each planned instance with its prospect, flow, status and outcome: the rows of the CSV report. */
export function* reportInstances(state: JobState, dryRun: boolean): Generator<ReportInstance> {
  for (const [id, instance] of state.instances) {
    yield {
      flowInstanceId: id,
      crmProspectId: instance.crmProspectId,
      flowId: instance.flowId,
      flowName: instance.flowId === undefined ? undefined : state.flowNames.get(instance.flowId),
      flowInstanceStatus: instance.status,
      outcome: dryRun ? "unprocessed" : reportOutcome(instance.outcome),
    };
  }
}

/** The columns of the CSV report, one row per planned flow instance. */
export const csvColumns = [
  "flowInstanceId",
  "crmProspectId",
  "flowId",
  "flowName",
  "flowInstanceStatus",
  "outcome",
] as const;

/** Rows written per chunk: big reports are written piece by piece, never built as one string. */
const rowsPerChunk = 2_000;

/** The CSV report, in chunks of text: a header, then one row per planned instance. */
export function* reportCsvChunks(instances: Iterable<ReportInstance>): Generator<string> {
  let rows: string[][] = [];
  let header = true;
  const flush = () => {
    const text = stringify(rows, { header, columns: [...csvColumns] });
    header = false;
    rows = [];
    return text;
  };
  for (const instance of instances) {
    rows.push(csvColumns.map((column) => instance[column] ?? ""));
    if (rows.length === rowsPerChunk) yield flush();
  }
  if (rows.length > 0 || header) yield flush();
}

/**
 * The JSON report in chunks of text: the same as `JSON.stringify(report, null, 2)`, with the id lists
 * written a slice at a time, so that a report of 200,000 instances is never one string in memory.
 */
export function* reportJsonChunks(report: UnassignReport): Generator<string> {
  const entries = Object.entries(report).filter(([, value]) => value !== undefined);
  yield "{\n";
  for (const [index, [key, value]] of entries.entries()) {
    const end = index === entries.length - 1 ? "\n" : ",\n";
    if (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === "string")) {
      yield `  ${JSON.stringify(key)}: [\n`;
      for (let i = 0; i < value.length; i += rowsPerChunk) {
        const slice = value.slice(i, i + rowsPerChunk) as string[];
        const last = i + rowsPerChunk >= value.length;
        yield `${slice.map((id) => `    ${JSON.stringify(id)}`).join(",\n")}${last ? "\n" : ",\n"}`;
      }
      yield `  ]${end}`;
    } else {
      yield `  ${JSON.stringify(key)}: ${JSON.stringify(value, null, 2).replace(/\n/g, "\n  ")}${end}`;
    }
  }
  yield "}\n";
}

/**
 * Writes the report: JSON at `path`, or, when `path` ends in `.csv`, CSV at `path` (one row per
 * planned instance, from `instances`) and the JSON beside it (same name, `.json`). Each file is
 * written to a temporary name and renamed into place, so that a crash never leaves half a report.
 * Returns the paths written.
 */
export async function writeReport(
  path: string,
  report: UnassignReport,
  instances: Iterable<ReportInstance> = [],
): Promise<string[]> {
  const isCsv = path.toLowerCase().endsWith(".csv");
  const jsonPath = isCsv ? `${path.slice(0, -4)}.json` : path;
  await writeWhole(jsonPath, reportJsonChunks(report));
  if (!isCsv) return [jsonPath];
  await writeWhole(path, reportCsvChunks(instances));
  return [path, jsonPath];
}

/**
 * Writes `chunks` to a temporary file beside `path` and renames it into place, so that a reader never
 * sees half a file; on any failure (a full disk) the temporary file is removed and the error thrown.
 */
export async function writeWhole(path: string, chunks: Iterable<string>): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    const handle = await open(temporary, "w");
    try {
      for (const chunk of chunks) await handle.write(chunk);
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    // A full disk, say: no temporary file is left behind.
    await rm(temporary, { force: true });
    throw error;
  }
}
