import { resolve } from "node:path";
import { type Command, Option } from "commander";
import { readIdFile, type IdFile } from "../../input/read-id-file.js";
import { runAssignJob } from "../../run/assign-job.js";
import type { AssignJobResult, AssignPlan } from "../../run/assign-options.js";
import { createJobClient } from "../../run/job-client.js";
import { defaultDailyBudget } from "../../run/run-job.js";
import { toolName } from "../../version.js";
import { chooseFlow, readFirstStep } from "../choose-flow.js";
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
import { jobPaths, type JobPaths } from "../job-paths.js";
import { parseDailyBudget, parseOwnerEmail } from "../options.js";
import { checkPaths } from "../output-paths.js";
import { progressView } from "../progress-view.js";
import { assignQuestion, flowLabel, renderAssignPlan, renderAssignSummary } from "../render-assign.js";
import { commandLine } from "../shell-quote.js";

interface AssignFlags extends RunFlags, InputFlags {
  prospects: string;
  flow: string;
  owner: string;
  dryRun?: boolean;
  journal?: string;
  report?: string;
  yes?: boolean;
  dailyBudget: number;
  verify: "unconfirmed" | "none";
}

/** `gong-flows assign`: puts CRM prospects into a flow. */
export function defineAssignCommand(program: Command, ctx: CommandContext): void {
  const assign = program
    .command("assign")
    .description("assign CRM prospects to a flow (those already in it are not sent)")
    .requiredOption("--prospects <file>", "CRM prospect ids: one per line, CSV with a header, or a JSON array")
    .requiredOption("--flow <id-or-name>", "the flow: its id, or its exact name (gong-flows flows lists them)")
    .requiredOption(
      "--owner <email>",
      "the Gong user who owns the flow instances created, among whose flows --flow is looked up",
    )
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
      new Option("--verify <what>", "settle unknown outcomes by listing the prospects, or not")
        .choices(["unconfirmed", "none"])
        .default("unconfirmed"),
    );
  inputOptions(assign);
  runOptions(assign);
  assign.action(async (flags: AssignFlags) => {
    ctx.exitWith(await assignAction(flags, ctx));
  });
}

/** What the command line asks for, checked, with its input read: nothing has been sent yet. */
interface AssignRequest extends JobPaths {
  readonly owner: string;
  readonly input: IdFile;
  readonly dryRun: boolean;
}

async function readAssignRequest(flags: AssignFlags, io: CliIo): Promise<AssignRequest> {
  const owner = parseOwnerEmail(flags.owner);
  const dryRun = flags.dryRun === true;
  if (!dryRun && flags.yes !== true && !canAsk(io.stdin, io.stderr))
    throw new UsageError(
      "refusing to assign without confirmation: there is no terminal to ask on; pass --yes to go ahead",
    );
  const input = await readIdFile(resolve(io.cwd, flags.prospects), {
    kind: "crmProspectId",
    format: flags.inputFormat,
    column: flags.column,
  });
  const paths = jobPaths(flags, flags.prospects, io.cwd, dryRun);
  requireCredentials(io.env);
  await checkPaths([{ what: "the input", path: resolve(io.cwd, flags.prospects) }], paths.outputs);
  return { ...paths, owner, input, dryRun };
}

async function assignAction(flags: AssignFlags, ctx: CommandContext): Promise<number> {
  const { io, argv } = ctx;
  const { out, err } = ctx.print;
  const request = await readAssignRequest(flags, io);
  for (const warning of request.input.warnings) err(`gong-flows: warning: ${warning}`);
  const client = await clientOptions(flags, io, err);
  const view = progressView(flags, io, err);
  try {
    const gong = createJobClient(client.options, () => {});
    const flow = await chooseFlow(gong, flags.flow, request.owner);
    const result = await runAssignJob({
      input: { entries: request.input.entries, file: flags.prospects },
      flow,
      flowInstanceOwnerEmail: request.owner,
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
        out(renderAssignPlan(plan, request.input));
      },
      confirm: flags.yes === true ? undefined : async (plan) => askYesNo(await question(plan), io.stdin, io.stderr),
      onProgress: (progress) => view.update(progress),
      ...(io.stopSignal === undefined ? {} : { signal: io.stopSignal }),
      ...(io.forceSignal === undefined ? {} : { forceSignal: io.forceSignal }),
    });
    view.stop();
    printAssignOutcome(result, request, ctx);
    return result.exitCode;
  } finally {
    view.close();
    await client.close();
  }

  async function question(plan: AssignPlan): Promise<string> {
    view.stop();
    const gong = createJobClient(client.options, () => {});
    return assignQuestion(plan, await readFirstStep(gong, plan.flow.id));
  }
}

/** The summary on stdout; warnings, the stop and what to do next on stderr. */
function printAssignOutcome(result: AssignJobResult, request: AssignRequest, ctx: CommandContext): void {
  const { out, err } = ctx.print;
  for (const warning of result.warnings) err(`gong-flows: warning: ${warning}`);
  if (result.exitCode !== exitCodes.declined) {
    const journal = result.exitCode === exitCodes.usage ? undefined : request.journalPath;
    out(renderAssignSummary(result.report, { report: result.reportFiles, journal }));
  }
  if (request.dryRun)
    out(`Dry run: nothing was assigned to ${flowLabel({ id: result.report.flowId, name: result.report.flowName })}.`);
  if (result.exitCode === exitCodes.stopped) {
    err(`gong-flows: stopped early: ${result.stoppedBecause ?? "unknown reason"}`);
    err("gong-flows: the journal holds everything done so far; resume with:");
    err(`  ${commandLine("gong-flows", ctx.argv, ctx.io.cwd)}`);
  } else if (result.exitCode === exitCodes.usage) {
    err(`gong-flows: ${result.stoppedBecause ?? "configuration error"}; nothing was assigned`);
  } else if (result.exitCode === exitCodes.declined) {
    err("gong-flows: not confirmed: nothing was assigned, and nothing was written");
  } else if (result.exitCode === exitCodes.incomplete) {
    err(
      "gong-flows: finished, but not every prospect is in the flow: see the report's notAssigned, unconfirmed and unprocessed lists",
    );
  }
}
