#!/usr/bin/env node
// `pnpm demo`: a tour of @gong-flows/client for a newcomer with no Gong account. It starts Prism on
// spec/openapi.yaml on a free loopback port, runs the client's three operations against it (batching
// 450 ids on the way), shows two errors the client catches, and stops Prism.
//
// `pnpm demo --live` instead makes one read-only call (list assigned flows) to the Gong account whose
// credentials are in GONG_ACCESS_KEY + GONG_ACCESS_KEY_SECRET or GONG_BEARER_TOKEN.
import {
  createGongFlowsClient,
  GongError,
  GongValidationError,
  type AssignedFlow,
  type GongFlowsClient,
  type GongLogEvent,
} from "@gong-flows/client";
import { startPrism } from "@gong-flows/testkit";

const style = process.stdout.isTTY && !process.env["NO_COLOR"];
const bold = (text: string) => (style ? `\x1b[1m${text}\x1b[22m` : text);
const dim = (text: string) => (style ? `\x1b[2m${text}\x1b[22m` : text);
const say = (text = "") => process.stdout.write(`${text}\n`);

function flowLine(flow: AssignedFlow): string {
  const since = flow.flowInstanceCreateDate ? ` since ${flow.flowInstanceCreateDate.slice(0, 10)}` : "";
  return `   - ${flow.flowName ?? "(unnamed flow)"} · prospect ${flow.crmProspectId ?? "?"} · ${flow.flowInstanceStatus ?? "?"}${since} · instance ${flow.flowInstanceId ?? "?"}`;
}

async function mockTour(): Promise<void> {
  say(bold("gong-flows demo: @gong-flows/client against a local mock of Gong"));
  say(dim("Starting Prism on spec/openapi.yaml ..."));
  const prism = await startPrism();
  try {
    say(dim(`Prism is listening on ${prism.url}`));
    say();
    const events: GongLogEvent[] = [];
    const gong = createGongFlowsClient({
      baseUrl: prism.url,
      auth: { accessKey: "demo-access-key", accessKeySecret: "demo-secret" },
      logger: (event) => events.push(event),
    });
    await tour(gong, events);

    say(bold("5. Credentials Gong refuses"));
    const badFetch: typeof fetch = (input, init) => {
      // Prism answers 401 when the Authorization header is missing, as Gong does for bad credentials.
      const request = new Request(input, init);
      const headers = new Headers(request.headers);
      headers.delete("authorization");
      return fetch(new Request(request, { headers }));
    };
    const refused = createGongFlowsClient({ baseUrl: prism.url, auth: { bearerToken: "expired-token" }, fetch: badFetch });
    try {
      await refused.listAssignedFlows({ crmProspectsIds: ["a5V1Q00A120DP4CVAW"] });
      say("   unexpectedly accepted");
    } catch (error) {
      if (!(error instanceof GongError)) throw error;
      say(`   ${error.name}: ${error.message}`);
    }
  } finally {
    await prism.stop();
    say();
    say(dim("Prism stopped."));
  }
}

async function tour(gong: GongFlowsClient, events: GongLogEvent[]): Promise<void> {
  say(bold("1. List the flows assigned to two prospects"));
  const listed = await gong.listAssignedFlows({ crmProspectsIds: ["a5V1Q00A120DP4CVAW", "00Q5e00000ABCDEF"] });
  say(`   ${listed.flows.length} flow instance(s); Gong request id(s): ${listed.requestIds.join(", ")}`);
  for (const flow of listed.flows) say(flowLine(flow));
  say();

  say(bold("2. Unassign 450 flow instances (Gong takes at most 200 per request)"));
  const ids = Array.from({ length: 450 }, (_, i) => String(234599484848423n + BigInt(i)));
  const before = events.length;
  const started = Date.now();
  const result = await gong.unassignByFlowInstanceIds({ flowInstanceIds: ids, unassignedByUserEmail: "ops@example.com" });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const sent = events.slice(before).filter((e) => e.type === "request").length;
  say(`   ${sent} requests of 200 + 200 + 50 ids, spaced by the client's 3 calls/second limit, in ${seconds} s`);
  say(`   unassigned:                   ${result.unassignedFlowInstanceIds.length}  (${result.unassignedFlowInstanceIds.join(", ")})`);
  say(`   not unassigned (Gong kept):   ${result.notUnassignedFlowInstanceIds.length}`);
  say(`   accounted for:                ${result.unassignedFlowInstanceIds.length + result.notUnassignedFlowInstanceIds.length} of ${ids.length}`);
  say(dim("   The mock answers every request with the spec's example, which unassigns only instance 234599484848423;"));
  say(dim("   every other id Gong does not return is reported as not unassigned, so none is lost."));
  say();

  say(bold("3. Take one prospect out of all its flows"));
  const byCrm = await gong.unassignByCrmProspectId({ crmProspectId: "a5V1Q00A120DP4CVAW" });
  say(`   unassigned instance(s): ${byCrm.unassignedFlowInstanceIds.join(", ")}; request id ${byCrm.requestId ?? "(none)"}`);
  say();

  say(bold("4. A typo caught before anything is sent"));
  try {
    // The list request's array is spelled crmProspectsIds; TypeScript flags this too.
    await gong.listAssignedFlows({ crmProspectIds: ["a5V1Q00A120DP4CVAW"] } as never);
  } catch (error) {
    if (!(error instanceof GongValidationError)) throw error;
    for (const line of error.message.split("\n")) say(`   ${line}`);
  }
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
  const gong = createGongFlowsClient({ logger: (event) => event.type === "retry" && say(dim(`   retrying: ${event.reason}`)) });
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
