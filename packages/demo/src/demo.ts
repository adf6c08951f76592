#!/usr/bin/env node
// `pnpm demo`: a tour of @gong-flows/client for a newcomer with no Gong account. It starts
// @gong-flows/mock — a stateful Gong with Gong's rate limits — on a free loopback port, lists the flows
// of 150 prospects, unassigns their 450 flow instances in Gong-sized batches, lists again to show them
// gone, lets Gong answer 429 to show the client waiting, shows two errors the client catches, and
// stops the mock.
//
// `pnpm demo --live` instead makes one read-only call (list assigned flows) to the Gong account whose
// credentials are in GONG_ACCESS_KEY + GONG_ACCESS_KEY_SECRET or GONG_BEARER_TOKEN.
import {
  createGongFlowsClient,
  defaultOptions,
  GongError,
  GongValidationError,
  gongLimits,
  type AssignedFlow,
  type GongFlowsClient,
  type GongLogEvent,
} from "@gong-flows/client";
import {
  defaultAssignedFlows,
  generateAssignedFlows,
  startGongMock,
  type RunningGongMock,
} from "@gong-flows/mock/node";

const style = process.stdout.isTTY && !process.env["NO_COLOR"];
const bold = (text: string) => (style ? `\x1b[1m${text}\x1b[22m` : text);
const dim = (text: string) => (style ? `\x1b[2m${text}\x1b[22m` : text);
const say = (text = "") => process.stdout.write(`${text}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
/** The sizes of the unassign requests the client makes for `count` ids: `[200, 200, 50]` for 450. */
const batchSizes = (count: number) =>
  Array.from({ length: Math.ceil(count / gongLimits.unassignIdsPerRequest) }, (_, i) =>
    Math.min(gongLimits.unassignIdsPerRequest, count - i * gongLimits.unassignIdsPerRequest),
  );

function flowLine(flow: AssignedFlow): string {
  const since = flow.flowInstanceCreateDate ? ` since ${flow.flowInstanceCreateDate.slice(0, 10)}` : "";
  return `   - ${flow.flowName ?? "(unnamed flow)"} · prospect ${flow.crmProspectId ?? "?"} · ${flow.flowInstanceStatus ?? "?"}${since} · instance ${flow.flowInstanceId ?? "?"}`;
}

/** The demo's credentials: the mock accepts exactly these, so that wrong ones are refused as Gong would. */
const demoAuth = { accessKey: "demo-access-key", accessKeySecret: "demo-secret" };

async function mockTour(): Promise<void> {
  say(bold("gong-flows demo: @gong-flows/client against a local, stateful mock of Gong (@gong-flows/mock)"));
  // 150 prospects in 3 flows each: the 450 flow instances to clean up, beside the mock's small default set.
  const prospects = generateAssignedFlows({ prospects: 150, flowsPerProspect: 3, prospectIdPrefix: "demo-prospect-" });
  const server = await startGongMock({ ...demoAuth, assignedFlows: [...defaultAssignedFlows, ...prospects] });
  try {
    say(
      dim(
        `Gong mock listening on ${server.url}: ${server.mock.stats().flowInstances.assigned} flow instances; Gong's limits of ${gongLimits.callsPerSecond} calls/s and ${gongLimits.callsPerDay.toLocaleString("en-US")} calls/day`,
      ),
    );
    say();
    const events: GongLogEvent[] = [];
    const gong = createGongFlowsClient({ baseUrl: server.url, auth: demoAuth, logger: (event) => events.push(event) });
    await tour(gong, events, server, [...new Set(prospects.map((flow) => flow.crmProspectId!))]);

    say(bold("7. Credentials Gong refuses"));
    const refused = createGongFlowsClient({
      baseUrl: server.url,
      auth: { accessKey: demoAuth.accessKey, accessKeySecret: "a-wrong-secret" },
    });
    try {
      await refused.listAssignedFlows({ crmProspectsIds: ["a5V1Q00A120DP4CVAW"] });
      say("   unexpectedly accepted");
    } catch (error) {
      if (!(error instanceof GongError)) throw error;
      say(`   ${error.name}: ${error.message}`);
    }
    say();

    const stats = server.mock.stats();
    const statuses = Object.entries(stats.statuses)
      .map(([status, count]) => `${count} × ${status}`)
      .join(", ");
    say(
      dim(
        `The mock saw ${stats.calls.total} calls (${statuses}); ids sent again after they were unassigned: ${stats.alreadyUnassignedIdsSent}.`,
      ),
    );
  } finally {
    await server.close();
    say(dim("Mock stopped."));
  }
}

