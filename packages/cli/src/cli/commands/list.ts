import { resolve } from "node:path";
import {
  type AssignedFlow,
  defaultOptions,
  formatDuration,
  GongAbortError,
  GongBatchError,
  GongError,
  type GongFlowsClientOptions,
  GongRateLimitError,
} from "@gong-flows/client";
import { RedisStoreError } from "@gong-flows/redis-rate-limit";
import { type Command, Option } from "commander";
import { readIdFile } from "../../input/read-id-file.js";
import { writeWhole } from "../../report/report-files.js";
import { createJobClient } from "../../run/job-client.js";
import type { CliIo, CommandContext, Printers } from "../cli-io.js";
import {
  clientOptions,
  inputOptions,
  requireCredentials,
  runOptions,
  type InputFlags,
  type RunFlags,
} from "../client-options.js";
import { exitCodes } from "../exit-codes.js";
import { checkPaths } from "../output-paths.js";
import type { ProgressView } from "../progress.js";
import { progressView } from "../progress-view.js";
import { renderFlows } from "../render.js";

interface ListFlags extends RunFlags, InputFlags {
  prospects: string;
  format: "table" | "csv" | "json";
  out?: string;
}

/** `gong-flows list`: the flows assigned to prospects, as a table, CSV or JSON. */
export function defineListCommand(program: Command, ctx: CommandContext): void {
  const list = program
    .command("list")
    .description("list the flows assigned to prospects")
    .requiredOption("--prospects <file>", "CRM prospect ids: one per line, CSV with a header, or a JSON array")
    .addOption(new Option("--format <format>", "output format").choices(["table", "csv", "json"]).default("table"))
    .option("--out <file>", "write the output to a file instead of standard output");
  inputOptions(list);
  runOptions(list);
  list.action(async (flags: ListFlags) => {
    ctx.exitWith(await listAction(flags, ctx.io, ctx.print));
  });
}

/** What listing came to: the flows listed, and whether anything was listed at all. */
interface Listing {
  readonly exitCode: number;
  readonly flows: readonly AssignedFlow[];
  /** Nothing was listed: no output is printed, which a pipeline would take for "no flows". */
  readonly failedWithNothing: boolean;
}

async function listAction(flags: ListFlags, io: CliIo, print: Printers): Promise<number> {
  const { err } = print;
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
  let listing: Listing;
  try {
    listing = await listFlows(
      input.entries.map((e) => e.id),
      client.options,
      { io, view, err },
    );
  } finally {
    view.close();
    await client.close();
  }
  if (listing.failedWithNothing) return listing.exitCode;
  return writeListing(listing, flags, io, print);
}

/** Lists the prospects' flows in one client call (which batches them), reporting progress per response. */
async function listFlows(
  prospects: readonly string[],
  options: GongFlowsClientOptions,
  { io, view, err }: { io: CliIo; view: ProgressView; err: (text: string) => void },
): Promise<Listing> {
  let listed = 0;
  let calls = 0;
  const gong = createJobClient(options, (event) => {
    if (event.type === "request") calls += 1;
    if (event.type === "response" && event.status === 200) {
      listed = Math.min(prospects.length, listed + (options.listBatchSize ?? defaultOptions.listBatchSize));
      view.update({ phase: "plan", done: listed, total: prospects.length, calls, holdUntil: undefined });
    }
  });
  if (prospects.length === 0) return { exitCode: exitCodes.done, flows: [], failedWithNothing: false };
  const controller = new AbortController();
  const onStop = () => controller.abort(new Error("stopped by a signal"));
  io.stopSignal?.addEventListener("abort", onStop, { once: true });
  try {
    const response = await gong.listAssignedFlows({ crmProspectsIds: [...prospects] }, { signal: controller.signal });
    return { exitCode: exitCodes.done, flows: response.flows, failedWithNothing: false };
  } catch (error) {
    view.stop();
    return listingFailure(error, io, err);
  } finally {
    io.stopSignal?.removeEventListener("abort", onStop);
  }
}

/** What a failed listing still gives (a batch error carries the flows of the batches that succeeded). */
function listingFailure(error: unknown, io: CliIo, err: (text: string) => void): Listing {
  const failedWithNothing = !(error instanceof GongBatchError) || error.flows.length === 0;
  let flows: readonly AssignedFlow[] = [];
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
  if (error instanceof GongRateLimitError && error.retryAfterMs !== undefined)
    err(`gong-flows: run it again in ${formatDuration(error.retryAfterMs)}`);
  return { exitCode: stopped ? exitCodes.stopped : exitCodes.incomplete, flows, failedWithNothing };
}

/** Prints the flows, or writes them to `--out` whole (a failed write leaves no partial file). */
async function writeListing(listing: Listing, flags: ListFlags, io: CliIo, { out, err }: Printers): Promise<number> {
  const { flows } = listing;
  const text = renderFlows(flows, flags.format);
  if (flags.out === undefined) {
    out(text.replace(/\n$/, ""));
    return listing.exitCode;
  }
  try {
    await writeWhole(resolve(io.cwd, flags.out), [text]);
  } catch (error) {
    err(
      `gong-flows: could not write --out ${flags.out} (${(error as NodeJS.ErrnoException).code ?? String(error)}); run the same command again`,
    );
    return exitCodes.stopped;
  }
  err(
    `gong-flows: ${flows.length} flow instance(s) of ${new Set(flows.map((f) => f.crmProspectId)).size} prospect(s) written to ${flags.out}`,
  );
  return listing.exitCode;
}
