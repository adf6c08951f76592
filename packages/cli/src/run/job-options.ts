import { gongLimits, type GongFlowsClientOptions } from "@gong-flows/client";
import type { IdEntry } from "../input/read-id-file.js";
import type { Strategy } from "../plan/cost.js";
import type { FlowFilter } from "../plan/filter.js";
import type { PlanSummary } from "../plan/plan-summary.js";
import type { ReportInstance, UnassignReport, VerifyMode } from "../report/report.js";
import type { JobPhase } from "./job-actions.js";
import type { StopReason } from "./stop-reason.js";

/** The default `--daily-budget`: 90 % of Gong's daily quota, leaving a tenth to other integrations. */
export const defaultDailyBudget: number = (gongLimits.callsPerDay * 9) / 10;

/** Progress of a running job. */
export interface JobProgress {
  /** The phase the job is in. */
  readonly phase: JobPhase;
  /** Prospects listed (plan, settle, verify) or planned instances with an outcome (unassign). */
  readonly done: number;
  /** What `done` counts towards in this phase. */
  readonly total: number;
  /** Calls made by this run so far. */
  readonly calls: number;
  /** Until when (epoch ms) a 429 holds every call, if one does. */
  readonly holdUntil: number | undefined;
  /**
   * Until when (epoch ms) the job waits before listing what requests that got no response carried
   * (Gong may still be working on them), if it does.
   */
  readonly waitingUntil?: number | undefined;
}

/** The input of a job: the ids read from the file, and what they are. */
export interface JobInput {
  /** What the ids are: prospects' CRM ids or flow-instance ids. */
  readonly mode: "prospects" | "flow-instances";
  /** The ids, as `readIdFile` read them. */
  readonly entries: readonly IdEntry[];
  /** The input file's name, for messages and the journal. */
  readonly file: string;
}

/** Options of {@link runUnassignJob}. */
export interface UnassignJobOptions extends BulkJobOptions {
  /** The ids to work on. */
  readonly input: JobInput;
  /** `--flow` / `--status`. Default: every flow instance of the prospects. */
  readonly filter?: FlowFilter | undefined;
  /** Default `auto`: the planner's cost model chooses (see {@link chooseStrategy}). */
  readonly strategy?: Strategy | "auto" | undefined;
  /** Sent with every unassign request (`unassignedByUserEmail`): the Gong user on whose behalf. */
  readonly unassignedByUserEmail?: string | undefined;
  /** Default `unconfirmed`. */
  readonly verify?: VerifyMode | undefined;
  /**
   * Asked once the plan is known and before anything is unassigned; false ends the job with exit code 4,
   * nothing sent (and, on a new journal, no journal and no report left).
   */
  readonly confirm?: ((plan: PlanSummary) => Promise<boolean>) | undefined;
  /** Called with the plan once it is known (before `confirm`). */
  readonly onPlan?: ((plan: PlanSummary) => void) | undefined;
}

/** The options every bulk job takes (`runUnassignJob`, `runAssignJob`). */
export interface BulkJobOptions {
  /**
   * Options of the client that sends the calls: `baseUrl`, `auth`, `rateLimit` and the rest (each
   * defaults as the client's does: credentials and base URL from the environment, 3 calls/second).
   * A `logger` or `onAttempt` given here is called as well as the job's own, not replaced.
   */
  readonly client?: GongFlowsClientOptions | undefined;
  /** Prospects per list call. Default 100. */
  readonly listBatchSize?: number | undefined;
  /** Requests in flight at once (the rate limit still spaces their starts). Default 4. */
  readonly concurrency?: number | undefined;
  /** Retries per request for the client. Default 3 (fewer when the daily budget is nearly spent). */
  readonly maxRetries?: number | undefined;
  /** The journal; required unless `dryRun`. Running again with the same journal resumes. */
  readonly journalPath?: string | undefined;
  /** Where to write the report (JSON; CSV and JSON when it ends in `.csv`). Default: not written. */
  readonly reportPath?: string | undefined;
  /** Plan and report only: lists (reads), sends no write, writes no journal. */
  readonly dryRun?: boolean | undefined;
  /** Calls allowed per UTC day, across every run of the journal. Default 9,000. */
  readonly dailyBudget?: number | undefined;
  /** Called as the job advances, with its phase and counts. */
  readonly onProgress?: ((progress: JobProgress) => void) | undefined;
  /** Aborting stops the job gracefully: no new request, requests not yet sent held back, those on the wire awaited. */
  readonly signal?: AbortSignal | undefined;
  /** Aborting stops at once: requests on the wire are abandoned (their ids become unconfirmed). */
  readonly forceSignal?: AbortSignal | undefined;
  /** Builds the command that resumes the job, for the report and the messages. */
  readonly resumeCommand?: string | undefined;
  /** The clock (epoch ms): the UTC day of the daily budget, the journal's timestamps, the waits. */
  readonly now?: (() => number) | undefined;
  /**
   * How the job waits `ms` (before listing what requests that got no response carried; see the
   * README's "Never lose track"), or less once `signal` aborts. Default: a timer.
   */
  readonly sleep?: ((ms: number, signal: AbortSignal) => Promise<void>) | undefined;
  /** Name and version written in the journal and the report. Default `@gong-flows/cli`. */
  readonly tool?: string | undefined;
}

/** What {@link runUnassignJob} did. */
export interface UnassignJobResult {
  /**
   * 0: everything planned is unassigned (and verified as asked); 1: finished, but some instances
   * are not unassigned, or unconfirmed; 2: nothing was done because Gong refused the credentials
   * at once; 3: stopped early and resumable (also when the report or the journal could not be written
   * at the end); 4: not confirmed (`confirm` answered false), nothing sent.
   */
  readonly exitCode: 0 | 1 | 2 | 3 | 4;
  /** The job's report, whole (what `--report` writes as JSON). */
  readonly report: UnassignReport;
  /** The plan, once it was known. */
  readonly plan: PlanSummary | undefined;
  /** Why the run stopped early, when it did. */
  readonly stop: StopReason | undefined;
  /** The stop in one sentence, when there was one. */
  readonly stoppedBecause: string | undefined;
  /** Report files written. */
  readonly reportFiles: readonly string[];
  /** Warnings worth showing (a partial last journal line dropped, flows without ids, …). */
  readonly warnings: readonly string[];
  /** Each planned instance with its prospect, flow, status and outcome (what the CSV report holds). */
  instances(): Iterable<ReportInstance>;
}

/** A job was set up wrongly; nothing was sent. */
export class JobSetupError extends Error {
  /** `"JobSetupError"`: the class's name, which a bundler that renames classes does not change. */
  override name = "JobSetupError";
}
