import { createGongFlowsClient, type GongFlowsClient } from "@gong-flows/client";
import { bold, dim, flowLine, say } from "./output.js";

/**
 * `--live`: read-only calls to the Gong account in the GONG_* variables: the flows of some prospects,
 * and, when GONG_DEMO_FLOW_OWNER_EMAIL names a Gong user, the flows that user can assign to.
 */
export async function liveCall(): Promise<void> {
  say(bold("gong-flows demo --live: read-only calls to your Gong account"));
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
  const owner = process.env["GONG_DEMO_FLOW_OWNER_EMAIL"]?.trim();
  if (owner) await listOwnerFlows(gong, owner);
  else say(dim("   (Set GONG_DEMO_FLOW_OWNER_EMAIL=user@example.com to list the flows that user can assign to.)"));
}

/** Every flow `owner` can assign prospects to, page after page; the first 20 shown. */
async function listOwnerFlows(gong: GongFlowsClient, owner: string): Promise<void> {
  say(dim(`Listing the flows of ${owner} ...`));
  let count = 0;
  for await (const flow of gong.listFlows({ flowOwnerEmail: owner })) {
    if (++count <= 20) say(`   - ${flow.name ?? "(unnamed)"} · ${flow.visibility ?? "?"} · id ${flow.id ?? "?"}`);
  }
  say(`   ${count} flow(s)${count > 20 ? ", the first 20 shown" : ""}`);
}
