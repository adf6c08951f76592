import { defineExperiment } from "../../experiment.js";
import { fixed, goalRow, int, measuredOn, ratio, spread, table, verdict } from "../../format.js";
import type { Summary } from "../../lib/stats.js";
import { type CliAssignResult, cliAssignSettings as settings, measureCliAssign } from "./measure.js";

/** The assign job's wall time at most this multiple of the bound's. */
const maxRatioToBound = 1.1;
const seconds = fixed(2);
/** "1 call", "2 calls": a count with its noun. */
const counted = (n: number, noun: string): string => `${int(n)} ${noun}${Math.round(n) === 1 ? "" : "s"}`;

export default defineExperiment<CliAssignResult>({
  id: "cli-assign",
  key: "cliAssign",
  title: `cli assign: ${settings.prospects} prospects into one flow against the mock at ${settings.requestsPerSecond} calls/s`,
  run: (log) => measureCliAssign(log),
  goalRows(result) {
    const target = `≤ ${ratio(maxRatioToBound)} the bound`;
    const whole = "CLI assign: every prospect in the flow once";
    if (result === undefined)
      return [
        goalRow("CLI assign: calls", "≤ the bound"),
        goalRow("CLI assign: wall time", target),
        goalRow(whole, "all, none twice"),
      ];
    const { bound, figures: f, prospects } = result;
    const assignOnly = bound.assign / result.requestsPerSecond;
    const r = f.ratioToBound.median;
    const allIn = f.inFlow.min === prospects && f.reportedAssigned.min === prospects && f.assignedTwice.max === 0;
    return [
      goalRow(
        `CLI assign: calls (${int(prospects)} prospects)`,
        `≤ the bound: ${int(bound.assign)} assign + ${int(bound.list)} list + ${bound.flowLookup} flows page = ${int(bound.calls)}`,
        `${int(f.calls.max)} (worst round): ${int(f.assignCalls.max)} assign, ${int(f.listCalls.max)} list, ${int(f.listFlowsCalls.max)} flows page(s), ${int(f.rateLimited.max)} × 429`,
        verdict(f.calls.max <= bound.calls, ` by ${counted(f.calls.max - bound.calls, "call")}`),
      ),
      goalRow(
        `CLI assign: wall time at ${result.requestsPerSecond} calls/s`,
        `${target} (${int(bound.calls)} calls at the limit = ${seconds(bound.seconds)} s)`,
        `${seconds(f.seconds.median)} s = ${ratio(r)} the bound (${ratio(f.seconds.median / assignOnly)} the ${int(bound.assign)} assign calls' ${seconds(assignOnly)} s alone)`,
        verdict(r <= maxRatioToBound, ` by ${counted((r - maxRatioToBound) * 100, "point")}`),
      ),
      goalRow(
        whole,
        `${int(prospects)} in the flow, none twice`,
        `${int(f.inFlow.min)} in the flow at the mock (worst round), ${int(f.assignedTwice.max)} twice; the report: ${int(f.reportedAssigned.min)} assigned, ${int(f.reportedOther.max)} elsewhere`,
        verdict(allIn),
      ),
    ];
  },
  render(result) {
    const { bound, figures: f, prospects } = result;
    const rows: [string, Summary, (n: number) => string][] = [
      ["calls the mock received (429s included)", f.calls, int],
      ["… `GET /v2/flows` (resolving `--flow` by name)", f.listFlowsCalls, int],
      [`… list calls (\`POST /v2/flows/prospects\`, ${result.listBatchSize} prospects each)`, f.listCalls, int],
      [`… assign calls (\`POST /v2/flows/prospects/assign\`, ${result.assignBatchSize} each)`, f.assignCalls, int],
      ["429 answers", f.rateLimited, int],
      ["wall time, process start to exit (s)", f.seconds, seconds],
      ["× the bound", f.ratioToBound, ratio],
      ["prospects the report lists as assigned", f.reportedAssigned, int],
      ["prospects the report lists elsewhere", f.reportedOther, int],
      [`prospects in ${result.flow.name} at the mock afterwards`, f.inFlow, int],
      ["flow instances beyond one per prospect", f.assignedTwice, int],
    ];
    const rps = result.requestsPerSecond;
    return [
      measuredOn(
        result.machine,
        `${int(prospects)} CRM prospects in no flow behind \`gong-flows-mock\` in its own process at ${rps} calls/s; ` +
          `\`gong-flows assign --flow "${result.flow.name}" --yes\` in a process of its own at ${rps} calls/s. ` +
          `Bound: ${bound.flowLookup} page of flows + ceil(${int(prospects)} / ${result.listBatchSize}) list + ceil(${int(prospects)} / ${result.assignBatchSize}) assign = ${int(bound.calls)} calls = ${seconds(bound.seconds)} s. ` +
          `Median (min–max) over ${counted(f.rounds, "round")}.`,
      ),
      "",
      table(
        ["figure", "measured"],
        rows.map(([label, summary, format]) => [label, spread(summary, format, true)]),
      ),
    ].join("\n");
  },
});
