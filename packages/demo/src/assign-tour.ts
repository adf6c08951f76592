// The steps of the tour that put prospects into a flow: find the flow by name, read what it will send,
// assign, look the new flow instances up by id, and a bulk assignment for prospects Gong may not know.
import { type AssignedFlow, type BulkAssignmentResult, defaultOptions, gongLimits } from "@gong-flows/client";
import { batchSizes, bold, dim, flowLine, say, seconds } from "./output.js";
import { requestsSince, retriesSince, type Tour } from "./tour.js";

/** The flow the tour assigns prospects to, and the Gong user whose flows it is looked up among. */
export const tourFlowName = "Webinar Invite";
const flowOwnerEmail = "test@test.com";
/** Beside the tour's prospects: one in an exclusive flow already, and one the CRM does not hold. */
const refusedProspects = ["00Q5e00000ABCDEF", "demo-no-such-prospect"];

export async function findFlowByName(tour: Tour): Promise<void> {
  say(bold(`5. Find the flow "${tourFlowName}" among the flows of ${flowOwnerEmail}, page after page`));
  const folders: string[] = [];
  const folderMark = tour.events.length;
  for await (const folder of tour.gong.listFlowFolders({ flowFolderOwnerEmail: flowOwnerEmail }))
    folders.push(folder.name ?? "(unnamed)");
  say(`   its folders: ${folders.join(", ")} (${requestsSince(tour, folderMark)} page requests)`);
  const mark = tour.events.length;
  for await (const flow of tour.gong.listFlows({ flowOwnerEmail })) {
    say(`   - ${flow.name ?? "(unnamed)"} · ${flow.visibility ?? "?"} · folder ${flow.folderName ?? "(none)"}`);
    if (flow.name === tourFlowName) {
      tour.flow = flow;
      break; // the pages after this one are never fetched
    }
  }
  if (tour.flow?.id === undefined) throw new Error(`the mock lists no flow named ${tourFlowName}`);
  say(
    `   found it, id ${tour.flow.id}, after ${requestsSince(tour, mark)} page requests${retriesSince(tour, mark)}: the iterator followed records.cursor`,
  );
  say();
}

export async function readFlowSteps(tour: Tour): Promise<void> {
  const flowId = flowIdOf(tour);
  say(bold(`6. What "${tourFlowName}" will send once prospects are in it`));
  const { flows, requestIds } = await tour.gong.getFlowSteps({ flowIds: [flowId] });
  const steps = flows.find((flow) => flow.id === flowId)?.steps ?? [];
  for (const step of steps) {
    const subject = step.subject === undefined ? "" : ` "${step.subject}"`;
    say(`   step ${step.stepOrder ?? "?"}: ${step.action ?? "?"}${subject}`);
  }
  say(`   ${steps.length} step(s); Gong request id ${requestIds.join(", ")}`);
  say();
}

export async function assignProspects(tour: Tour): Promise<void> {
  const flowId = flowIdOf(tour);
  const crmProspectsIds = [...tour.crmProspectsIds, ...refusedProspects];
  const perRequest = gongLimits.assignProspectsPerRequest;
  say(
    bold(
      `7. Assign ${crmProspectsIds.length} prospects to "${tourFlowName}" (Gong takes at most ${perRequest} per request)`,
    ),
  );
  const mark = tour.events.length;
  const started = Date.now();
  const result = await tour.gong.assignProspects({ flowId, flowInstanceOwnerEmail: flowOwnerEmail, crmProspectsIds });
  say(
    `   ${requestsSince(tour, mark)} requests of ${batchSizes(crmProspectsIds.length, perRequest).join(" + ")} prospects${retriesSince(tour, mark)}, in ${seconds(Date.now() - started)}`,
  );
  const { assigned, notAssigned, unconfirmedCrmProspectIds: unconfirmed } = result;
  say(`   assigned (a new flow instance each): ${assigned.length}`);
  say(`   not assigned (Gong said why):        ${notAssigned.length}`);
  for (const failure of notAssigned)
    say(`     - ${failure.crmProspectId ?? "?"}: ${failure.errorCode ?? "?"}, "${failure.errorMessage ?? ""}"`);
  say(`   unconfirmed (Gong named it nowhere): ${unconfirmed.length}`);
  say(`   accounted for: ${assigned.length + notAssigned.length + unconfirmed.length} of ${crmProspectsIds.length}`);
  say();
  tour.assigned = assigned;
}

