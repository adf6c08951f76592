import createClient from "openapi-fetch";
import { createGongFlowsClient, GongBatchError, type paths } from "@gong-flows/client";
import { idsPerRequest, type BulkArm } from "./measure.js";
import { benchToken } from "../overhead/fetch-arms.js";

const unassignByInstancePath = "/v2/flows/prospects/unassign-flows-by-instance-id";

function chunks(ids: readonly string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += idsPerRequest) out.push(ids.slice(i, i + idsPerRequest));
  return out;
}

/**
 * The loop a user writes first with plain `openapi-fetch`: 200 ids per request, one after another,
 * keeping the ids of every successful answer. openapi-fetch does not throw on an error status, so a 429
 * passes unnoticed unless the caller checks `error`, and this loop does not.
 */
export function naiveLoopArm(): BulkArm {
  return {
    id: "naive-openapi-fetch",
    label: "naive loop over plain `openapi-fetch`",
    async run(baseUrl, ids) {
      const client = createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${benchToken}` } });
      const unassigned: string[] = [];
      for (const chunk of chunks(ids)) {
        const { data } = await client.POST(unassignByInstancePath, { body: { flowInstanceIds: chunk } });
        unassigned.push(...(data?.unassignedFlowInstanceIds ?? []));
      }
      return { unassigned, notUnassigned: [], unknown: [] };
    },
  };
}

/**
 * The same loop after its author has met 429s: on a 429 it sleeps for `Retry-After` seconds and sends
 * the chunk again (up to 20 times), but it still sends as fast as answers come back, so it keeps
 * running into the limit.
 */
export function retryingLoopArm(): BulkArm {
  return {
    id: "retrying-openapi-fetch",
    label: "loop over plain `openapi-fetch` that sleeps `Retry-After` on 429",
    maxRounds: 1,
    async run(baseUrl, ids) {
      const client = createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${benchToken}` } });
      const unassigned: string[] = [];
      const unknown: string[] = [];
      for (const chunk of chunks(ids)) {
        let done = false;
        for (let attempt = 0; attempt < 20 && !done; attempt++) {
          const { data, response } = await client.POST(unassignByInstancePath, { body: { flowInstanceIds: chunk } });
          if (response.status === 429) {
            const seconds = Number(response.headers.get("retry-after") ?? "1");
            await new Promise((resolve) => setTimeout(resolve, (Number.isFinite(seconds) ? seconds : 1) * 1000));
            continue;
          }
          // Any other failure leaves the chunk's outcome unknown; this loop at least says so.
          if (data === undefined) unknown.push(...chunk);
          else unassigned.push(...(data.unassignedFlowInstanceIds ?? []));
          done = true;
        }
        if (!done) unknown.push(...chunk);
      }
      return { unassigned, notUnassigned: [], unknown };
    },
  };
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
