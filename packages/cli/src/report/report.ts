import { rename, writeFile } from "node:fs/promises";
import { stringify } from "csv-stringify/sync";
import type { CallCounts, JobState } from "../journal/job-state.js";
import type { Strategy } from "../plan/cost.js";
import type { FlowFilter } from "../plan/filter.js";

/** `--verify`: what is re-listed after the run. */
export type VerifyMode = "unconfirmed" | "all" | "none";

/**
 * The report of an unassign job (`--report FILE`). Every planned flow instance is in exactly one of
 * `unassigned`, `notUnassigned`, `unconfirmed` and `unprocessed`. A resumed run's report covers the
 * whole job: what every run of the same journal did.
 */
export interface UnassignReport {
  readonly tool: string;
  readonly dryRun: boolean;
  readonly mode: "prospects" | "flow-instances";
  readonly strategy: Strategy;
  readonly filter: FlowFilter;
  readonly journal: string | undefined;
  /** Runs of the journal so far, this one included. */
  readonly runs: number;
  readonly startedAt: string | undefined;
  readonly finishedAt: string;
  /** Distinct prospects in the input (prospect mode); 0 for a flow-instance file. */
  readonly prospects: number;
  /** Prospects found in at least one flow. */
  readonly prospectsInFlows: number;
  readonly flowInstancesPlanned: number;
  /** Removed: Gong returned them, or a listing shows them no longer assigned. */
  readonly unassigned: readonly string[];
  /** Gong answered and kept them assigned (or a final listing shows them still assigned). */
  readonly notUnassigned: readonly string[];
  /** May or may not have been removed (an answer was lost and listing could not settle it). */
  readonly unconfirmed: readonly string[];
  /** Not sent, or refused before Gong acted (a 4xx). Safe to send again. */
  readonly unprocessed: readonly string[];
  /** Prospects never listed (list-then-batch) or never called (by-crm-id): their flows are not in the plan. */
  readonly prospectsUnprocessed: readonly string[];
  /** by-crm-id: prospects whose call may have removed more flows than it returned, not settled by listing. */
  readonly prospectsUnconfirmed: readonly string[];
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
  readonly verify: VerifyMode;
  /** True when the verification asked for ran to the end and left nothing unconfirmed. */
  readonly verified: boolean;
  /** Gong's request id of every answered request, in order. */
  readonly requestIds: readonly string[];
  readonly exitCode: number;
  /** Why the run stopped early, when it did. */
  readonly stoppedBecause?: string | undefined;
  /** The command that resumes the job, when it stopped early. */
  readonly resumeCommand?: string | undefined;
  /** One row per planned instance: its prospect, flow, status and outcome. */
  readonly instances: readonly ReportInstance[];
}

/** One planned flow instance in the report. */
export interface ReportInstance {
  readonly flowInstanceId: string;
  readonly crmProspectId: string | undefined;
  readonly flowId: string | undefined;
  readonly flowName: string | undefined;
  readonly flowInstanceStatus: string | undefined;
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
  const lists = { unassigned: [] as string[], notUnassigned: [] as string[], unconfirmed: [] as string[], unprocessed: [] as string[] };
  const instances: ReportInstance[] = [];
  const contradicted: string[] = [];
  for (const [id, instance] of state.instances) {
    // A dry run acts on nothing: every planned instance is unprocessed.
    const outcome = meta.dryRun ? "unprocessed" : reportOutcome(instance.outcome);
    lists[outcome].push(id);
    if (instance.contradicted) contradicted.push(id);
    instances.push({
      flowInstanceId: id,
      crmProspectId: instance.crmProspectId,
      flowId: instance.flowId,
      flowName: instance.flowId === undefined ? undefined : state.flowNames.get(instance.flowId),
      flowInstanceStatus: instance.status,
      outcome,
    });
  }
  const prospectsUnprocessed = new Set<string>();
  const prospectsUnconfirmed = new Set<string>();
  if (state.strategy === "by-crm-id" && state.mode === "prospects" && !meta.dryRun) {
    for (const target of state.targets.values()) {
      if (target.outcome === "pending") prospectsUnprocessed.add(target.crmProspectId);
      else if (target.outcome === "unconfirmed") prospectsUnconfirmed.add(target.crmProspectId);
    }
  } else if (state.mode === "prospects" && state.strategy === "list-then-batch") {
    for (const prospect of state.prospects) if (!state.listedProspects.has(prospect)) prospectsUnprocessed.add(prospect);
  }
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
    instances,
  };
}

/** The columns of the CSV report, one row per planned flow instance. */
export const csvColumns = ["flowInstanceId", "crmProspectId", "flowId", "flowName", "flowInstanceStatus", "outcome"] as const;

/** The report as CSV: a header and one row per planned instance. */
export function reportCsv(report: UnassignReport): string {
  return stringify(
    report.instances.map((i) => csvColumns.map((column) => i[column] ?? "")),
    { header: true, columns: [...csvColumns] },
  );
}

/**
 * Writes the report: JSON at `path`, or, when `path` ends in `.csv`, CSV at `path` and the JSON beside
 * it (same name, `.json`). Each file is written whole to a temporary name and renamed into place, so
 * that a crash never leaves half a report. Returns the paths written.
 */
export async function writeReport(path: string, report: UnassignReport): Promise<string[]> {
  const isCsv = path.toLowerCase().endsWith(".csv");
  const jsonPath = isCsv ? `${path.slice(0, -4)}.json` : path;
  await writeWhole(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
  if (!isCsv) return [jsonPath];
  await writeWhole(path, reportCsv(report));
  return [path, jsonPath];
}

async function writeWhole(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, path);
}
