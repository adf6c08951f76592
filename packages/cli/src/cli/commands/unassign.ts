import { resolve } from "node:path";
import type { GongFlowsClientOptions } from "@gong-flows/client";
import { type Command, Option } from "commander";
import { readIdFile, type IdFile } from "../../input/read-id-file.js";
import type { Strategy } from "../../plan/cost.js";
import { parseStatuses } from "../../plan/filter.js";
import type { PlanSummary } from "../../plan/plan-summary.js";
import type { VerifyMode } from "../../report/report.js";
import { createJobClient } from "../../run/job-client.js";
import { defaultDailyBudget, runUnassignJob, type UnassignJobResult } from "../../run/run-job.js";
import { toolName } from "../../version.js";
import { chooseFlow } from "../choose-flow.js";
import type { CliIo, CommandContext } from "../cli-io.js";
import {
  clientOptions,
  inputOptions,
  requireCredentials,
  runOptions,
  type InputFlags,
  type RunFlags,
} from "../client-options.js";
import { askYesNo, canAsk } from "../confirm.js";
import { exitCodes, UsageError } from "../exit-codes.js";
import { jobPaths } from "../job-paths.js";
import { parseDailyBudget, parseEmail, parseOwnerEmail } from "../options.js";
import { checkPaths } from "../output-paths.js";
import { progressView } from "../progress-view.js";
import { renderPlan, renderSummary } from "../render.js";
import { commandLine } from "../shell-quote.js";

interface UnassignFlags extends RunFlags, InputFlags {
  prospects?: string;
  flowInstances?: string;
  flow: string[];
  owner?: string;
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

const collect = (value: string, previous: string[]) => [...previous, value];

/** `gong-flows unassign`: takes prospects out of their flows, or removes the given flow instances. */
export function defineUnassignCommand(program: Command, ctx: CommandContext): void {
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
      new Option("--flow <id>", "only instances of this flow (repeatable); with --owner, its id or exact name")
        .argParser(collect)
        .default([], "any flow"),
    )
    .option("--owner <email>", "look --flow up among the flows of this Gong user, so that it may be a flow's name")
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
    ctx.exitWith(await unassignAction(flags, ctx));
  });
}

/** What the command line asks for, checked, with its input read: nothing has been sent yet. */
interface UnassignRequest {
  readonly mode: "prospects" | "flow-instances";
  readonly inputPath: string;
  readonly input: IdFile;
  readonly statuses: string[];
  readonly warnings: readonly string[];
  readonly unassignedByUserEmail: string | undefined;
  readonly dryRun: boolean;
  readonly reportPath: string;
  readonly journalPath: string | undefined;
}

