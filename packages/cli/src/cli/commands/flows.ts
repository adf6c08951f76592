import { resolve } from "node:path";
import { GongAbortError, GongError, GongRateLimitError, GongValidationError } from "@gong-flows/client";
import { RedisStoreError } from "@gong-flows/redis-rate-limit";
import { type Command, Option } from "commander";
import { listOwnerFlows } from "../../flows/owner-flows.js";
import { renderFlowList } from "../../flows/render-flows.js";
import { writeWhole } from "../../report/report-files.js";
import { createJobClient } from "../../run/job-client.js";
import type { CliIo, CommandContext, Printers } from "../cli-io.js";
import { clientOptions, requireCredentials, runOptions, type RunFlags } from "../client-options.js";
import { exitCodes, UsageError } from "../exit-codes.js";
import { parseOwnerEmail } from "../options.js";
import { checkPaths } from "../output-paths.js";

interface FlowsFlags extends RunFlags {
  owner: string;
  folder?: string;
  workspace?: string;
  format: "table" | "csv" | "json";
  out?: string;
}

/** `gong-flows flows`: the flows a Gong user can assign prospects to, to find a flow's id. */
export function defineFlowsCommand(program: Command, ctx: CommandContext): void {
  const flows = program
    .command("flows")
    .description("list the flows a Gong user can assign prospects to: the company's, theirs and those shared with them")
    .requiredOption("--owner <email>", "the Gong user whose personal and shared flows are listed with the company's")
    .option("--folder <id>", "only the flows of this folder")
    .option("--workspace <id>", "only the flows of this workspace")
    .addOption(new Option("--format <format>", "output format").choices(["table", "csv", "json"]).default("table"))
    .option("--out <file>", "write the output to a file instead of standard output");
  runOptions(flows);
  flows.action(async (flags: FlowsFlags) => {
    ctx.exitWith(await flowsAction(flags, ctx.io, ctx.print));
  });
}

async function flowsAction(flags: FlowsFlags, io: CliIo, print: Printers): Promise<number> {
  const owner = parseOwnerEmail(flags.owner);
  requireCredentials(io.env);
  const out = flags.out === undefined ? undefined : resolve(io.cwd, flags.out);
  if (out !== undefined) await checkPaths([], [{ what: "--out", path: out }]);
  const client = await clientOptions(flags, io, print.err);
  const controller = new AbortController();
  const onStop = () => controller.abort(new Error("stopped by a signal"));
  io.stopSignal?.addEventListener("abort", onStop, { once: true });
  try {
    const gong = createJobClient(client.options, () => {});
    const query = { flowOwnerEmail: owner, folderId: flags.folder, workspaceId: flags.workspace };
    const flows = await listOwnerFlows(gong, query, { signal: controller.signal });
    const text = renderFlowList(flows, flags.format);
    if (out === undefined) {
      print.out(text.replace(/\n$/, ""));
      return exitCodes.done;
    }
    return await writeFlows(out, text, flags.out!, flows.length, print);
  } catch (error) {
    // A value the spec refuses (an empty --folder, say) is the command's mistake: nothing was sent.
    if (error instanceof GongValidationError) throw new UsageError(error.message);
    if (!(error instanceof GongError || error instanceof RedisStoreError)) throw error;
    print.err(`gong-flows: ${error.message}; no flows were written`);
    return stopped(error, io) ? exitCodes.stopped : exitCodes.incomplete;
  } finally {
    io.stopSignal?.removeEventListener("abort", onStop);
    await client.close();
  }
}

/** Writes the flows to `--out` whole (a failed write leaves no partial file). */
async function writeFlows(path: string, text: string, named: string, count: number, print: Printers): Promise<number> {
  try {
    await writeWhole(path, [text]);
  } catch (error) {
    print.err(
      `gong-flows: could not write --out ${named} (${(error as NodeJS.ErrnoException).code ?? String(error)}); run the same command again`,
    );
    return exitCodes.stopped;
  }
  print.err(`gong-flows: ${count} flow(s) written to ${named}`);
  return exitCodes.done;
}

/** A stop rather than a failure: a signal, Gong's quota, or a shared rate limit whose Redis went away. */
function stopped(error: unknown, io: CliIo): boolean {
  return (
    io.stopSignal?.aborted === true ||
    error instanceof GongRateLimitError ||
    error instanceof GongAbortError ||
    error instanceof RedisStoreError
  );
}
