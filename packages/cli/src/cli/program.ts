import { resolve } from "node:path";
import {
  defaultOptions,
  formatDuration,
  GongAbortError,
  GongBatchError,
  GongConfigurationError,
  GongError,
  GongRateLimitError,
  type AssignedFlow,
  type GongFlowsClientOptions,
} from "@gong-flows/client";
import { RedisStoreError } from "@gong-flows/redis-rate-limit";
import { Command, CommanderError, Option } from "commander";
import { InputFileError, readIdFile, type InputFormat } from "../input/read-id-file.js";
import { JournalError } from "../journal/errors.js";
import { parseStatuses } from "../plan/filter.js";
import type { Strategy } from "../plan/cost.js";
import { writeWhole, type VerifyMode } from "../report/report.js";
import { defaultDailyBudget, JobSetupError, runUnassignJob, type JobProgress } from "../run/run-job.js";
import { createJobClient } from "../run/job-client.js";
import { knownSecrets, redactor } from "../secrets.js";
import { toolName } from "../version.js";
import { askYesNo, canAsk } from "./confirm.js";
import { exitCodes, UsageError } from "./exit-codes.js";
import {
  defaultPaths,
  journalBeside,
  parseDailyBudget,
  parseEmail,
  parseRedisUrl,
  parseRps,
  parseTimeoutMs,
} from "./options.js";
import { barProgress, lineProgress, noProgress, type ProgressView } from "./progress.js";
import { renderFlows, renderPlan, renderSummary } from "./render.js";
import { checkPaths, type NamedPath } from "./output-paths.js";
import { commandLine } from "./shell-quote.js";
import { openSharedRateLimit, SharedRateLimitError, sharedRateLimitKey } from "./redis-store.js";

/** Where the CLI reads and writes; the real process's by default (tests pass their own). */
export interface CliIo {
  /** Where the plan, the summary and `list`'s output go. */
  readonly stdout: NodeJS.WritableStream;
  /** Where progress, warnings and errors go (a progress bar when it is a terminal). */
  readonly stderr: NodeJS.WriteStream;
  /** Where the confirmation is read from (asked only when it and `stderr` are terminals). */
  readonly stdin: NodeJS.ReadStream;
  /** The folder relative paths are resolved from. */
  readonly cwd: string;
  /** The environment: credentials, `GONG_FLOWS_REDIS_URL` and the other variables the CLI reads. */
  readonly env: NodeJS.ProcessEnv;
  /** Aborted on the first SIGINT/SIGTERM: stop gracefully. */
  readonly stopSignal?: AbortSignal | undefined;
  /** Aborted on the second: stop at once. */
  readonly forceSignal?: AbortSignal | undefined;
}

interface RunOptions {
  rps: number;
  baseUrl?: string;
  timeoutMs?: number;
  redis?: string;
  redisKey?: string;
  progress: boolean;
}

interface UnassignFlags extends RunOptions {
  prospects?: string;
  flowInstances?: string;
  column?: string;
  inputFormat: InputFormat;
  flow: string[];
  status: string[];
  strategy: Strategy | "auto";
  unassignedBy?: string;
  dryRun?: boolean;
  journal?: string;
  report?: string;
  yes?: boolean;
  dailyBudget: number;
  verify: VerifyMode;
}

