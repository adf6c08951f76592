import type { AssignCallCounts } from "../journal/assign-state.js";
import type { AssignReport } from "../report/assign-report.js";
import type { BulkJobOptions, JobInput } from "./job-options.js";
import type { StopReason } from "./stop-reason.js";

/** The flow an assign job puts prospects into. */
export interface AssignFlow {
  /** The flow's id (`gong-flows flows` lists them). */
  readonly id: string;
  /** Its name, for the plan, the confirmation and the report. */
  readonly name?: string | undefined;
}

/** Options of {@link runAssignJob}. */
export interface AssignJobOptions extends BulkJobOptions {
  /** The prospects' CRM ids, as `readIdFile` read them, and the file's name. */
  readonly input: Pick<JobInput, "entries" | "file">;
  /** The flow to assign them to. */
  readonly flow: AssignFlow;
  /** The Gong user who owns the flow instances created (`flowInstanceOwnerEmail`). */
  readonly flowInstanceOwnerEmail: string;
  /** `unconfirmed` (default): list the prospects whose outcome is unknown; `none`: do not. */
  readonly verify?: "unconfirmed" | "none" | undefined;
  /**
   * Asked once the plan is known and before anything is assigned; false ends the job with exit code 4,
   * nothing sent (and, on a new journal, no journal and no report left).
   */
  readonly confirm?: ((plan: AssignPlan) => Promise<boolean>) | undefined;
  /** Called with the plan once it is known (before `confirm`). */
  readonly onPlan?: ((plan: AssignPlan) => void) | undefined;
}

/** The calls an assign job still needs, per operation. */
export interface AssignCallEstimate {
  /** Calls of `POST /v2/flows/prospects`. */
  readonly listAssignedFlows: number;
  /** Calls of `POST /v2/flows/prospects/assign`. */
  readonly assignProspects: number;
  /** All calls: the sum of the two. */
  readonly total: number;
}

/** What an assign job is about to do: printed by a dry run and before the confirmation. */
export interface AssignPlan {
  /** The flow the prospects go into. */
  readonly flow: AssignFlow;
  /** The Gong user who will own the flow instances created. */
  readonly flowInstanceOwnerEmail: string;
  /** Distinct prospects in the input. */
  readonly prospects: number;
  /** Prospects the listing found in the flow already: not sent. */
  readonly alreadyInFlow: number;
  /** Prospects still to send (those whose outcome is unknown are settled by listing first). */
  readonly toSend: number;
  /** Calls made so far by this job (every run of its journal). */
  readonly callsMade: AssignCallCounts;
  /** Calls the job still needs (a dry run counts the listing a real run makes again). */
  readonly callsNeeded: AssignCallEstimate;
  /** The client's rate limit; undefined when it is off. */
  readonly requestsPerSecond: number | undefined;
  /** `callsNeeded.total / requestsPerSecond`: the least time the rest takes. */
  readonly estimatedSeconds: number | undefined;
  /** `callsNeeded.total` as a share of Gong's default daily quota. */
  readonly shareOfGongDailyQuota: number;
  /** Calls the job may make per UTC day, all runs together. */
  readonly dailyBudget: number;
  /** Calls this job made today (UTC), all runs. */
  readonly budgetUsedToday: number;
}

/** What {@link runAssignJob} did. */
export interface AssignJobResult {
  /**
   * 0: every prospect is in the flow (assigned, or there already); 1: finished, but some prospects are
   * not assigned, unconfirmed or unprocessed; 2: Gong refused the credentials before anything was
   * assigned; 3: stopped early and resumable; 4: not confirmed, nothing sent.
   */
  readonly exitCode: 0 | 1 | 2 | 3 | 4;
  /** The job's report, whole (what `--report` writes). */
  readonly report: AssignReport;
  /** The plan, once it was known. */
  readonly plan: AssignPlan | undefined;
  /** Why the run stopped early, when it did. */
  readonly stop: StopReason | undefined;
  /** The stop in one sentence, when there was one. */
  readonly stoppedBecause: string | undefined;
  /** Report files written. */
  readonly reportFiles: readonly string[];
  /** Warnings worth showing (a partial last journal line dropped, …). */
  readonly warnings: readonly string[];
}
