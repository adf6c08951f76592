import { createGongFlowsClient, type GongLogEvent, gongLimits } from "@gong-flows/client";
import {
  defaultAssignedFlows,
  defaultDataSet,
  generateAssignedFlows,
  type RunningGongMock,
  startGongMock,
} from "@gong-flows/mock/node";
import { bold, dim, say } from "./output.js";
import type { Tour } from "./tour.js";
import { tourSteps } from "./tour-steps.js";

/** The demo's credentials: the mock accepts exactly these, so that wrong ones are refused as Gong would. */
const demoAuth = { accessKey: "demo-access-key", accessKeySecret: "demo-secret" };

/** The tour against a mock started for it: each step in turn, then what the mock saw; the mock stops. */
export async function mockTour(): Promise<void> {
  say(bold("gong-flows demo: @gong-flows/client against a local, stateful mock of Gong (@gong-flows/mock)"));
  // 150 prospects in 3 flows each: the 450 flow instances to clean up, beside the mock's small default set.
  const prospects = generateAssignedFlows({ prospects: 150, flowsPerProspect: 3, prospectIdPrefix: "demo-prospect-" });
  // Two flows a page, so that finding a flow by name shows the pages being followed.
  const server = await startGongMock({
    ...demoAuth,
    ...defaultDataSet,
    assignedFlows: [...defaultAssignedFlows, ...prospects],
    pageSize: 2,
  });
  try {
    sayListening(server);
    const events: GongLogEvent[] = [];
    const gong = createGongFlowsClient({ baseUrl: server.url, auth: demoAuth, logger: (event) => events.push(event) });
    const crmProspectsIds = [...new Set(prospects.map((flow) => flow.crmProspectId!))];
    const tour: Tour = { gong, events, server, auth: demoAuth, crmProspectsIds, listed: [], assigned: [] };
    for (const step of tourSteps) await step(tour);
    sayWhatTheMockSaw(server);
  } finally {
    await server.close();
    say(dim("Mock stopped."));
  }
}

function sayListening(server: RunningGongMock): void {
  say(
    dim(
      `Gong mock listening on ${server.url}: ${server.mock.stats().flowInstances.assigned} flow instances; Gong's limits of ${gongLimits.callsPerSecond} calls/s and ${gongLimits.callsPerDay.toLocaleString("en-US")} calls/day`,
    ),
  );
  say();
}

function sayWhatTheMockSaw(server: RunningGongMock): void {
  const stats = server.mock.stats();
  const statuses = Object.entries(stats.statuses)
    .map(([status, count]) => `${count} × ${status}`)
    .join(", ");
  say(
    dim(
      `The mock saw ${stats.calls.total} calls (${statuses}); ids sent again after they were unassigned: ${stats.alreadyUnassignedIdsSent}.`,
    ),
  );
}
