import { createGongFlowsClient, defaultOptions, GongError, GongValidationError, gongLimits } from "@gong-flows/client";
import { assignProspects, bulkAssign, findFlowByName, lookUpByInstanceId, readFlowSteps } from "./assign-tour.js";
import { batchSizes, bold, dim, flowLine, say, seconds } from "./output.js";
import { requestsSince, retriesSince, type Tour, type TourStep } from "./tour.js";

/** The steps, in the order they are shown: a new step is a function (here or in assign-tour.ts) plus one line here. */
export const tourSteps: readonly TourStep[] = [
  listAssigned,
  unassignListed,
  listAgain,
  unassignOneProspect,
  findFlowByName,
  readFlowSteps,
  assignProspects,
  lookUpByInstanceId,
  bulkAssign,
  refuseTypo,
  waitOn429,
  refuseCredentials,
];

async function listAssigned(tour: Tour): Promise<void> {
  const { crmProspectsIds } = tour;
  say(
    bold(
      `1. List the flows of ${crmProspectsIds.length} prospects (the client asks about ${defaultOptions.listBatchSize} per request)`,
    ),
  );
  const mark = tour.events.length;
  const listed = await tour.gong.listAssignedFlows({ crmProspectsIds });
  say(
    `   ${listed.flows.length} flow instance(s) in ${requestsSince(tour, mark)} requests${retriesSince(tour, mark)}; Gong request ids ${listed.requestIds.join(", ")}`,
  );
  for (const flow of listed.flows.slice(0, 3)) say(flowLine(flow));
  say(dim(`   … and ${listed.flows.length - 3} more`));
  say();
  tour.listed = listed.flows;
}

async function unassignListed(tour: Tour): Promise<void> {
  say(
    bold(
      `2. Unassign those ${tour.listed.length} flow instances (Gong takes at most ${gongLimits.unassignIdsPerRequest} per request)`,
    ),
  );
  const ids = tour.listed.map((flow) => flow.flowInstanceId!);
  const mark = tour.events.length;
  const started = Date.now();
  const result = await tour.gong.unassignByFlowInstanceIds({
    flowInstanceIds: ids,
    unassignedByUserEmail: "ops@example.com",
  });
  say(
    `   ${requestsSince(tour, mark)} requests of ${batchSizes(ids.length).join(" + ")} ids${retriesSince(tour, mark)}, spaced by the client's ${defaultOptions.requestsPerSecond} calls/second limit, in ${seconds(Date.now() - started)}`,
  );
  const unassigned = result.unassignedFlowInstanceIds.length;
  const kept = result.notUnassignedFlowInstanceIds.length;
  say(`   unassigned:                   ${unassigned}`);
  say(`   not unassigned (Gong kept):   ${kept}`);
  say(`   accounted for:                ${unassigned + kept} of ${ids.length}`);
  say();
}

async function listAgain(tour: Tour): Promise<void> {
  say(bold("3. List the same prospects again"));
  const after = await tour.gong.listAssignedFlows({ crmProspectsIds: tour.crmProspectsIds });
  say(`   ${after.flows.length} flow instance(s) left: the mock remembers what was unassigned`);
  say();
}

async function unassignOneProspect(tour: Tour): Promise<void> {
  say(bold("4. Take one prospect out of all its flows"));
  const byCrm = await tour.gong.unassignByCrmProspectId({ crmProspectId: "a5V1Q00A120DP4CVAW" });
  say(
    `   unassigned instance(s): ${byCrm.unassignedFlowInstanceIds.join(", ")}; request id ${byCrm.requestId ?? "(none)"}`,
  );
  say();
}

async function refuseTypo(tour: Tour): Promise<void> {
  say(bold("10. A typo caught before anything is sent"));
  try {
    // The list request's array is spelled crmProspectsIds; TypeScript flags this too.
    await tour.gong.listAssignedFlows({ crmProspectIds: ["a5V1Q00A120DP4CVAW"] } as never);
  } catch (error) {
    if (!(error instanceof GongValidationError)) throw error;
    for (const line of error.message.split("\n")) say(`   ${line}`);
  }
  say();
}

async function waitOn429(tour: Tour): Promise<void> {
  say(bold('11. Gong says "too many requests": the client waits as told, then goes on'));
  tour.server.mock.injectFault({ operation: "listAssignedFlows", status: 429, retryAfterSeconds: 2 });
  const mark = tour.events.length;
  const before429 = Date.now();
  const retried = await tour.gong.listAssignedFlows({ crmProspectsIds: ["00Q5e00000ABCDEF"] });
  const hold = tour.events.slice(mark).find((e) => e.type === "rate-limited");
  say(
    `   429 with Retry-After: ${hold?.retryAfterMs === undefined ? "?" : hold.retryAfterMs / 1000} s: the client held every call for ${seconds(hold?.holdMs ?? 0)}, then retried`,
  );
  say(`   ${retried.flows.length} flow instance(s) listed after ${seconds(Date.now() - before429)}`);
  say();
}

async function refuseCredentials(tour: Tour): Promise<void> {
  say(bold("12. Credentials Gong refuses"));
  const refused = createGongFlowsClient({
    baseUrl: tour.server.url,
    auth: { accessKey: tour.auth.accessKey, accessKeySecret: "a-wrong-secret" },
  });
  try {
    await refused.listAssignedFlows({ crmProspectsIds: ["a5V1Q00A120DP4CVAW"] });
    say("   unexpectedly accepted");
  } catch (error) {
    if (!(error instanceof GongError)) throw error;
    say(`   ${error.name}: ${error.message}`);
  }
  say();
}