interface ListFlags extends RunOptions {
  prospects: string;
  column?: string;
  inputFormat: InputFormat;
  format: "table" | "csv" | "json";
  out?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/**
 * Runs the `gong-flows` command line with `argv` (the arguments after the program name) and
 * resolves with the exit code. Everything it prints passes through the redactor of the secrets it
 * knows (the credentials in the environment, a Redis password).
 */
export async function runCli(argv: readonly string[], partialIo: Partial<CliIo> = {}): Promise<number> {
  const io: CliIo = {
    stdout: partialIo.stdout ?? process.stdout,
    stderr: partialIo.stderr ?? process.stderr,
    stdin: partialIo.stdin ?? process.stdin,
    cwd: partialIo.cwd ?? process.cwd(),
    env: partialIo.env ?? process.env,
    stopSignal: partialIo.stopSignal,
    forceSignal: partialIo.forceSignal,
  };
  const redact = redactor(knownSecrets({ env: io.env, redisUrl: io.env["GONG_FLOWS_REDIS_URL"] }));
  const out = (text: string) => io.stdout.write(`${redact(text)}\n`);
  const err = (text: string) => io.stderr.write(`${redact(text)}\n`);
  let exitCode: number = exitCodes.done;

  const program = new Command("gong-flows")
    .description("Take CRM prospects out of their Gong Engage flows in bulk: planned, journaled, resumable, verified.")
    .version(toolName, "-V, --version")
    .showHelpAfterError("(run gong-flows --help for usage)")
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .addHelpText(
      "after",
      `
Credentials come from the environment, as @gong-flows/client reads them:
  GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET, or GONG_BEARER_TOKEN; the base URL from --base-url or
  GONG_BASE_URL (default https://api.gong.io).
  GONG_FLOWS_REDIS_URL shares one rate limit with other processes through Redis (like --redis).

Exit codes: 0 done; 1 finished, but some instances are not unassigned or unconfirmed;
            2 usage, configuration or input error (nothing sent); 3 stopped early, resumable;
            4 not confirmed (nothing sent).`,
    );

  const unassign = program
    .command("unassign")
    .description(
      "take prospects out of their flows (--prospects), or remove the given flow instances (--flow-instances)",
    )
    .option("--prospects <file>", "CRM prospect ids: one per line, CSV with a header, or a JSON array")
    .option(
      "--flow-instances <file>",
      "flow-instance ids (with a crmProspectId column, unknown outcomes can be checked)",
    )
    .addOption(
      new Option("--flow <id>", "only instances of this flow (repeatable)").argParser(collect).default([], "any flow"),
    )
    .addOption(
      new Option("--status <list>", "only instances in these statuses, e.g. Running,Pending,Paused (repeatable)")
        .argParser(collect)
        .default([], "any status"),
    )
    .addOption(
      new Option("--strategy <strategy>", "how to unassign; auto lets the cost model choose")
        .choices(["auto", "list-then-batch", "by-crm-id"])
        .default("auto"),
    )
    .option("--unassigned-by <email>", "the Gong user on whose behalf (sent as unassignedByUserEmail)")
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
    .addOption(
      new Option("--verify <what>", "re-list after the run: the unconfirmed, all prospects, or none")
        .choices(["unconfirmed", "all", "none"])
        .default("unconfirmed"),
    );
  inputOptions(unassign);
  runOptions(unassign);
  unassign.action(async (flags: UnassignFlags) => {
    exitCode = await unassignAction(flags, argv, io, { out, err });
  });

  const list = program
    .command("list")
    .description("list the flows assigned to prospects")
    .requiredOption("--prospects <file>", "CRM prospect ids: one per line, CSV with a header, or a JSON array")
    .addOption(new Option("--format <format>", "output format").choices(["table", "csv", "json"]).default("table"))
    .option("--out <file>", "write the output to a file instead of standard output");
  inputOptions(list);
  runOptions(list);
  list.action(async (flags: ListFlags) => {
    exitCode = await listAction(flags, io, { out, err });
  });

  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === "commander.helpDisplayed" ||
        error.code === "commander.version" ||
        error.code === "commander.help"
        ? exitCodes.done
        : exitCodes.usage;
    }
    if (isSetupError(error)) {
      err(`gong-flows: ${error instanceof Error ? error.message : String(error)}`);
      return exitCodes.usage;
    }
    // One line, never a stack trace: what the user can act on is the message.
    err(`gong-flows: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    return exitCodes.stopped;
  }
}

/** The options of every command that calls Gong. */
function runOptions(command: Command): Command {
  return command
    .option(
      "--base-url <url>",
      "Gong's API base URL, e.g. your OAuth app's customer-specific one (default: GONG_BASE_URL, else https://api.gong.io)",
    )
    .addOption(
      new Option("--rps <n>", "client-side rate limit in calls per second; 0 turns it off (a local mock)")
        .argParser(parseRps)
        .default(defaultOptions.requestsPerSecond),
    )
    .addOption(
      new Option(
        "--timeout-ms <n>",
        `time allowed for each call's answer, in ms (default ${defaultOptions.timeoutMs}); also how long Gong may still work on a request that got none`,
      ).argParser(parseTimeoutMs),
    )
    .option(
      "--redis <url>",
      "share the rate limit with other processes through Redis (or GONG_FLOWS_REDIS_URL); no password in the flag",
    )
    .option(
      "--redis-key <key>",
      "the Redis key of the shared limit (every process sharing one quota uses the same; default: one derived from the Gong account)",
    )
    .option("--no-progress", "no progress bar or progress lines");
}

