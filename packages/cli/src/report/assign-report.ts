import { stringify } from "csv-stringify/sync";
import type { AssignCallCounts, AssignOutcome, AssignState } from "../journal/assign-state.js";
import { writeWhole } from "./report-files.js";
import { callsSince, reportEnding, reportRuns, type RunReportMeta } from "./report-run.js";

/** A prospect in the flow, with its flow instance (undefined when Gong named none). */
export interface ProspectInFlow {
  /** The prospect's CRM id, as the input gives it. */
  readonly crmProspectId: string;
  /** Its flow instance in the flow. */
  readonly flowInstanceId: string | undefined;
}

/** A prospect Gong did not assign, with its error code and message (undefined when a listing decided). */
export interface ProspectNotAssigned {
  /** The prospect's CRM id, as the input gives it. */
  readonly crmProspectId: string;
  /** Gong's error code (`InvalidArgument`, `InvalidState`, `UnexpectedError`, …). */
  readonly errorCode: string | undefined;
  /** Gong's error message. */
  readonly errorMessage: string | undefined;
}

/**
 * The report of an assign job (`--report FILE`). Every input prospect is in exactly one of `assigned`,
 * `alreadyInFlow`, `notAssigned`, `unconfirmed` and `unprocessed`. A resumed run's report covers the
 * whole job: what every run of the same journal did.
 */
export interface AssignReport {
  /** The name and version of the tool that wrote the report. */
  readonly tool: string;
  /** True for `--dry-run`: nothing was assigned. */
  readonly dryRun: boolean;
  /** The flow the prospects were assigned to. */
  readonly flowId: string;
  /** Its name, when known. */
  readonly flowName: string | undefined;
  /** The Gong user who owns the flow instances created. */
  readonly flowInstanceOwnerEmail: string;
  /** The journal's path; undefined for a dry run. */
  readonly journal: string | undefined;
  /** Runs of the journal so far, this one included. */
  readonly runs: number;
  /** When the job's first run started (ISO 8601), as its journal recorded it. */
  readonly startedAt: string | undefined;
  /** When this run ended (ISO 8601). */
  readonly finishedAt: string;
  /** Distinct prospects in the input. */
  readonly prospects: number;
  /** Assigned by this job: Gong returned the flow instance, or a listing found it in the flow. */
  readonly assigned: readonly ProspectInFlow[];
  /** In the flow before the job sent them (found by the planning listing): not sent. */
  readonly alreadyInFlow: readonly ProspectInFlow[];
  /** Gong answered that it did not assign them, or a final listing did not find them in the flow. */
  readonly notAssigned: readonly ProspectNotAssigned[];
  /** May or may not have been assigned (a response was lost and no listing settled it). */
  readonly unconfirmed: readonly string[];
  /** Not sent (or refused before Gong acted, or never listed): safe to send again. */
  readonly unprocessed: readonly string[];
  /** Calls made by every run of the journal: every attempt that left, retries included. */
  readonly calls: AssignCallCounts;
  /** Calls made by this run alone. */
  readonly callsThisRun: AssignCallCounts;
  /** `--verify`: whether unknown outcomes were settled by listing. */
  readonly verify: "unconfirmed" | "none";
  /** True when the verification asked for ran to the end and left nothing unconfirmed. */
  readonly verified: boolean;
  /** Gong's request id of every answered request, in order. */
  readonly requestIds: readonly string[];
  /** The run's exit code (see `AssignJobResult.exitCode`). */
  readonly exitCode: number;
  /** Why the run stopped early, when it did. */
  readonly stoppedBecause?: string | undefined;
  /** The command that resumes the job, when it stopped early. */
  readonly resumeCommand?: string | undefined;
}

/** What the report says of the run beyond the job's state. */
export interface AssignReportMeta extends RunReportMeta<AssignCallCounts> {
  readonly flowName: string | undefined;
  readonly flowInstanceOwnerEmail: string;
  readonly verify: "unconfirmed" | "none";
}

