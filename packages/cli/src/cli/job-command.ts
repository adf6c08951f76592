import { resolve } from "node:path";
import type { GongFlowsClientOptions } from "@gong-flows/client";
import { type Command, Option } from "commander";
import type { IdKind } from "../input/id-rules.js";
import { type IdFile, readIdFile } from "../input/read-id-file.js";
import { defaultDailyBudget, type JobProgress } from "../run/run-job.js";
import { toolName } from "../version.js";
import type { CliIo, CommandContext } from "./cli-io.js";
import {
  clientOptions,
  inputOptions,
  requireCredentials,
  runOptions,
  type InputFlags,
  type RunFlags,
} from "./client-options.js";
import { canAsk } from "./confirm.js";
import { exitCodes, UsageError } from "./exit-codes.js";
import { jobPaths, type JobPaths } from "./job-paths.js";
import { parseDailyBudget } from "./options.js";
import { checkPaths } from "./output-paths.js";
import type { ProgressView } from "./progress.js";
import { progressView } from "./progress-view.js";
import { commandLine } from "./shell-quote.js";

/** The flags every bulk-job command (`unassign`, `assign`) takes beside its own. */
export interface JobFlags extends RunFlags, InputFlags {
  dryRun?: boolean;
  journal?: string;
  report?: string;
  yes?: boolean;
  dailyBudget: number;
}

/** Adds the options every bulk job takes, then the job's own `--verify`, the input's and the client's. */
export function jobOptions(command: Command, verify: Option): void {
  command
    .option("--dry-run", "print the plan and write the report; send no write")
    .option(
      "--journal <file>",
      "the journal; the same command with the same journal resumes (default: beside the report)",
    )
    .option("--report <file>", "the report, JSON (CSV too when the name ends in .csv)")
    .option("--yes", "do not ask for confirmation (required without a terminal)")
    .addOption(
      new Option("--daily-budget <n>", "calls allowed per UTC day across runs of the journal")
        .argParser(parseDailyBudget)
        .default(defaultDailyBudget),
    )
    .addOption(verify);
  inputOptions(command);
  runOptions(command);
}

/** A job's input read and its output paths checked: nothing has been sent yet. */
export interface JobInputRequest extends JobPaths {
  readonly input: IdFile;
  readonly dryRun: boolean;
}

/**
 * Refuses a run that could not ask for confirmation, reads the input file, and checks the report's and
 * the journal's paths (after the credentials, so that a usage error comes before any file is named).
 */
export async function readJobInput(
  flags: JobFlags,
  job: { readonly inputPath: string; readonly kind: IdKind; readonly verb: string },
  io: CliIo,
): Promise<JobInputRequest> {
  const dryRun = flags.dryRun === true;
  if (!dryRun && flags.yes !== true && !canAsk(io.stdin, io.stderr))
    throw new UsageError(
      `refusing to ${job.verb} without confirmation: there is no terminal to ask on; pass --yes to go ahead`,
    );
  const input = await readIdFile(resolve(io.cwd, job.inputPath), {
    kind: job.kind,
    format: flags.inputFormat,
    column: flags.column,
  });
  const paths = jobPaths(flags, job.inputPath, io.cwd, dryRun);
  requireCredentials(io.env);
  await checkPaths([{ what: "the input", path: resolve(io.cwd, job.inputPath) }], paths.outputs);
  return { ...paths, input, dryRun };
}

/**
 * Prints the warnings, opens the client's options and the progress view for `run`, and releases both
 * however it ends.
 */
export async function withJobClient(
  flags: JobFlags,
  ctx: CommandContext,
  warnings: readonly string[],
  run: (client: GongFlowsClientOptions, view: ProgressView) => Promise<number>,
): Promise<number> {
  const { err } = ctx.print;
  for (const warning of warnings) err(`gong-flows: warning: ${warning}`);
  const client = await clientOptions(flags, ctx.io, err);
  const view = progressView(flags, ctx.io, err);
  try {
    return await run(client.options, view);
  } finally {
    view.close();
    await client.close();
  }
}

/** The job options the command line gives every bulk job the same way. */
export function commandJobOptions(
  request: JobInputRequest,
  flags: JobFlags,
  ctx: CommandContext,
  view: ProgressView,
  client: GongFlowsClientOptions,
) {
  const { io } = ctx;
  return {
    client,
    journalPath: request.journalPath,
    reportPath: request.reportPath,
    dryRun: request.dryRun,
    dailyBudget: flags.dailyBudget,
    tool: toolName,
    resumeCommand: commandLine("gong-flows", ctx.argv, io.cwd),
    onProgress: (progress: JobProgress) => view.update(progress),
    ...(io.stopSignal === undefined ? {} : { signal: io.stopSignal }),
    ...(io.forceSignal === undefined ? {} : { forceSignal: io.forceSignal }),
  };
}

/** What a job's outcome is called in its messages. */
export interface OutcomeWords {
  /** The summary table, given the journal to name (none after a usage error). */
  readonly summary: (journal: string | undefined) => string;
  /** The line after a dry run's summary. */
  readonly dryRun: string;
  /** `nothing was unassigned`. */
  readonly nothingDone: string;
  /** What an incomplete run tells the user to look at. */
  readonly incomplete: string;
}

/** The summary on stdout; warnings, the stop and what to do next on stderr. */
export function printJobOutcome(
  result: {
    readonly exitCode: number;
    readonly warnings: readonly string[];
    readonly stoppedBecause: string | undefined;
  },
  request: { readonly dryRun: boolean; readonly journalPath: string | undefined },
  ctx: CommandContext,
  words: OutcomeWords,
): void {
  const { out, err } = ctx.print;
  for (const warning of result.warnings) err(`gong-flows: warning: ${warning}`);
  if (result.exitCode !== exitCodes.declined)
    out(words.summary(result.exitCode === exitCodes.usage ? undefined : request.journalPath));
  if (request.dryRun) out(words.dryRun);
  if (result.exitCode === exitCodes.stopped) {
    err(`gong-flows: stopped early: ${result.stoppedBecause ?? "unknown reason"}`);
    err("gong-flows: the journal holds everything done so far; resume with:");
    err(`  ${commandLine("gong-flows", ctx.argv, ctx.io.cwd)}`);
  } else if (result.exitCode === exitCodes.usage) {
    err(`gong-flows: ${result.stoppedBecause ?? "configuration error"}; ${words.nothingDone}`);
  } else if (result.exitCode === exitCodes.declined) {
    err(`gong-flows: not confirmed: ${words.nothingDone}, and nothing was written`);
  } else if (result.exitCode === exitCodes.incomplete) {
    err(`gong-flows: finished, but ${words.incomplete}`);
  }
}
