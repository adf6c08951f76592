import type { FlowWithSteps } from "@gong-flows/client";
import type { AssignReport } from "../report/assign-report.js";
import type { AssignPlan } from "../run/assign-options.js";
import { droppedLines, n, pushCostRows, table } from "./render.js";

/** A flow as the messages name it: `"SDR Flow" (1695493301223590792)`, or its id alone. */
export function flowLabel(flow: { readonly id: string; readonly name?: string | undefined }): string {
  return flow.name === undefined ? `flow ${flow.id}` : `flow ${JSON.stringify(flow.name)} (${flow.id})`;
}

/** The assign plan, as a dry run prints it and as the confirmation shows it. */
export function renderAssignPlan(plan: AssignPlan, input: { blankLines: number; duplicates: number }): string {
  const overview = table();
  const dropped = droppedLines(input);
  overview.push([
    "prospects read",
    `${n(plan.prospects)}${dropped.length > 0 ? ` (${dropped.join(" and ")} dropped)` : ""}`,
  ]);
  overview.push(["already in the flow (not sent)", n(plan.alreadyInFlow)]);
  overview.push(["to assign", n(plan.toSend)]);
  const needed = plan.callsNeeded;
  overview.push([
    "calls needed",
    `${n(needed.total)} (${n(needed.listAssignedFlows)} list, ${n(needed.assignProspects)} assign)`,
  ]);
  pushCostRows(overview, plan);
  const head = `Plan — assign to ${flowLabel(plan.flow)}, flow instances owned by ${plan.flowInstanceOwnerEmail}`;
  return `${head}\n${overview.toString()}`;
}

/**
 * The flow's first step in words (`step 1: email "Following up"`), from `getFlowSteps`'s answer;
 * undefined when Gong listed no steps.
 */
export function firstStep(flow: FlowWithSteps | undefined): string | undefined {
  const steps = [...(flow?.steps ?? [])].sort((a, b) => (a.stepOrder ?? Infinity) - (b.stepOrder ?? Infinity));
  const step = steps[0];
  if (step === undefined) return undefined;
  const what = [step.action, step.subject === undefined ? undefined : JSON.stringify(step.subject)].filter(Boolean);
  return `step ${step.stepOrder ?? 1}${what.length > 0 ? `: ${what.join(" ")}` : ""}`;
}

/** The question asked before an assign job sends anything. */
export function assignQuestion(plan: AssignPlan, step: string | undefined): string {
  const runs =
    step === undefined
      ? "the flow's first steps will run for them"
      : `the flow's first steps (${step}, …) will run for them`;
  return (
    `Assign ${n(plan.toSend)} prospect(s) to ${flowLabel(plan.flow)} in ${n(plan.callsNeeded.total)} call(s)? ` +
    `Once assigned, ${runs}, owned by ${plan.flowInstanceOwnerEmail}.`
  );
}

/** The final human summary of an assign run. */
export function renderAssignSummary(
  report: AssignReport,
  files: { report: readonly string[]; journal: string | undefined },
): string {
  const summary = table();
  summary.push(["prospects", n(report.prospects)]);
  summary.push(["assigned", n(report.assigned.length)]);
  summary.push(["already in the flow", n(report.alreadyInFlow.length)]);
  summary.push(["not assigned", `${n(report.notAssigned.length)}${errorCodes(report)}`]);
  summary.push(["unconfirmed", n(report.unconfirmed.length)]);
  summary.push(["unprocessed", n(report.unprocessed.length)]);
  const calls = report.calls;
  summary.push([
    "calls (all runs)",
    `${n(calls.total)}: ${n(calls.listAssignedFlows)} list, ${n(calls.assignProspects)} assign`,
  ]);
  if (report.runs > 1) summary.push(["calls (this run)", n(report.callsThisRun.total)]);
  const verified = report.verified ? "yes" : "no";
  summary.push(["verified", report.dryRun ? "no (dry run)" : `${verified} (--verify ${report.verify})`]);
  if (files.report.length > 0) summary.push(["report", files.report.join(", ")]);
  if (files.journal !== undefined) summary.push(["journal", files.journal]);
  return summary.toString();
}

/** ` (InvalidState: 3, …)`: the not-assigned prospects per Gong error code. */
function errorCodes(report: AssignReport): string {
  const counts = new Map<string, number>();
  for (const { errorCode } of report.notAssigned) {
    const code = errorCode ?? "not in the flow when listed";
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return counts.size === 0 ? "" : ` (${[...counts].map(([code, count]) => `${code}: ${n(count)}`).join(", ")})`;
}
