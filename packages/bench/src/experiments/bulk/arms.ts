import { createGongFlowsClient, GongBatchError, type paths } from "@gong-flows/client";
import createClient from "openapi-fetch";
import { benchToken } from "../../lib/processes.js";
import { type BulkArm, idsPerRequest } from "./measure.js";

const unassignPath = "/v2/flows/prospects/unassign-flows-by-instance-id";

/** Plain `openapi-fetch` and the ids in requests of 200, the way a user's loop sends them. */
function plainLoop(baseUrl: string, ids: readonly string[]) {
  const client = createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${benchToken}` } });
  const chunks = Array.from({ length: Math.ceil(ids.length / idsPerRequest) }, (_, i) =>
    ids.slice(i * idsPerRequest, (i + 1) * idsPerRequest),
  );
  const send = (chunk: string[]) => client.POST(unassignPath, { body: { flowInstanceIds: chunk } });
  return { chunks, send };
}

/**
 * The loop a user writes first with plain `openapi-fetch`: one request after another, keeping the ids of
 * every successful answer. openapi-fetch does not throw on an error status, so a 429 passes unnoticed.
 */
export const naiveLoopArm: BulkArm = {
  id: "naive-openapi-fetch",
  label: "naive loop over plain `openapi-fetch`",
  async run(baseUrl, ids) {
    const { chunks, send } = plainLoop(baseUrl, ids);
    const unassigned: string[] = [];
    for (const chunk of chunks) unassigned.push(...((await send(chunk)).data?.unassignedFlowInstanceIds ?? []));
    return { unassigned, notUnassigned: [], unknown: [] };
  },
};

/**
 * The same loop after its author has met 429s: it sleeps `Retry-After` seconds and sends the chunk again
 * (up to 20 times), but still sends as fast as answers come back, so it keeps running into the limit.
 * One round: it is paced by whole-second sleeps, so its figures do not vary.
 */
export const retryingLoopArm: BulkArm = {
  id: "retrying-openapi-fetch",
  label: "loop over plain `openapi-fetch` that sleeps `Retry-After` on 429",
  maxRounds: 1,
  async run(baseUrl, ids) {
    const { chunks, send } = plainLoop(baseUrl, ids);
    const unassigned: string[] = [];
    const unknown: string[] = [];
    for (const chunk of chunks) {
      let attempt = 0;
      let answer = await send(chunk);
      for (; answer.response.status === 429 && attempt < 19; attempt++) {
        const seconds = Number(answer.response.headers.get("retry-after") ?? "1");
        await new Promise((resolve) => setTimeout(resolve, (Number.isFinite(seconds) ? seconds : 1) * 1000));
        answer = await send(chunk);
      }
      // A chunk still refused, or any other failure, leaves its outcome unknown; this loop at least says so.
      if (answer.response.status === 429 || answer.data === undefined) unknown.push(...chunk);
      else unassigned.push(...(answer.data.unassignedFlowInstanceIds ?? []));
    }
    return { unassigned, notUnassigned: [], unknown };
  },
};

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
        if (!(error instanceof GongBatchError)) throw error;
        const { unassignedFlowInstanceIds, notUnassignedFlowInstanceIds, unprocessedIds } = error;
        return {
          unassigned: unassignedFlowInstanceIds,
          notUnassigned: notUnassignedFlowInstanceIds,
          unknown: unprocessedIds,
        };
      }
    },
  };
}
