import { gongLimits } from "@gong-flows/client";
import type { Stored as StoredAs } from "../../experiment.js";
import { fixed, int, machineLine, ratio, spread as spreadAll, table } from "../../format.js";
import type { Summary } from "../../lib/stats.js";
import type { CliBulkResult } from "./measure.js";

const seconds = fixed(2);
const spread = (s: Summary, format: (n: number) => string): string =>
  s.n === 1 ? format(s.median) : spreadAll(s, format);

/** The goals of the CLI issue for bulk jobs. */
export const cliBulkGoals = {
  /** The job's calls at most this share of the naive per-prospect loop's, at two flows per prospect. */
  maxShareOfNaiveCalls: 1 / 50,
  /** Wall time at most this multiple of the bound (the bound's calls at the rate limit). */
  maxRatioToBound: 1.1,
  /** Peak memory for 100,000 prospects with Node's defaults, MB (10^6 bytes). */
  maxPeakRssMB: 256,
} as const;

type Stored = StoredAs<CliBulkResult>;

/** The goal rows of the summary table at the top of the page. */
export function cliBulkGoalRows(result: Stored | undefined): string[][] {
  if (result === undefined) {
    return [
      ["CLI bulk job: calls", "≤ 1/50 of the naive loop's", "not measured", "—"],
      ["CLI bulk job: wall time", `≤ ${ratio(cliBulkGoals.maxRatioToBound)} the bound`, "not measured", "—"],
      ["CLI memory, 100,000 prospects", `< ${cliBulkGoals.maxPeakRssMB} MB`, "not measured", "—"],
    ];
  }
  const cli = result.arms.find((arm) => arm.id === "cli");
  const naive = result.arms.find((arm) => arm.id === "naive");
  const rows: string[][] = [];
  if (cli && naive) {
    const share = cli.calls.max / naive.calls.median;
    rows.push([
      `CLI bulk job: calls (${int(result.prospects)} prospects, ${int(result.flowInstances)} flow instances)`,
      "≤ 1/50 of the naive loop's",
      `${int(cli.calls.max)} calls (worst round) vs ${int(naive.calls.median)}: 1/${(1 / share).toFixed(1)}`,
      share <= cliBulkGoals.maxShareOfNaiveCalls ? "**met**" : `**missed**: 1/${(1 / share).toFixed(1)}`,
    ]);
    const r = cli.ratioToBound.median;
    rows.push([
      `CLI bulk job: wall time at ${result.requestsPerSecond} calls/s`,
      `≤ ${ratio(cliBulkGoals.maxRatioToBound)} the bound (${int(result.bound.calls)} calls at the limit = ${seconds(result.bound.seconds)} s)`,
      `${seconds(cli.seconds.median)} s = ${ratio(r)} the bound; the naive loop ${seconds(naive.seconds.median)} s`,
      r <= cliBulkGoals.maxRatioToBound
        ? "**met**"
        : `**missed** by ${((r - cliBulkGoals.maxRatioToBound) * 100).toFixed(0)} points`,
    ]);
  }
  const [defaults, capped] = result.memory;
  if (defaults === undefined)
    rows.push(["CLI memory, 100,000 prospects", `< ${cliBulkGoals.maxPeakRssMB} MB`, "not measured", "—"]);
  else {
    const mb = (mib: number) => (mib * 2 ** 20) / 1e6;
    rows.push([
      `CLI memory, ${int(defaults.prospects)} prospects (${int(defaults.flowInstances)} flow instances)`,
      `< ${cliBulkGoals.maxPeakRssMB} MB peak`,
      `${int(mb(defaults.peakRssMiB))} MB peak RSS with Node's defaults${capped ? `; ${int(mb(capped.peakRssMiB))} MB with \`NODE_OPTIONS=${capped.nodeOptions}\`` : ""}`,
      mb(defaults.peakRssMiB) < cliBulkGoals.maxPeakRssMB
        ? "**met**"
        : `**missed** with Node's defaults by ${int(mb(defaults.peakRssMiB) - cliBulkGoals.maxPeakRssMB)} MB${capped && mb(capped.peakRssMiB) < cliBulkGoals.maxPeakRssMB ? "; met with the cap" : ""}`,
    ]);
  }
  return rows;
}

/** The generated block of the CLI's section. */
export function renderCliBulk(result: Stored | undefined): string {
  if (result === undefined) return "_Not measured yet: run `pnpm bench --only=cli-bulk`._";
  const lines = [
    `Measured on: ${machineLine(result.machine)}. ` +
      `${int(result.prospects)} prospects with 1–3 flows each (${int(result.flowInstances)} flow instances) behind \`gong-flows-mock\` in its own process, ` +
      `limited to ${result.requestsPerSecond} calls/s; both arms through \`@gong-flows/client\` at ${result.requestsPerSecond} calls/s. ` +
      `Bound: ceil(${int(result.prospects)} / ${result.listBatchSize}) + ceil(${int(result.flowInstances)} / ${gongLimits.unassignIdsPerRequest}) = ${int(result.bound.calls)} calls = ${seconds(result.bound.seconds)} s. ` +
      "Median (min–max) over the rounds.",
    "",
    table(
      ["arm", "rounds", "calls", "seconds", "× the bound", "429s", "still assigned", "ids sent twice"],
      result.arms.map((arm) => [
        arm.label,
        String(arm.rounds),
        spread(arm.calls, int),
        spread(arm.seconds, seconds),
        spread(arm.ratioToBound, ratio),
        spread(arm.rateLimited, int),
        spread(arm.stillAssigned, int),
        spread(arm.alreadyUnassignedIdsSent, int),
      ]),
    ),
  ];
  for (const memory of result.memory) {
    lines.push(
      "",
      `Memory${memory.nodeOptions === "" ? ", Node's defaults" : `, \`NODE_OPTIONS=${memory.nodeOptions}\``}: \`gong-flows unassign\` on ${int(memory.prospects)} prospects (${int(memory.flowInstances)} flow instances), no rate limit, its own process: ` +
        `peak RSS **${int(memory.peakRssMiB)} MiB** (${int((memory.peakRssMiB * 2 ** 20) / 1e6)} MB), largest heap in use ${int(memory.peakHeapUsedMiB)} MiB; ${int(memory.calls)} calls in ${seconds(memory.seconds)} s (exit ${memory.exitCode}).`,
    );
  }
  return lines.join("\n");
}
