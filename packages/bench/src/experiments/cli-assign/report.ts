import type { Stored as StoredAs } from "../../experiment.js";
import { fixed, int, machineLine, ratio, spread as spreadAll, table } from "../../format.js";
import type { Summary } from "../../lib/stats.js";
import type { CliAssignResult } from "./measure.js";

const seconds = fixed(2);
const spread = (s: Summary, format: (n: number) => string): string =>
  s.n === 1 || s.min === s.max ? format(s.median) : spreadAll(s, format);

/** The goal of the assign job: its wall time at most this multiple of the bound's. */
export const cliAssignGoals = { maxRatioToBound: 1.1 } as const;

type Stored = StoredAs<CliAssignResult>;

/** A difference of ratios in percentage points: "1 point", "12 points". */
const points = (difference: number): string => {
  const n = Math.round(difference * 100);
  return `${n} point${n === 1 ? "" : "s"}`;
};

/** The goal rows of the summary table at the top of the page. */
export function cliAssignGoalRows(result: Stored | undefined): string[][] {
  const target = `≤ ${ratio(cliAssignGoals.maxRatioToBound)} the bound`;
  if (result === undefined) {
    return [
      ["CLI assign: calls", "≤ the bound", "not measured", "—"],
      ["CLI assign: wall time", target, "not measured", "—"],
      ["CLI assign: every prospect in the flow once", "all, none twice", "not measured", "—"],
    ];
  }
  const { bound, figures: f } = result;
  const assignOnly = bound.assign / result.requestsPerSecond;
  const r = f.ratioToBound.median;
  const whole = f.inFlow.min === result.prospects && f.reportedAssigned.min === result.prospects;
  return [
    [
      `CLI assign: calls (${int(result.prospects)} prospects)`,
      `≤ the bound: ${int(bound.assign)} assign + ${int(bound.list)} list + ${bound.flowLookup} flows page = ${int(bound.calls)}`,
      `${int(f.calls.max)} (worst round): ${int(f.assignCalls.max)} assign, ${int(f.listCalls.max)} list, ${int(f.listFlowsCalls.max)} flows page(s), ${int(f.rateLimited.max)} × 429`,
      f.calls.max <= bound.calls
        ? "**met**"
        : `**missed** by ${int(f.calls.max - bound.calls)} call${f.calls.max - bound.calls === 1 ? "" : "s"}`,
    ],
    [
      `CLI assign: wall time at ${result.requestsPerSecond} calls/s`,
      `${target} (${int(bound.calls)} calls at the limit = ${seconds(bound.seconds)} s)`,
      `${seconds(f.seconds.median)} s = ${ratio(r)} the bound (${ratio(f.seconds.median / assignOnly)} the ${int(bound.assign)} assign calls' ${seconds(assignOnly)} s alone)`,
      r <= cliAssignGoals.maxRatioToBound ? "**met**" : `**missed** by ${points(r - cliAssignGoals.maxRatioToBound)}`,
    ],
    [
      "CLI assign: every prospect in the flow once",
      `${int(result.prospects)} in the flow, none twice`,
      `${int(f.inFlow.min)} in the flow at the mock (worst round), ${int(f.assignedTwice.max)} twice; the report: ${int(f.reportedAssigned.min)} assigned, ${int(f.reportedOther.max)} elsewhere`,
      whole && f.assignedTwice.max === 0 ? "**met**" : "**missed**",
    ],
  ];
}

/** The generated block of the assign job's section. */
export function renderCliAssign(result: Stored | undefined): string {
  if (result === undefined) return "_Not measured yet: run `pnpm bench --only=cli-assign`._";
  const { bound, figures: f } = result;
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
  return [
    `Measured on: ${machineLine(result.machine)}. ` +
      `${int(result.prospects)} CRM prospects in no flow behind \`gong-flows-mock\` in its own process at ${result.requestsPerSecond} calls/s; ` +
      `\`gong-flows assign --flow "${result.flow.name}" --yes\` in a process of its own at ${result.requestsPerSecond} calls/s. ` +
      `Bound: ${bound.flowLookup} page of flows + ceil(${int(result.prospects)} / ${result.listBatchSize}) list + ceil(${int(result.prospects)} / ${result.assignBatchSize}) assign = ${int(bound.calls)} calls = ${seconds(bound.seconds)} s. ` +
      `Median (min–max) over ${f.rounds} round${f.rounds === 1 ? "" : "s"}.`,
    "",
    table(
      ["figure", "measured"],
      rows.map(([label, summary, format]) => [label, spread(summary, format)]),
    ),
  ].join("\n");
}