async function tour(
  gong: GongFlowsClient,
  events: GongLogEvent[],
  server: RunningGongMock,
  crmProspectsIds: string[],
): Promise<void> {
  const requestsSince = (from: number) =>
    events.slice(from).filter((e) => e.type === "request" && e.attempt === 1).length;
  /** " (and N retries after a 429 …)" when the client had to retry, so that the numbers add up. */
  const retriesSince = (from: number) => {
    const retries = events.slice(from).filter((e) => e.type === "retry");
    return retries.length === 0
      ? ""
      : ` (and ${retries.length} retr${retries.length === 1 ? "y" : "ies"}: ${[...new Set(retries.map((e) => e.reason))].join(", ")})`;
  };

  say(
    bold(
      `1. List the flows of ${crmProspectsIds.length} prospects (the client asks about ${defaultOptions.listBatchSize} per request)`,
    ),
  );
  let mark = events.length;
  const listed = await gong.listAssignedFlows({ crmProspectsIds });
  say(
    `   ${listed.flows.length} flow instance(s) in ${requestsSince(mark)} requests${retriesSince(mark)}; Gong request ids ${listed.requestIds.join(", ")}`,
  );
  for (const flow of listed.flows.slice(0, 3)) say(flowLine(flow));
  say(dim(`   … and ${listed.flows.length - 3} more`));
  say();

  say(
    bold(
      `2. Unassign those ${listed.flows.length} flow instances (Gong takes at most ${gongLimits.unassignIdsPerRequest} per request)`,
    ),
  );
  const ids = listed.flows.map((flow) => flow.flowInstanceId!);
  mark = events.length;
  const started = Date.now();
  const result = await gong.unassignByFlowInstanceIds({
    flowInstanceIds: ids,
    unassignedByUserEmail: "ops@example.com",
  });
  say(
    `   ${requestsSince(mark)} requests of ${batchSizes(ids.length).join(" + ")} ids${retriesSince(mark)}, spaced by the client's ${defaultOptions.requestsPerSecond} calls/second limit, in ${seconds(Date.now() - started)}`,
  );
  say(`   unassigned:                   ${result.unassignedFlowInstanceIds.length}`);
  say(`   not unassigned (Gong kept):   ${result.notUnassignedFlowInstanceIds.length}`);
  say(
    `   accounted for:                ${result.unassignedFlowInstanceIds.length + result.notUnassignedFlowInstanceIds.length} of ${ids.length}`,
  );
  say();

  say(bold("3. List the same prospects again"));
  const after = await gong.listAssignedFlows({ crmProspectsIds });
  say(`   ${after.flows.length} flow instance(s) left: the mock remembers what was unassigned`);
  say();

  say(bold("4. Take one prospect out of all its flows"));
  const byCrm = await gong.unassignByCrmProspectId({ crmProspectId: "a5V1Q00A120DP4CVAW" });
  say(
    `   unassigned instance(s): ${byCrm.unassignedFlowInstanceIds.join(", ")}; request id ${byCrm.requestId ?? "(none)"}`,
  );
  say();

  say(bold("5. A typo caught before anything is sent"));
  try {
    // The list request's array is spelled crmProspectsIds; TypeScript flags this too.
    await gong.listAssignedFlows({ crmProspectIds: ["a5V1Q00A120DP4CVAW"] } as never);
  } catch (error) {
    if (!(error instanceof GongValidationError)) throw error;
    for (const line of error.message.split("\n")) say(`   ${line}`);
  }
  say();

  say(bold('6. Gong says "too many requests": the client waits as told, then goes on'));
  server.mock.injectFault({ operation: "listAssignedFlows", status: 429, retryAfterSeconds: 2 });
  mark = events.length;
  const before429 = Date.now();
  const retried = await gong.listAssignedFlows({ crmProspectsIds: ["00Q5e00000ABCDEF"] });
  const hold = events.slice(mark).find((e) => e.type === "rate-limited");
  say(
    `   429 with Retry-After: ${hold?.retryAfterMs === undefined ? "?" : hold.retryAfterMs / 1000} s: the client held every call for ${seconds(hold?.holdMs ?? 0)}, then retried`,
  );
  say(`   ${retried.flows.length} flow instance(s) listed after ${seconds(Date.now() - before429)}`);
  say();
}

async function liveCall(): Promise<void> {
  say(bold("gong-flows demo --live: one read-only call to your Gong account"));
  const ids = (process.env["GONG_DEMO_CRM_PROSPECT_IDS"] ?? "")
    .split(",")
    .map((id) => id.trim())
    .filter(Boolean);
  const crmProspectsIds = ids.length > 0 ? ids : ["gong-flows-demo-no-such-prospect"];
  // Credentials and base URL come from GONG_* variables; the client refuses to start without them.
  const gong = createGongFlowsClient({
    logger: (event) => event.type === "retry" && say(dim(`   retrying: ${event.reason}`)),
  });
  say(dim(`Listing the flows of ${crmProspectsIds.length} prospect(s) at ${gong.baseUrl} ...`));
  const listed = await gong.listAssignedFlows({ crmProspectsIds });
  say(`   ${listed.flows.length} flow instance(s); Gong request id(s): ${listed.requestIds.join(", ") || "(none)"}`);
  for (const flow of listed.flows) say(flowLine(flow));
  if (ids.length === 0) say(dim("   (Set GONG_DEMO_CRM_PROSPECT_IDS=id1,id2 to list real prospects.)"));
}

const live = process.argv.includes("--live");
try {
  await (live ? liveCall() : mockTour());
} catch (error) {
  process.exitCode = 1;
  if (error instanceof GongError) {
    say(`\n${error.name}: ${error.message}`);
  } else {
    throw error;
  }
}