export async function lookUpByInstanceId(tour: Tour): Promise<void> {
  // One instance step 2 ended, beside the new ones: the list by instance id returns finished ones too.
  const ended = tour.listed[0]?.flowInstanceId;
  const flowInstanceIds = [...tour.assigned.map((flow) => flow.flowInstanceId!), ...(ended ? [ended] : [])];
  say(bold(`8. Look ${flowInstanceIds.length} flow instances up by id: the new ones, and one that step 2 ended`));
  const mark = tour.events.length;
  const { flows } = await tour.gong.listAssignedFlows({ flowInstanceIds });
  say(
    `   ${flows.length} flow instance(s) in ${requestsSince(tour, mark)} requests of at most ${defaultOptions.listBatchSize}${retriesSince(tour, mark)}: ${countByStatus(flows)}`,
  );
  for (const flow of [flows[0], flows.find((f) => f.flowInstanceId === ended)]) if (flow) say(flowLine(flow));
  say();
}

export async function bulkAssign(tour: Tour): Promise<void> {
  const flowId = flowIdOf(tour);
  say(bold("9. A bulk assignment: a prospect by CRM id and one the CRM does not hold yet, by name"));
  const job = await tour.gong.submitBulkAssignment({
    flowId,
    flowInstanceOwnerEmail: flowOwnerEmail,
    prospects: [{ crmId: "a5V1Q00A120DP4CVAX" }, { firstName: "Jon", lastName: "Snow", email: "jon.snow@example.com" }],
  });
  say(`   accepted: job ${job.id ?? "?"}, ${job.status ?? "?"}, ${job.totalCount ?? "?"} prospects`);
  const mark = tour.events.length;
  const started = Date.now();
  const done = await tour.gong.waitForBulkAssignment(job.id!, { pollIntervalMs: 500, timeoutMs: 30_000 });
  const polls = requestsSince(tour, mark, "getBulkAssignment");
  say(
    `   ${done.status ?? "?"} after ${polls} poll(s) in ${seconds(Date.now() - started)}: ${done.successCount ?? 0} assigned, ${done.failedCount ?? 0} not`,
  );
  for (const result of done.results ?? []) say(`     - ${bulkResultLine(result)}`);
  say(dim("   (gong.bulkAssign(...) submits and waits in one call.)"));
  say();
}

function flowIdOf(tour: Tour): string {
  if (tour.flow?.id === undefined) throw new Error("step 5 found no flow");
  return tour.flow.id;
}

function countByStatus(flows: readonly AssignedFlow[]): string {
  const counts = new Map<string, number>();
  for (const flow of flows)
    counts.set(flow.flowInstanceStatus ?? "?", (counts.get(flow.flowInstanceStatus ?? "?") ?? 0) + 1);
  return [...counts].map(([status, count]) => `${count} ${status}`).join(", ");
}

function bulkResultLine(result: BulkAssignmentResult): string {
  const { prospect } = result;
  const who = prospect?.crmId ?? [prospect?.firstName, prospect?.lastName].filter(Boolean).join(" ");
  const created = prospect?.crmId === undefined && result.crmId ? ` (new CRM id ${result.crmId})` : "";
  const instance = result.flowInstanceId ? `, instance ${result.flowInstanceId}` : "";
  const why = result.errorCode ? `, ${result.errorCode}: ${result.errorMessage ?? ""}` : "";
  return `${who}${created}: ${result.status ?? "?"}${instance}${why}`;
}
