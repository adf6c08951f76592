import { type AssignedFlow, formatDuration, gongLimits } from "@gong-flows/client";
import Table from "cli-table3";
import { stringify } from "csv-stringify/sync";
import type { PlanSummary } from "../plan/plan-summary.js";
import type { UnassignReport } from "../report/report.js";

const number = new Intl.NumberFormat("en-US");
export const n = (value: number): string => number.format(value);

/** A plain two-column table, without colours (they would end up in CI logs and files). */
export function table(head?: string[]): Table.Table {
  return new Table({ style: { head: [], border: [] }, ...(head === undefined ? {} : { head }) });
}

/** What reading the input dropped: `["2 blank line(s)", "1 duplicate(s)"]`, each only when there was any. */
export function droppedLines(input: { blankLines: number; duplicates: number }): string[] {
  const dropped = [
    input.blankLines > 0 ? `${n(input.blankLines)} blank line(s)` : undefined,
    input.duplicates > 0 ? `${n(input.duplicates)} duplicate(s)` : undefined,
  ];
  return dropped.filter((part) => part !== undefined);
}

/** The rows every job's plan ends with: its time, its share of Gong's quota, the daily budget, the calls made. */
export function pushCostRows(
  overview: Table.Table,
  plan: {
    readonly estimatedSeconds: number | undefined;
    readonly requestsPerSecond: number | undefined;
    readonly shareOfGongDailyQuota: number;
    readonly dailyBudget: number;
    readonly budgetUsedToday: number;
    readonly callsMade: { readonly total: number };
  },
): void {
  overview.push([
    "time",
    plan.estimatedSeconds === undefined
      ? "no client-side rate limit (--rps 0)"
      : `about ${formatDuration(plan.estimatedSeconds * 1000)} at ${plan.requestsPerSecond} calls/s`,
  ]);
  overview.push([
    "share of Gong's daily quota",
    `${(plan.shareOfGongDailyQuota * 100).toFixed(1)} % of ${n(gongLimits.callsPerDay)} calls`,
  ]);
  overview.push([
    "daily budget",
    `${n(plan.dailyBudget)} calls; ${n(plan.budgetUsedToday)} used today (UTC) by this job`,
  ]);
  if (plan.callsMade.total > 0) overview.push(["calls made so far", n(plan.callsMade.total)]);
}

/** The plan, as a dry run prints it and as the confirmation shows it. */
export function renderPlan(plan: PlanSummary, input: { blankLines: number; duplicates: number }): string {
  const lines: string[] = [];
  lines.push(`Plan — strategy ${plan.strategy}: ${plan.strategyReason}`);
  const overview = table();
  const dropped = droppedLines(input);
  if (plan.mode === "prospects") {
    overview.push([
      "prospects read",
      `${n(plan.prospects)}${dropped.length > 0 ? ` (${dropped.join(" and ")} dropped)` : ""}`,
    ]);
    overview.push(["prospects found in flows", n(plan.prospectsInFlows)]);
  }
  overview.push([
    "flow instances to remove",
    plan.mode === "flow-instances" && dropped.length > 0
      ? `${n(plan.flowInstancesPlanned)} (${dropped.join(" and ")} dropped)`
      : n(plan.flowInstancesPlanned),
  ]);
  if (plan.flowInstancesPlanned !== plan.toSend && plan.strategy !== "by-crm-id")
    overview.push(["still to send", n(plan.toSend)]);
  const needed = plan.callsNeeded;
  const parts = [
    needed.listAssignedFlows > 0 ? `${n(needed.listAssignedFlows)} list` : undefined,
    needed.unassignFlowsByCrmProspectId > 0
      ? `${n(needed.unassignFlowsByCrmProspectId)} unassign-by-crm-id`
      : undefined,
    needed.unassignFlowsByFlowInstanceIds > 0
      ? `${n(needed.unassignFlowsByFlowInstanceIds)} unassign-by-instance-id`
      : undefined,
  ].filter(Boolean);
  overview.push(["calls needed", `${n(needed.total)}${parts.length > 0 ? ` (${parts.join(", ")})` : ""}`]);
  pushCostRows(overview, plan);
  lines.push(overview.toString());
  if (plan.byFlow.length > 0) {
    const flows = table(["flow", "flow id", "status", "instances"]);
    for (const group of plan.byFlow)
      flows.push([group.flowName ?? "", group.flowId ?? "", group.status ?? "", n(group.instances)]);
    lines.push("Flow instances to remove, per flow and status:");
    lines.push(flows.toString());
  }
  return lines.join("\n");
}

