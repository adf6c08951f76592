import { createGongFlowsClient, GongBatchError } from "@gong-flows/client";
import type { BulkArm } from "./bulk.js";
import { listPath } from "./gong-stub-server.js";
import type { OverheadArm } from "./overhead.js";
import { benchToken, listRequest } from "./overhead-arms.js";

/**
 * Checks that the built `@gong-flows/client` has the client (a build from before it existed exports
 * only types), so that `pnpm bench` can still measure the other arms and say why the client's are missing.
 */
export async function loadClient(): Promise<{ ok: true } | { ok: false; reason: string }> {
  const module = (await import("@gong-flows/client")) as Record<string, unknown>;
  if (typeof module["createGongFlowsClient"] !== "function") {
    return {
      ok: false,
      reason: "the built @gong-flows/client does not export createGongFlowsClient: its arms were skipped",
    };
  }
  return { ok: true };
}

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

/** The client with its limiter set to the server's limit, unassigning everything in one call. */
export function clientBulkArm(requestsPerSecond: number): BulkArm {
  return {
    id: "client",
    label: `\`@gong-flows/client\` \`unassignByFlowInstanceIds\`, limiter at ${requestsPerSecond}/s`,
    async run(baseUrl, ids) {
      const gong = createGongFlowsClient({
        baseUrl,
        auth: { bearerToken: benchToken },
        rateLimit: { requestsPerSecond },
      });
      try {
        const result = await gong.unassignByFlowInstanceIds({ flowInstanceIds: [...ids] });
        return {
          unassigned: result.unassignedFlowInstanceIds,
          notUnassigned: result.notUnassignedFlowInstanceIds,
          unknown: [],
        };
      } catch (error) {
        // A batch that fails part-way still says what it did and did not do: that is what "no id lost" means.
        if (error instanceof GongBatchError) {
          return {
            unassigned: error.unassignedFlowInstanceIds,
            notUnassigned: error.notUnassignedFlowInstanceIds,
            unknown: error.unprocessedIds,
          };
        }
        throw error;
      }
    },
  };
}
