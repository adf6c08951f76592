import type { GongFlowsClientOptions } from "@gong-flows/client";
import { type Command, Option } from "commander";
import type { Strategy } from "../../plan/cost.js";
import { parseStatuses } from "../../plan/filter.js";
import type { PlanSummary } from "../../plan/plan-summary.js";
import type { VerifyMode } from "../../report/report.js";
import { createJobClient } from "../../run/job-client.js";
import { runUnassignJob, type UnassignJobResult } from "../../run/run-job.js";
import { chooseFlow } from "../choose-flow.js";
import type { CliIo, CommandContext } from "../cli-io.js";
import { askYesNo } from "../confirm.js";
import { UsageError } from "../exit-codes.js";
import {
  commandJobOptions,
  type JobFlags,
  type JobInputRequest,
  jobOptions,
  printJobOutcome,
  readJobInput,
  withJobClient,
} from "../job-command.js";
import { parseEmail, parseOwnerEmail } from "../options.js";
import { renderPlan, renderSummary } from "../render.js";

interface UnassignFlags extends JobFlags {
  prospects?: string;
  flowInstances?: string;
  flow: string[];
  owner?: string;
  status: string[];
  strategy: Strategy | "auto";
  unassignedBy?: string;
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
    .option("--unassigned-by <email>", "the Gong user on whose behalf (sent as unassignedByUserEmail)");
  jobOptions(
    unassign,
    new Option("--verify <what>", "re-list after the run: the unconfirmed, all prospects, or none")
      .choices(["unconfirmed", "all", "none"])
      .default("unconfirmed"),
  );
  unassign.action(async (flags: UnassignFlags) => {
    ctx.exitWith(await unassignAction(flags, ctx));
  });
}

/** What the command line asks for, checked, with its input read: nothing has been sent yet. */
interface UnassignRequest extends JobInputRequest {
  readonly mode: "prospects" | "flow-instances";
  readonly inputPath: string;
  readonly statuses: string[];
  readonly warnings: readonly string[];
  readonly unassignedByUserEmail: string | undefined;
}

async function readUnassignRequest(flags: UnassignFlags, io: CliIo): Promise<UnassignRequest> {
  if ((flags.prospects === undefined) === (flags.flowInstances === undefined)) {
    throw new UsageError("give exactly one of --prospects FILE and --flow-instances FILE");
  }
  const statuses = parseStatuses(flags.status);
  if ("error" in statuses) throw new UsageError(statuses.error);
  const unassignedByUserEmail = flags.unassignedBy === undefined ? undefined : parseEmail(flags.unassignedBy);
  if (flags.owner !== undefined) parseOwnerEmail(flags.owner);
  const mode = flags.prospects !== undefined ? "prospects" : "flow-instances";
  const inputPath = (flags.prospects ?? flags.flowInstances)!;
  const kind = mode === "prospects" ? "crmProspectId" : "flowInstanceId";
  const job = await readJobInput(flags, { inputPath, kind, verb: "unassign" }, io);
  const warnings = [...job.input.warnings, ...statuses.warnings];
  return { ...job, mode, inputPath, statuses: statuses.statuses, warnings, unassignedByUserEmail };
}

async function unassignAction(flags: UnassignFlags, ctx: CommandContext): Promise<number> {
  const { io } = ctx;
  const { out } = ctx.print;
  const request = await readUnassignRequest(flags, io);
  return withJobClient(flags, ctx, request.warnings, async (client, view) => {
    const flowIds = await flowIdsOf(flags, client);
    const result = await runUnassignJob({
      ...commandJobOptions(request, flags, ctx, view, client),
      input: { mode: request.mode, entries: request.input.entries, file: request.inputPath },
      filter: { flowIds, statuses: request.statuses },
      strategy: flags.strategy,
      unassignedByUserEmail: request.unassignedByUserEmail,
      verify: flags.verify,
      onPlan: (plan) => {
        view.stop();
        out(renderPlan(plan, request.input));
      },
      confirm: flags.yes === true ? undefined : (plan) => confirmUnassign(plan, io, view),
    });
    view.stop();
    printOutcome(result, request, ctx);
    return result.exitCode;
  });
}

function confirmUnassign(plan: PlanSummary, io: CliIo, view: { stop(): void }): Promise<boolean> {
  view.stop();
  const what =
    plan.strategy === "by-crm-id" ? `${plan.toSend} prospect(s) out of their flows` : `${plan.toSend} flow instance(s)`;
  return askYesNo(`Unassign ${what} in ${plan.callsNeeded.total} call(s)?`, io.stdin, io.stderr);
}

/** The summary on stdout; warnings, the stop and what to do next on stderr. */
function printOutcome(result: UnassignJobResult, request: UnassignRequest, ctx: CommandContext): void {
  printJobOutcome(result, request, ctx, {
    summary: (journal) => renderSummary(result.report, { report: result.reportFiles, journal }),
    dryRun: "Dry run: nothing was unassigned.",
    nothingDone: "nothing was unassigned",
    incomplete:
      "not every planned flow instance is unassigned: see the report's notUnassigned, unconfirmed and unprocessed lists",
  });
}

/** The `--flow` ids: as given, or, with `--owner`, each looked up by id or exact name among that user's flows. */
async function flowIdsOf(flags: UnassignFlags, options: GongFlowsClientOptions): Promise<string[]> {
  if (flags.owner === undefined || flags.flow.length === 0) return flags.flow;
  const gong = createJobClient(options, () => {});
  const ids: string[] = [];
  for (const value of flags.flow) ids.push((await chooseFlow(gong, value, flags.owner)).id);
  return ids;
}
