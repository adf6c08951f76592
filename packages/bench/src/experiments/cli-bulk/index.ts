import { gongLimits } from "@gong-flows/client";
import { defineExperiment } from "../../experiment.js";
import { fixed, goalRow, int, measuredOn, points, ratio, spread as spreadAll, table, verdict } from "../../format.js";
import type { Summary } from "../../lib/stats.js";
import { type CliBulkResult, cliBulkSettings as settings, measureCliBulk } from "./measure.js";

/** The job's calls at most 1/50 of the naive loop's, at two flows per prospect. */
const maxShareOfNaiveCalls = 1 / 50;
/** Wall time at most this multiple of the bound (the bound's calls at the rate limit). */
const maxRatioToBound = 1.1;
/** Peak memory for 100,000 prospects with Node's defaults, MB (10^6 bytes). */
const maxPeakRssMB = 256;
const seconds = fixed(2);
const mb = (mib: number) => (mib * 2 ** 20) / 1e6;
const spread = (s: Summary, format: (n: number) => string): string =>
  s.n === 1 ? format(s.median) : spreadAll(s, format);

export default defineExperiment<CliBulkResult>({
  id: "cli-bulk",
  key: "cliBulk",
  title: `cli bulk job: ${settings.prospects} prospects against the mock at ${settings.requestsPerSecond} calls/s, then memory for ${settings.memoryProspects}`,
  run: (log) => measureCliBulk(log),
  goalRows(result) {
    const [cli, naive] = ["cli", "naive"].map((id) => result?.arms.find((arm) => arm.id === id));
    const rows: string[][] = [];
    if (!result || !cli || !naive) {
      rows.push(goalRow("CLI bulk job: calls", "≤ 1/50 of the naive loop's"));
      rows.push(goalRow("CLI bulk job: wall time", `≤ ${ratio(maxRatioToBound)} the bound`));
    } else {
      const share = cli.calls.max / naive.calls.median;
      const r = cli.ratioToBound.median;
      rows.push(
        goalRow(
          `CLI bulk job: calls (${int(result.prospects)} prospects, ${int(result.flowInstances)} flow instances)`,
          "≤ 1/50 of the naive loop's",
          `${int(cli.calls.max)} calls (worst round) vs ${int(naive.calls.median)}: 1/${(1 / share).toFixed(1)}`,
          verdict(share <= maxShareOfNaiveCalls, `: 1/${(1 / share).toFixed(1)}`),
        ),
        goalRow(
          `CLI bulk job: wall time at ${result.requestsPerSecond} calls/s`,
          `≤ ${ratio(maxRatioToBound)} the bound (${int(result.bound.calls)} calls at the limit = ${seconds(result.bound.seconds)} s)`,
          `${seconds(cli.seconds.median)} s = ${ratio(r)} the bound; the naive loop ${seconds(naive.seconds.median)} s`,
          verdict(r <= maxRatioToBound, ` ${points(r - maxRatioToBound)}`),
        ),
      );
    }
    const [defaults, capped] = result?.memory ?? [];
    if (!defaults) return [...rows, goalRow("CLI memory, 100,000 prospects", `< ${maxPeakRssMB} MB`)];
    const peak = mb(defaults.peakRssMiB);
    const cappedMet = capped && mb(capped.peakRssMiB) < maxPeakRssMB ? "; met with the cap" : "";
    const measured = `${int(peak)} MB peak RSS with Node's defaults${capped ? `; ${int(mb(capped.peakRssMiB))} MB with \`NODE_OPTIONS=${capped.nodeOptions}\`` : ""}`;
    const name = `CLI memory, ${int(defaults.prospects)} prospects (${int(defaults.flowInstances)} flow instances)`;
    const missed = ` with Node's defaults by ${int(peak - maxPeakRssMB)} MB${cappedMet}`;
    return [...rows, goalRow(name, `< ${maxPeakRssMB} MB peak`, measured, verdict(peak < maxPeakRssMB, missed))];
  },
  render(result) {
    const { prospects, flowInstances, requestsPerSecond: rps, bound } = result;
    const arms = result.arms.map((arm) => [
      arm.label,
      String(arm.rounds),
      spread(arm.calls, int),
      spread(arm.seconds, seconds),
      spread(arm.ratioToBound, ratio),
      ...[arm.rateLimited, arm.stillAssigned, arm.alreadyUnassignedIdsSent].map((figure) => spread(figure, int)),
    ]);
    const lines = [
      measuredOn(
        result.machine,
        `${int(prospects)} prospects with 1–3 flows each (${int(flowInstances)} flow instances) behind \`gong-flows-mock\` in its own process, ` +
          `limited to ${rps} calls/s; both arms through \`@gong-flows/client\` at ${rps} calls/s. ` +
          `Bound: ceil(${int(prospects)} / ${result.listBatchSize}) + ceil(${int(flowInstances)} / ${gongLimits.unassignIdsPerRequest}) = ${int(bound.calls)} calls = ${seconds(bound.seconds)} s. ` +
          "Median (min–max) over the rounds.",
      ),
      "",
      table(["arm", "rounds", "calls", "seconds", "× the bound", "429s", "still assigned", "ids sent twice"], arms),
    ];
    for (const memory of result.memory) {
      lines.push(
        "",
        `Memory${memory.nodeOptions === "" ? ", Node's defaults" : `, \`NODE_OPTIONS=${memory.nodeOptions}\``}: \`gong-flows unassign\` on ${int(memory.prospects)} prospects (${int(memory.flowInstances)} flow instances), no rate limit, its own process: ` +
          `peak RSS **${int(memory.peakRssMiB)} MiB** (${int(mb(memory.peakRssMiB))} MB), largest heap in use ${int(memory.peakHeapUsedMiB)} MiB; ${int(memory.calls)} calls in ${seconds(memory.seconds)} s (exit ${memory.exitCode}).`,
      );
    }
    return lines.join("\n");
  },
});
