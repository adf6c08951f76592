import type { CallCounts } from "../journal/job-state.js";
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
