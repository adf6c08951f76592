import { defaultOptions } from "@gong-flows/client";
import { inputDigest, jobFingerprint } from "../journal/fingerprint.js";
import type { JobDescription } from "../journal/records.js";
import { chooseStrategy, defaultListBatchSize, flowInstanceIdsPerRequest, type StrategyChoice } from "../plan/cost.js";
import { noFilter, type FlowFilter } from "../plan/filter.js";
import type { VerifyMode } from "../report/report.js";
import { withoutUserInfo } from "../secrets.js";
import { type BulkJobOptions, defaultDailyBudget, JobSetupError, type UnassignJobOptions } from "./job-options.js";

/** A job's options with their defaults applied and checked. */
export interface JobSettings {
  readonly now: () => number;
  readonly mode: "prospects" | "flow-instances";
  readonly filter: FlowFilter;
  readonly listBatchSize: number;
  readonly concurrency: number;
  readonly verify: VerifyMode;
  readonly dailyBudget: number;
  readonly dryRun: boolean;
  readonly tool: string;
  readonly maxRetries: number;
  readonly maxRetryAfterMs: number;
  /** Calls per second the client keeps to; undefined when its rate limit is off. */
  readonly requestsPerSecond: number | undefined;
}

/** Applies the defaults and checks the options; throws {@link JobSetupError} before anything is sent. */
export function jobSettings(
  options: BulkJobOptions & Pick<UnassignJobOptions, "input" | "filter" | "verify">,
): JobSettings {
  const filter = options.filter ?? noFilter;
  const listBatchSize = options.listBatchSize ?? defaultListBatchSize;
  const dailyBudget = options.dailyBudget ?? defaultDailyBudget;
  const dryRun = options.dryRun ?? false;
  const mode = options.input.mode;
  if (!Number.isInteger(dailyBudget) || dailyBudget < 1)
    throw new JobSetupError(`the daily budget must be a whole number of calls, 1 or more (got ${dailyBudget})`);
  if (!Number.isInteger(listBatchSize) || listBatchSize < 1)
    throw new JobSetupError(`listBatchSize must be a whole number, 1 or more (got ${listBatchSize})`);
  if (mode === "flow-instances" && (filter.flowIds.length > 0 || filter.statuses.length > 0)) {
    throw new JobSetupError(
      "--flow and --status filter what listing prospects finds; with --flow-instances the file itself is the plan",
    );
  }
  if (!dryRun && options.journalPath === undefined)
    throw new JobSetupError("a journal path is required unless it is a dry run");
  const rateLimit = options.client?.rateLimit;
  return {
    now: options.now ?? Date.now,
    mode,
    filter,
    listBatchSize,
    concurrency: options.concurrency ?? 4,
    verify: options.verify ?? "unconfirmed",
    dailyBudget,
    dryRun,
    tool: options.tool ?? "@gong-flows/cli",
    maxRetries: options.maxRetries ?? defaultOptions.maxRetries,
    maxRetryAfterMs: options.client?.maxRetryAfterMs ?? defaultOptions.maxRetryAfterMs,
    requestsPerSecond:
      rateLimit === false ? undefined : (rateLimit?.requestsPerSecond ?? defaultOptions.requestsPerSecond),
  };
}

/** What the job is (the journal's first record fixes it) and the strategy the planner chooses for it. */
export interface JobIdentity {
  readonly job: JobDescription;
  readonly fingerprint: string;
  readonly choice: StrategyChoice;
}

/** Describes the job for its journal and chooses its strategy; throws {@link JobSetupError} on a bad choice. */
export function describeJob(options: UnassignJobOptions, settings: JobSettings, baseUrl: string): JobIdentity {
  const { mode, filter } = settings;
  const requestedStrategy = mode === "flow-instances" ? "list-then-batch" : (options.strategy ?? "auto");
  const job: JobDescription = {
    mode,
    input: {
      count: options.input.entries.length,
      sha256: inputDigest(options.input.entries),
      file: options.input.file,
    },
    flowIds: [...filter.flowIds],
    statuses: [...filter.statuses],
    strategy: requestedStrategy,
    baseUrl: withoutUserInfo(baseUrl),
    ...(options.unassignedByUserEmail === undefined ? {} : { unassignedByUserEmail: options.unassignedByUserEmail }),
  };
  const choice =
    mode === "flow-instances"
      ? {
          strategy: "list-then-batch" as const,
          reason: `the file lists the flow instances: ${flowInstanceIdsPerRequest} per call`,
        }
      : chooseStrategy({
          prospects: options.input.entries.length,
          filter,
          listBatchSize: settings.listBatchSize,
          requested: requestedStrategy,
        });
  if ("error" in choice) throw new JobSetupError(choice.error);
  return { job, fingerprint: jobFingerprint(job), choice };
}
