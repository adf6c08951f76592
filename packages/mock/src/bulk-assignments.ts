import type { components } from "@gong-flows/client";
import { assignProspect } from "./assignment.js";
import type { CrmProspects } from "./crm.js";
import type { GongMockFlow } from "./data-set.js";
import type { FlowInstanceStore } from "./store.js";

type Schemas = components["schemas"];
type Result = Schemas["BulkAssignmentResult"];

/** How fast a bulk assignment runs on the mock's clock. */
export interface BulkAssignmentTiming {
  /** From submission until the job starts (`PENDING` until then), in ms. Default 500. */
  startAfterMs?: number | undefined;
  /** Per prospect once started (`IN_PROGRESS`): prospect `i` is processed `(i + 1) × msPerProspect` after the start. Default 20. */
  msPerProspect?: number | undefined;
}

/** {@link BulkAssignmentTiming} with its defaults applied. */
export interface ResolvedBulkAssignmentTiming {
  readonly startAfterMs: number;
  readonly msPerProspect: number;
}

/** One job as the mock holds it. */
interface Job {
  readonly id: string;
  readonly submittedAt: number;
  readonly flow: GongMockFlow;
  readonly ownerEmail: string;
  readonly prospects: readonly Schemas["BulkAssignmentProspect"][];
  readonly results: Result[];
}

type State = { flowInstances: FlowInstanceStore; crm: CrmProspects };

/**
 * The bulk assignments submitted, each run on the mock's clock: `PENDING` until `startAfterMs` after
 * submission, then `IN_PROGRESS` as its prospects are processed one by one, then `COMPLETED`. The work
 * of a moment is done when the mock next looks (any request, `stats()`), in order, at the time it was
 * due, so that an injected clock decides every outcome.
 */
export class BulkAssignments {
  readonly #jobs = new Map<string, Job>();
  readonly #startAfterMs: number;
  readonly #msPerProspect: number;

  constructor(timing: ResolvedBulkAssignmentTiming) {
    this.#startAfterMs = timing.startAfterMs;
    this.#msPerProspect = timing.msPerProspect;
  }

  submit(request: Omit<Job, "id" | "results">): string {
    const id = crypto.randomUUID();
    this.#jobs.set(id, { ...request, id, results: [] });
    return id;
  }

  /** Processes, in order, every prospect whose time has come by `now`. */
  advance(now: number, state: State): void {
    for (const job of this.#jobs.values()) {
      const due = Math.min(job.prospects.length, this.#processedBy(job, now));
      for (let index = job.results.length; index < due; index++) {
        const at = new Date(job.submittedAt + this.#startAfterMs + (index + 1) * this.#msPerProspect).toISOString();
        job.results.push(processProspect(state, job, job.prospects[index]!, at));
      }
    }
  }

  /** The job as the spec's BulkAssignment, at `now` (after {@link advance}); undefined for an unknown id. */
  view(id: string, now: number): Schemas["BulkAssignment"] | undefined {
    const job = this.#jobs.get(id);
    if (job === undefined) return undefined;
    const started = now >= job.submittedAt + this.#startAfterMs;
    const processedCount = job.results.length;
    const successCount = job.results.filter((result) => result.status === "ASSIGNED").length;
    return {
      id,
      status: !started ? "PENDING" : processedCount < job.prospects.length ? "IN_PROGRESS" : "COMPLETED",
      totalCount: job.prospects.length,
      processedCount,
      successCount,
      failedCount: processedCount - successCount,
      ...(started ? { results: job.results.map((result) => ({ ...result })) } : {}),
    };
  }

  /** How many jobs there are, and how many are still to complete (after {@link advance}). */
  counts(): { submitted: number; running: number } {
    let running = 0;
    for (const job of this.#jobs.values()) if (job.results.length < job.prospects.length) running++;
    return { submitted: this.#jobs.size, running };
  }

  clear(): void {
    this.#jobs.clear();
  }

  #processedBy(job: Job, now: number): number {
    const sinceStart = now - job.submittedAt - this.#startAfterMs;
    if (sinceStart < 0) return 0;
    return this.#msPerProspect === 0 ? job.prospects.length : Math.floor(sinceStart / this.#msPerProspect);
  }
}

/**
 * One prospect of a job: a CRM id the CRM does not hold fails the CRM step; a prospect by name is
 * found by its email or created; then the assign rules decide.
 */
function processProspect(state: State, job: Job, prospect: Schemas["BulkAssignmentProspect"], at: string): Result {
  const echo = { prospect: { ...prospect } };
  if (prospect.crmId !== undefined && !state.crm.has(prospect.crmId)) {
    const errorMessage = `No prospect with CRM id ${prospect.crmId} in the CRM`;
    return { ...echo, status: "CRM_OPERATION_FAILED", errorCode: "CRM_RECORD_NOT_FOUND", errorMessage };
  }
  const crmId = prospect.crmId ?? state.crm.findOrCreate(prospect);
  const outcome = assignProspect(state, { flow: job.flow, crmProspectId: crmId, ownerEmail: job.ownerEmail, at });
  if ("refused" in outcome) return { ...echo, status: "FLOW_ASSIGNMENT_FAILED", crmId, ...outcome.refused };
  return { ...echo, status: "ASSIGNED", crmId, flowInstanceId: outcome.assigned.flowInstanceId! };
}