/** The final human summary of a run. */
export function renderSummary(
  report: UnassignReport,
  files: { report: readonly string[]; journal: string | undefined },
): string {
  const summary = table();
  if (report.mode === "prospects")
    summary.push(["prospects", n(report.prospects)], ["found in flows", n(report.prospectsInFlows)]);
  summary.push(["flow instances planned", n(report.flowInstancesPlanned)]);
  summary.push(["unassigned", n(report.unassigned.length)]);
  summary.push(["not unassigned", n(report.notUnassigned.length)]);
  summary.push(["unconfirmed", n(report.unconfirmed.length)]);
  summary.push(["unprocessed", n(report.unprocessed.length)]);
  if (report.prospectsUnprocessed.length > 0)
    summary.push(["prospects not processed", n(report.prospectsUnprocessed.length)]);
  if (report.prospectsUnconfirmed.length > 0)
    summary.push(["prospects unconfirmed", n(report.prospectsUnconfirmed.length)]);
  if (report.assignedDuringRun.length > 0)
    summary.push(["assigned during the run (not touched)", n(report.assignedDuringRun.length)]);
  if (report.prospectsMatchingNoFlow.length > 0)
    summary.push(["prospects matching no flow", n(report.prospectsMatchingNoFlow.length)]);
  if (report.flowInstancesOutsideInput.length > 0)
    summary.push(["listed for prospects not in the input (not touched)", n(report.flowInstancesOutsideInput.length)]);
  const calls = report.calls;
  summary.push([
    "calls (all runs)",
    `${n(calls.total)}: ${n(calls.listAssignedFlows)} list, ${n(calls.unassignFlowsByCrmProspectId)} by crm id, ${n(calls.unassignFlowsByFlowInstanceIds)} by instance id`,
  ]);
  if (report.runs > 1) summary.push(["calls (this run)", n(report.callsThisRun.total)]);
  summary.push([
    "verified",
    report.dryRun
      ? "no (dry run)"
      : report.verified
        ? `yes (--verify ${report.verify})`
        : `no (--verify ${report.verify})`,
  ]);
  if (files.report.length > 0) summary.push(["report", files.report.join(", ")]);
  if (files.journal !== undefined) summary.push(["journal", files.journal]);
  return summary.toString();
}

/** The columns of `list --format csv`, in Gong's field names: usable as a `--flow-instances` file. */
const listColumns = [
  "crmProspectId",
  "flowInstanceId",
  "flowId",
  "flowName",
  "flowInstanceStatus",
  "flowInstanceOwnerEmail",
  "flowInstanceOwnerFullName",
  "flowInstanceCreateDate",
  "workspaceId",
  "exclusive",
] as const satisfies readonly (keyof AssignedFlow)[];

/** The flows `gong-flows list` writes, as a table, CSV (a `--flow-instances` file) or JSON. */
export function renderFlows(flows: readonly AssignedFlow[], format: "table" | "csv" | "json"): string {
  if (format === "json") return `${JSON.stringify(flows, null, 2)}\n`;
  if (format === "csv") {
    const rows = flows.map((flow) =>
      listColumns.map((column) => (flow[column] === undefined ? "" : String(flow[column]))),
    );
    return stringify(rows, { header: true, columns: [...listColumns] });
  }
  return `${flowTable(flows)}\n`;
}

function flowTable(flows: readonly AssignedFlow[]): string {
  const table = new Table({
    head: ["crmProspectId", "flow", "flowId", "flowInstanceId", "status", "owner", "created"],
    style: { head: [], border: [] },
  });
  for (const flow of flows) {
    table.push([
      flow.crmProspectId ?? "",
      flow.flowName ?? "",
      flow.flowId ?? "",
      flow.flowInstanceId ?? "",
      flow.flowInstanceStatus ?? "",
      flow.flowInstanceOwnerEmail ?? "",
      flow.flowInstanceCreateDate ?? "",
    ]);
  }
  return flows.length === 0 ? "No flows assigned to these prospects." : table.toString();
}
