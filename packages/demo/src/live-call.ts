import { createGongFlowsClient } from "@gong-flows/client";
import { bold, dim, flowLine, say } from "./output.js";

/** `--live`: one read-only call (list assigned flows) to the Gong account in the GONG_* variables. */
export async function liveCall(): Promise<void> {
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