/** The options of every command that reads an id file. */
function inputOptions(command: Command): Command {
  return command
    .option(
      "--column <name>",
      "the CSV column (or JSON property) with the ids (default crmProspectId / flowInstanceId)",
    )
    .addOption(
      new Option("--input-format <format>", "how the input file is laid out")
        .choices(["auto", "lines", "csv", "json"])
        .default("auto"),
    );
}

/** Errors that mean "fix the command, the input or the configuration": exit 2, nothing sent. */
function isSetupError(error: unknown): boolean {
  return (
    error instanceof UsageError ||
    error instanceof InputFileError ||
    error instanceof JournalError ||
    error instanceof JobSetupError ||
    error instanceof GongConfigurationError ||
    error instanceof SharedRateLimitError
  );
}

interface Printers {
  out: (text: string) => void;
  err: (text: string) => void;
}

/**
 * The client's options for this run, once the environment holds credentials: said in the terms of the
 * command line (which variables to set), not the library's.
 */
async function clientOptions(
  flags: RunOptions,
  io: CliIo,
  err: (text: string) => void,
): Promise<{ options: GongFlowsClientOptions; close: () => Promise<void> }> {
  requireCredentials(io.env);
  const base = flags.baseUrl === undefined ? {} : { baseUrl: flags.baseUrl };
  const timeout = flags.timeoutMs === undefined ? {} : { timeoutMs: flags.timeoutMs };
  const { options, close } = await rateLimitOptions(flags, io, err);
  return { options: { ...base, ...timeout, ...options }, close };
}

/** Credentials in the environment, or a usage error that names the variables to set. */
function requireCredentials(env: NodeJS.ProcessEnv): void {
  const given = (name: string) => (env[name] ?? "").trim() !== "";
  if (!given("GONG_ACCESS_KEY") && !given("GONG_ACCESS_KEY_SECRET") && !given("GONG_BEARER_TOKEN")) {
    throw new UsageError(
      "no Gong credentials: set GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET (or GONG_BEARER_TOKEN for an OAuth app) in the environment",
    );
  }
}

async function rateLimitOptions(
  flags: RunOptions,
  io: CliIo,
  err: (text: string) => void,
): Promise<{ options: GongFlowsClientOptions; close: () => Promise<void> }> {
  const redisUrl = parseRedisUrl(flags.redis, io.env["GONG_FLOWS_REDIS_URL"]);
  if (flags.rps === 0) {
    if (redisUrl !== undefined)
      throw new UsageError("--rps 0 turns the rate limit off, so there is nothing to share through --redis");
    return { options: { rateLimit: false }, close: async () => {} };
  }
  if (redisUrl === undefined) {
    if (flags.redisKey !== undefined)
      throw new UsageError(
        "--redis-key names the key of a rate limit shared through Redis: give --redis (or GONG_FLOWS_REDIS_URL) too",
      );
    return { options: { rateLimit: { requestsPerSecond: flags.rps } }, close: async () => {} };
  }
  const shared = await openSharedRateLimit(redisUrl, flags.redisKey ?? sharedRateLimitKey(io.env));
  err(
    `gong-flows: sharing the rate limit of ${flags.rps} call(s)/s through Redis at ${shared.redisUrl}, key ${shared.key}`,
  );
  return { options: { rateLimit: { requestsPerSecond: flags.rps, store: shared.store } }, close: shared.close };
}

/**
 * The progress view for this run, kept fresh once a second even between answers (a 429 wait counts
 * down, CI logs get their line every few seconds while nothing else happens).
 */
function progressView(flags: RunOptions, io: CliIo, err: (text: string) => void): ProgressView & { close(): void } {
  if (!flags.progress) return { ...noProgress, close() {} };
  const view = io.stderr.isTTY === true ? barProgress(io.stderr) : lineProgress(err);
  let last: JobProgress | undefined;
  const ticker = setInterval(() => {
    if (last !== undefined) view.update(last);
  }, 1_000);
  ticker.unref();
  return {
    update(progress) {
      last = progress;
      view.update(progress);
    },
    note: (line) => view.note(line),
    stop() {
      last = undefined;
      view.stop();
    },
    close() {
      clearInterval(ticker);
      last = undefined;
      view.stop();
    },
  };
}

/** Process signals as the job sees them. */
function signals(io: CliIo): { signal?: AbortSignal; forceSignal?: AbortSignal } {
  return {
    ...(io.stopSignal === undefined ? {} : { signal: io.stopSignal }),
    ...(io.forceSignal === undefined ? {} : { forceSignal: io.forceSignal }),
  };
}