async function readUnassignRequest(flags: UnassignFlags, io: CliIo): Promise<UnassignRequest> {
  if ((flags.prospects === undefined) === (flags.flowInstances === undefined)) {
    throw new UsageError("give exactly one of --prospects FILE and --flow-instances FILE");
  }
  const statuses = parseStatuses(flags.status);
  if ("error" in statuses) throw new UsageError(statuses.error);
  const unassignedByUserEmail = flags.unassignedBy === undefined ? undefined : parseEmail(flags.unassignedBy);
  if (flags.owner !== undefined) parseOwnerEmail(flags.owner);
  const dryRun = flags.dryRun === true;
  if (!dryRun && flags.yes !== true && !canAsk(io.stdin, io.stderr)) {
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
  const { reportPath, journalPath, outputs } = jobPaths(flags, inputPath, io.cwd, dryRun);
  requireCredentials(io.env);
  await checkPaths([{ what: "the input", path: resolve(io.cwd, inputPath) }], outputs);
  const warnings = [...input.warnings, ...statuses.warnings];
  return {
    mode,
    inputPath,
    input,
    statuses: statuses.statuses,
    warnings,
    unassignedByUserEmail,
    dryRun,
    reportPath,
    journalPath,
  };
}

async function unassignAction(flags: UnassignFlags, ctx: CommandContext): Promise<number> {
  const { io, argv } = ctx;
  const { out, err } = ctx.print;
  const request = await readUnassignRequest(flags, io);
  for (const warning of request.warnings) err(`gong-flows: warning: ${warning}`);
  const client = await clientOptions(flags, io, err);
  const view = progressView(flags, io, err);
  try {
    const flowIds = await flowIdsOf(flags, client.options);
    const result = await runUnassignJob({
      input: { mode: request.mode, entries: request.input.entries, file: request.inputPath },
      filter: { flowIds, statuses: request.statuses },
      strategy: flags.strategy,
      unassignedByUserEmail: request.unassignedByUserEmail,
      client: client.options,
      journalPath: request.journalPath,
      reportPath: request.reportPath,
      dryRun: request.dryRun,
      dailyBudget: flags.dailyBudget,
      verify: flags.verify,
      tool: toolName,
      resumeCommand: commandLine("gong-flows", argv, io.cwd),
      onPlan: (plan) => {
        view.stop();
        out(renderPlan(plan, request.input));
      },
      confirm: flags.yes === true ? undefined : (plan) => confirmUnassign(plan, io, view),
      onProgress: (progress) => view.update(progress),
      ...(io.stopSignal === undefined ? {} : { signal: io.stopSignal }),
      ...(io.forceSignal === undefined ? {} : { forceSignal: io.forceSignal }),
    });
    view.stop();
    printOutcome(result, request, ctx);
    return result.exitCode;
  } finally {
    view.close();
    await client.close();
  }
}

function confirmUnassign(plan: PlanSummary, io: CliIo, view: { stop(): void }): Promise<boolean> {
  view.stop();
  const what =
    plan.strategy === "by-crm-id" ? `${plan.toSend} prospect(s) out of their flows` : `${plan.toSend} flow instance(s)`;
  return askYesNo(`Unassign ${what} in ${plan.callsNeeded.total} call(s)?`, io.stdin, io.stderr);
}

/** The summary on stdout; warnings, the stop and what to do next on stderr. */
function printOutcome(result: UnassignJobResult, request: UnassignRequest, ctx: CommandContext): void {
  const { out, err } = ctx.print;
  for (const warning of result.warnings) err(`gong-flows: warning: ${warning}`);
  if (result.exitCode !== exitCodes.declined)
    out(
      renderSummary(result.report, {
        report: result.reportFiles,
        journal: result.exitCode === exitCodes.usage ? undefined : request.journalPath,
      }),
    );
  if (request.dryRun) out("Dry run: nothing was unassigned.");
  if (result.exitCode === exitCodes.stopped) {
    err(`gong-flows: stopped early: ${result.stoppedBecause ?? "unknown reason"}`);
    err("gong-flows: the journal holds everything done so far; resume with:");
    err(`  ${commandLine("gong-flows", ctx.argv, ctx.io.cwd)}`);
  } else if (result.exitCode === exitCodes.usage) {
    err(`gong-flows: ${result.stoppedBecause ?? "configuration error"}; nothing was unassigned`);
  } else if (result.exitCode === exitCodes.declined) {
    err("gong-flows: not confirmed: nothing was unassigned, and nothing was written");
  } else if (result.exitCode === exitCodes.incomplete) {
    err(
      "gong-flows: finished, but not every planned flow instance is unassigned: see the report's notUnassigned, unconfirmed and unprocessed lists",
    );
  }
}

/** The `--flow` ids: as given, or, with `--owner`, each looked up by id or exact name among that user's flows. */
async function flowIdsOf(flags: UnassignFlags, options: GongFlowsClientOptions): Promise<string[]> {
  if (flags.owner === undefined || flags.flow.length === 0) return flags.flow;
  const gong = createJobClient(options, () => {});
  const ids: string[] = [];
  for (const value of flags.flow) ids.push((await chooseFlow(gong, value, flags.owner)).id);
  return ids;
}
