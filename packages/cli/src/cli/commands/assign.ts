import { type Command, Option } from "commander";
import { runAssignJob } from "../../run/assign-job.js";
import type { AssignJobResult, AssignPlan } from "../../run/assign-options.js";
import { createJobClient } from "../../run/job-client.js";
import { chooseFlow, readFirstStep } from "../choose-flow.js";
import type { CliIo, CommandContext } from "../cli-io.js";
import { askYesNo } from "../confirm.js";
import {
  commandJobOptions,
  type JobFlags,
  type JobInputRequest,
  jobOptions,
  printJobOutcome,
  readJobInput,
  withJobClient,
} from "../job-command.js";
import { parseOwnerEmail } from "../options.js";
import { assignQuestion, flowLabel, renderAssignPlan, renderAssignSummary } from "../render-assign.js";

interface AssignFlags extends JobFlags {
  prospects: string;
  flow: string;
  owner: string;
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
    );
  jobOptions(
    assign,
    new Option("--verify <what>", "settle unknown outcomes by listing the prospects, or not")
      .choices(["unconfirmed", "none"])
      .default("unconfirmed"),
  );
  assign.action(async (flags: AssignFlags) => {
    ctx.exitWith(await assignAction(flags, ctx));
  });
}

/** What the command line asks for, checked, with its input read: nothing has been sent yet. */
interface AssignRequest extends JobInputRequest {
  readonly owner: string;
}

async function readAssignRequest(flags: AssignFlags, io: CliIo): Promise<AssignRequest> {
  const owner = parseOwnerEmail(flags.owner);
  const job = await readJobInput(flags, { inputPath: flags.prospects, kind: "crmProspectId", verb: "assign" }, io);
  return { ...job, owner };
}

async function assignAction(flags: AssignFlags, ctx: CommandContext): Promise<number> {
  const { io } = ctx;
  const { out } = ctx.print;
  const request = await readAssignRequest(flags, io);
  return withJobClient(flags, ctx, request.input.warnings, async (client, view) => {
    const lookup = createJobClient(client, () => {});
    const flow = await chooseFlow(lookup, flags.flow, request.owner);
    const question = async (plan: AssignPlan): Promise<string> => {
      view.stop();
      return assignQuestion(plan, await readFirstStep(lookup, plan.flow.id));
    };
    const result = await runAssignJob({
      ...commandJobOptions(request, flags, ctx, view, client),
      input: { entries: request.input.entries, file: flags.prospects },
      flow,
      flowInstanceOwnerEmail: request.owner,
      verify: flags.verify,
      onPlan: (plan) => {
        view.stop();
        out(renderAssignPlan(plan, request.input));
      },
      confirm: flags.yes === true ? undefined : async (plan) => askYesNo(await question(plan), io.stdin, io.stderr),
    });
    view.stop();
    printAssignOutcome(result, request, ctx);
    return result.exitCode;
  });
}

/** The summary on stdout; warnings, the stop and what to do next on stderr. */
function printAssignOutcome(result: AssignJobResult, request: AssignRequest, ctx: CommandContext): void {
  const flow = flowLabel({ id: result.report.flowId, name: result.report.flowName });
  printJobOutcome(result, request, ctx, {
    summary: (journal) => renderAssignSummary(result.report, { report: result.reportFiles, journal }),
    dryRun: `Dry run: nothing was assigned to ${flow}.`,
    nothingDone: "nothing was assigned",
    incomplete: "not every prospect is in the flow: see the report's notAssigned, unconfirmed and unprocessed lists",
  });
}