async function unassignAction(
  flags: UnassignFlags,
  argv: readonly string[],
  io: CliIo,
  { out, err }: Printers,
): Promise<number> {
  if ((flags.prospects === undefined) === (flags.flowInstances === undefined)) {
    throw new UsageError("give exactly one of --prospects FILE and --flow-instances FILE");
  }
  const statuses = parseStatuses(flags.status);
  if ("error" in statuses) throw new UsageError(statuses.error);
  const unassignedByUserEmail = flags.unassignedBy === undefined ? undefined : parseEmail(flags.unassignedBy);
  const dryRun = flags.dryRun === true;
  const interactive = canAsk(io.stdin, io.stderr);
  if (!dryRun && flags.yes !== true && !interactive) {
    throw new UsageError(
      "refusing to unassign without confirmation: there is no terminal to ask on; pass --yes to go ahead",
    );
  }
  const mode = flags.prospects !== undefined ? "prospects" : "flow-instances";
  const inputPath = (flags.prospects ?? flags.flowInstances)!;
  const input = await readIdFile(resolve(io.cwd, inputPath), {
    kind: mode === "prospects" ? "crmProspectId" : "flowInstanceId",
    format: flags.inputFormat,
    column: flags.column,
  });
  const reportPath =
    flags.report === undefined ? defaultPaths(inputPath, io.cwd, dryRun).report : resolve(io.cwd, flags.report);
  const journalPath = dryRun
    ? undefined
    : flags.journal === undefined
      ? journalBeside(reportPath)
      : resolve(io.cwd, flags.journal);
  requireCredentials(io.env);
  await checkPaths(
    [{ what: "the input", path: resolve(io.cwd, inputPath) }],
    unassignOutputs(flags, reportPath, journalPath, dryRun),
  );
  for (const warning of [...input.warnings, ...statuses.warnings]) err(`gong-flows: warning: ${warning}`);

  const client = await clientOptions(flags, io, err);
  const view = progressView(flags, io, err);
  try {
    const result = await runUnassignJob({
      input: { mode, entries: input.entries, file: inputPath },
      filter: { flowIds: flags.flow, statuses: statuses.statuses },
      strategy: flags.strategy,
      unassignedByUserEmail,
      client: client.options,
      journalPath,
      reportPath,
      dryRun,
      dailyBudget: flags.dailyBudget,
      verify: flags.verify,
      tool: toolName,
      resumeCommand: commandLine("gong-flows", argv, io.cwd),
      onPlan: (plan) => {
        view.stop();
        out(renderPlan(plan, input));
      },
      confirm:
        flags.yes === true
          ? undefined
          : async (plan) => {
              view.stop();
              const what =
                plan.strategy === "by-crm-id"
                  ? `${plan.toSend} prospect(s) out of their flows`
                  : `${plan.toSend} flow instance(s)`;
              return askYesNo(`Unassign ${what} in ${plan.callsNeeded.total} call(s)?`, io.stdin, io.stderr);
            },
      onProgress: (progress) => view.update(progress),
      ...signals(io),
    });
    view.stop();
    for (const warning of result.warnings) err(`gong-flows: warning: ${warning}`);
    if (result.exitCode !== exitCodes.declined)
      out(
        renderSummary(result.report, {
          report: result.reportFiles,
          journal: result.exitCode === exitCodes.usage ? undefined : journalPath,
        }),
      );
    if (dryRun) out("Dry run: nothing was unassigned.");
    if (result.exitCode === exitCodes.stopped) {
      err(`gong-flows: stopped early: ${result.stoppedBecause ?? "unknown reason"}`);
      err("gong-flows: the journal holds everything done so far; resume with:");
      err(`  ${commandLine("gong-flows", argv, io.cwd)}`);
    } else if (result.exitCode === exitCodes.usage) {
      err(`gong-flows: ${result.stoppedBecause ?? "configuration error"}; nothing was unassigned`);
    } else if (result.exitCode === exitCodes.declined) {
      err("gong-flows: not confirmed: nothing was unassigned, and nothing was written");
    } else if (result.exitCode === exitCodes.incomplete) {
      err(
        "gong-flows: finished, but not every planned flow instance is unassigned: see the report's notUnassigned, unconfirmed and unprocessed lists",
      );
    }
    return result.exitCode;
  } finally {
    view.close();
    await client.close();
  }
}

