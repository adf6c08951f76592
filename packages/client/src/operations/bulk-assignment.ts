import { NotSentError } from "../call-errors.js";
import { bulkAssignmentWaitDefaults } from "../defaults.js";
import { GongAbortError } from "../errors.js";
import { GongBulkAssignmentTimeoutError } from "../flow-errors.js";
import { checkRequestOptions } from "../options.js";
import { setLongTimeout, sleep } from "../timers.js";
import type { RequestOptions } from "../types.js";
import type { BulkAssignment, BulkAssignmentRequest, WaitForBulkAssignmentOptions } from "../types-flows.js";
import { GongValidationError } from "../validation-errors.js";
import { checkCall, checkParameters, type OperationContext } from "./context.js";

/** The statuses after which a job changes no more. */
const finished = new Set(["COMPLETED", "FAILED"]);

/** `submitBulkAssignment`, `getBulkAssignment`, `waitForBulkAssignment` and `bulkAssign`. */
export function bulkAssignment({ post, get }: OperationContext) {
  const submitBulkAssignment = async (rawInput: BulkAssignmentRequest, options: RequestOptions = {}) => {
    const { settings, input, text } = checkCall("submitBulkAssignment", rawInput, options);
    const ids = input.prospects.flatMap((prospect) => (prospect.crmId === undefined ? [] : [prospect.crmId]));
    const call = { target: { ...settings, ids }, record: { ambiguous: false }, bytes: text };
    return await post("/v2/flows/prospects/bulk-assignments", input, call);
  };

  /** One poll; `stop` (the wait's deadline) ends its waits as a stopped batch's are ended. */
  const getBulkAssignment = async (id: string, options: RequestOptions = {}, stop?: AbortSignal) => {
    const { settings, params } = checkParameters("getBulkAssignment", { id }, options);
    const call = { target: { ...settings, stop, ids: [params.id] }, record: { ambiguous: false } };
    return await get("/v2/flows/prospects/bulk-assignments/{id}", { path: params }, call);
  };

  const waitForBulkAssignment = async (
    id: string,
    wait: WaitForBulkAssignmentOptions = {},
    options: RequestOptions = {},
  ): Promise<BulkAssignment> => {
    const { pollIntervalMs, maxPollIntervalMs, timeoutMs } = checkWaitOptions(wait);
    checkRequestOptions(options);
    const signal = wait.signal ?? options.signal;
    // The deadline ends any wait (between polls, or a poll's backoff); a poll on the wire finishes.
    const deadline = new AbortController();
    const timer = setLongTimeout(() => deadline.abort(), timeoutMs);
    let job: BulkAssignment | undefined;
    try {
      for (let delay: number = pollIntervalMs; ; delay = Math.min(delay * 2, maxPollIntervalMs)) {
        job = await getBulkAssignment(id, { ...options, signal }, deadline.signal);
        if (job.status !== undefined && finished.has(job.status)) return job;
        await sleep(delay, signal, deadline.signal);
      }
    } catch (error) {
      if (signal?.aborted) throw error instanceof GongAbortError ? error : aborted(signal);
      // The deadline ended a wait: between polls (the signal's reason), or a poll's (not sent).
      if (deadline.signal.aborted && (error instanceof NotSentError || error === deadline.signal.reason))
        throw new GongBulkAssignmentTimeoutError({ jobId: id, job, timeoutMs });
      throw error;
    } finally {
      timer.cancel();
    }
  };

  const bulkAssign = async (
    input: BulkAssignmentRequest,
    wait: WaitForBulkAssignmentOptions = {},
    options: RequestOptions = {},
  ): Promise<BulkAssignment> => {
    const job = await submitBulkAssignment(input, { ...options, signal: wait.signal ?? options.signal });
    if (job.id === undefined) return job;
    return await waitForBulkAssignment(job.id, wait, options);
  };

  return { submitBulkAssignment, getBulkAssignment, waitForBulkAssignment, bulkAssign };
}

/** The wait's options with their defaults, each a finite number ≥ 0 (else GongValidationError). */
function checkWaitOptions(wait: WaitForBulkAssignmentOptions) {
  const resolved: Record<"pollIntervalMs" | "maxPollIntervalMs" | "timeoutMs", number> = {
    ...bulkAssignmentWaitDefaults,
    ...definedOf(wait),
  };
  const issues = (["pollIntervalMs", "maxPollIntervalMs", "timeoutMs"] as const)
    .filter((key) => !(Number.isFinite(resolved[key]) && resolved[key] >= 0))
    .map((key) => ({ path: `/${key}`, message: "must be a finite number of milliseconds, 0 or more" }));
  if (issues.length > 0) throw new GongValidationError(issues, { operation: "getBulkAssignment" });
  return resolved;
}

/** The options that are set (an explicit undefined keeps the default). */
function definedOf(wait: WaitForBulkAssignmentOptions) {
  return Object.fromEntries(Object.entries(wait).filter(([key, value]) => value !== undefined && key !== "signal"));
}

/** The abort error of a wait the caller's signal ended. */
function aborted(signal: AbortSignal): GongAbortError {
  return new GongAbortError("waitForBulkAssignment was aborted by the caller's signal", {
    operation: "getBulkAssignment",
    cause: signal.reason,
  });
}