/** Builds the report from the job's state. */
export function buildAssignReport(state: AssignState, meta: AssignReportMeta): AssignReport {
  const lists = prospectLists(state, meta.dryRun);
  const calls = { ...state.calls };
  return {
    tool: meta.tool,
    dryRun: meta.dryRun,
    flowId: state.flowId,
    flowName: meta.flowName ?? state.flowNames.get(state.flowId),
    flowInstanceOwnerEmail: meta.flowInstanceOwnerEmail,
    ...reportRuns(state, meta),
    prospects: state.prospects.length,
    ...lists,
    calls,
    callsThisRun: callsSince(calls, meta.callsAtStart),
    ...reportEnding(state, meta),
  };
}

/** The outcome the report gives a prospect: a dry run sends nothing, and one never listed was not processed. */
export function reportedOutcome(state: AssignState, prospect: string, dryRun: boolean): AssignOutcome | "unprocessed" {
  const outcome = state.assignments.get(prospect)!.outcome;
  if (outcome === "pending" || (dryRun && outcome !== "alreadyInFlow")) return "unprocessed";
  return outcome;
}

/** Each input prospect in exactly one list. */
function prospectLists(state: AssignState, dryRun: boolean) {
  const assigned: ProspectInFlow[] = [];
  const alreadyInFlow: ProspectInFlow[] = [];
  const notAssigned: ProspectNotAssigned[] = [];
  const unconfirmed: string[] = [];
  const unprocessed: string[] = [];
  for (const crmProspectId of state.prospects) {
    const { flowInstanceId, errorCode, errorMessage } = state.assignments.get(crmProspectId)!;
    const outcome = reportedOutcome(state, crmProspectId, dryRun);
    if (outcome === "assigned") assigned.push({ crmProspectId, flowInstanceId });
    else if (outcome === "alreadyInFlow") alreadyInFlow.push({ crmProspectId, flowInstanceId });
    else if (outcome === "notAssigned") notAssigned.push({ crmProspectId, errorCode, errorMessage });
    else if (outcome === "unconfirmed") unconfirmed.push(crmProspectId);
    else unprocessed.push(crmProspectId);
  }
  return { assigned, alreadyInFlow, notAssigned, unconfirmed, unprocessed };
}

/** The columns of the CSV report, one row per input prospect. */
const assignCsvColumns = ["crmProspectId", "outcome", "flowInstanceId", "errorCode", "errorMessage"] as const;

/**
 * Writes the report: JSON at `path`, or, when `path` ends in `.csv`, CSV at `path` (one row per
 * prospect) and the JSON beside it. Each file is written whole, then renamed into place.
 */
export async function writeAssignReport(path: string, report: AssignReport): Promise<string[]> {
  const isCsv = path.toLowerCase().endsWith(".csv");
  const jsonPath = isCsv ? `${path.slice(0, -4)}.json` : path;
  await writeWhole(jsonPath, [`${JSON.stringify(report, null, 2)}\n`]);
  if (!isCsv) return [jsonPath];
  const rows: string[][] = [];
  const row = (id: string, outcome: string, instance?: string, code?: string, message?: string) =>
    rows.push([id, outcome, instance ?? "", code ?? "", message ?? ""]);
  for (const p of report.assigned) row(p.crmProspectId, "assigned", p.flowInstanceId);
  for (const p of report.alreadyInFlow) row(p.crmProspectId, "alreadyInFlow", p.flowInstanceId);
  for (const p of report.notAssigned) row(p.crmProspectId, "notAssigned", undefined, p.errorCode, p.errorMessage);
  for (const id of report.unconfirmed) row(id, "unconfirmed");
  for (const id of report.unprocessed) row(id, "unprocessed");
  await writeWhole(path, [stringify(rows, { header: true, columns: [...assignCsvColumns] })]);
  return [path, jsonPath];
}