/** The files an unassign job writes, named as the user named them. */
function unassignOutputs(
  flags: UnassignFlags,
  reportPath: string,
  journalPath: string | undefined,
  dryRun: boolean,
): NamedPath[] {
  const report = flags.report === undefined ? (dryRun ? "the plan" : "the report") : "--report";
  const outputs: NamedPath[] = [{ what: report, path: reportPath }];
  if (reportPath.toLowerCase().endsWith(".csv"))
    outputs.push({ what: `the JSON beside ${report}`, path: `${reportPath.slice(0, -4)}.json` });
  if (journalPath !== undefined) {
    const journal = flags.journal === undefined ? "the journal" : "--journal";
    outputs.push({ what: journal, path: journalPath }, { what: `the lock of ${journal}`, path: `${journalPath}.lock` });
  }
  return outputs;
}

async function listAction(flags: ListFlags, io: CliIo, { out, err }: Printers): Promise<number> {
  const input = await readIdFile(resolve(io.cwd, flags.prospects), {
    kind: "crmProspectId",
    format: flags.inputFormat,
    column: flags.column,
  });
  requireCredentials(io.env);
  if (flags.out !== undefined)
    await checkPaths(
      [{ what: "the input", path: resolve(io.cwd, flags.prospects) }],
      [{ what: "--out", path: resolve(io.cwd, flags.out) }],
    );
  for (const warning of input.warnings) err(`gong-flows: warning: ${warning}`);
  const client = await clientOptions(flags, io, err);
  const view = progressView(flags, io, err);
  const prospects = input.entries.map((e) => e.id);
  let listed = 0;
  let calls = 0;
  let exitCode: number = exitCodes.done;
  let flows: readonly AssignedFlow[] = [];
  let failedWithNothing = false;
  try {
    const gong = createJobClient(client.options, (event) => {
      if (event.type === "request") calls += 1;
      if (event.type === "response" && event.status === 200) {
        listed = Math.min(prospects.length, listed + (client.options.listBatchSize ?? defaultOptions.listBatchSize));
        view.update({ phase: "plan", done: listed, total: prospects.length, calls, holdUntil: undefined });
      }
    });
    if (prospects.length > 0) {
      try {
        const controller = new AbortController();
        const onStop = () => controller.abort(new Error("stopped by a signal"));
        io.stopSignal?.addEventListener("abort", onStop, { once: true });
        try {
          flows = (await gong.listAssignedFlows({ crmProspectsIds: prospects }, { signal: controller.signal })).flows;
        } finally {
          io.stopSignal?.removeEventListener("abort", onStop);
        }
      } catch (error) {
        view.stop();
        failedWithNothing = !(error instanceof GongBatchError) || error.flows.length === 0;
        if (error instanceof GongBatchError) {
          flows = error.flows;
          err(`gong-flows: ${error.message}`);
          err(`gong-flows: ${error.unprocessedIds.length} prospect(s) were not listed (the output holds the others):`);
          for (const id of error.unprocessedIds) err(`  ${id}`);
        } else if (error instanceof GongError) {
          err(`gong-flows: ${error.message}`);
        } else throw error;
        // Stopped, not failed: a signal (also when it ended a batch half-way), the quota, or a shared rate
        // limit whose Redis went away (nothing was sent without a slot): the same command can be run again.
        const stopped =
          io.stopSignal?.aborted === true ||
          error instanceof GongRateLimitError ||
          error instanceof GongAbortError ||
          error instanceof RedisStoreError;
        exitCode = stopped ? exitCodes.stopped : exitCodes.incomplete;
        if (error instanceof GongRateLimitError && error.retryAfterMs !== undefined)
          err(`gong-flows: run it again in ${formatDuration(error.retryAfterMs)}`);
      }
    }
  } finally {
    view.close();
    await client.close();
  }
  // Nothing was listed: print no table, no empty CSV or JSON that a pipeline would take for "no flows".
  if (failedWithNothing) return exitCode;
  const text = renderFlows(flows, flags.format);
  if (flags.out !== undefined) {
    try {
      await writeWhole(resolve(io.cwd, flags.out), [text]);
    } catch (error) {
      // A full disk, say: no partial file is left (it is written aside and renamed into place).
      err(
        `gong-flows: could not write --out ${flags.out} (${(error as NodeJS.ErrnoException).code ?? String(error)}); run the same command again`,
      );
      return exitCodes.stopped;
    }
    err(
      `gong-flows: ${flows.length} flow instance(s) of ${new Set(flows.map((f) => f.crmProspectId)).size} prospect(s) written to ${flags.out}`,
    );
  } else out(text.replace(/\n$/, ""));
  return exitCode;
}
