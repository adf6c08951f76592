import { createGongFlowsClient } from "@gong-flows/client";
import { listPath } from "../../lib/processes.js";
import type { OverheadArm } from "./measure.js";
import { benchToken, listRequest } from "./fetch-arms.js";

/**
 * The client as users call it: `listAssignedFlows` with the rate limiter off and request validation on
 * (it always is), so the figures show what the client's own work costs per call; and the same request
 * through `gong.raw`, which shares auth, retries and timeouts but skips the method's validation and
 * result shaping, to tell the two costs apart.
 */
export function clientArms(baseUrl: string): OverheadArm[] {
  const gong = createGongFlowsClient({ baseUrl, auth: { bearerToken: benchToken }, rateLimit: false });
  return [
    {
      id: "client",
      label: "`@gong-flows/client` `listAssignedFlows`",
      async call() {
        const { flows } = await gong.listAssignedFlows(listRequest);
        if (flows.length !== 1) throw new Error("client: unexpected answer");
      },
    },
    {
      id: "client-raw",
      label: "`@gong-flows/client` `.raw.POST`",
      async call() {
        const { data, error } = await gong.raw.POST(listPath, { body: listRequest });
        if (error !== undefined || data?.prospectsAssigned?.length !== 1)
          throw new Error("client.raw: unexpected answer");
      },
    },
  ];
}
