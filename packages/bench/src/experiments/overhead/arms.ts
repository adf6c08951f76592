import { createGongFlowsClient, type paths } from "@gong-flows/client";
import createClient from "openapi-fetch";
import { listPath } from "../../lib/processes.js";
import type { OverheadArm } from "./measure.js";

/** The request every arm sends: one CRM prospect id, as in the spec's example. */
export const listRequest = { crmProspectsIds: ["a5V1Q00A120DP4CVAW"] };
/** A bearer token for the stub, which does not check it: every arm sends the same header. */
export const benchToken = "bench-token";

/** Throws unless a list answer carries the stub's one flow instance. */
function expectOne(arm: string, body: { prospectsAssigned?: unknown[] } | undefined, ok = true): void {
  if (!ok || body?.prospectsAssigned?.length !== 1) throw new Error(`${arm}: unexpected answer`);
}

/**
 * Raw `fetch` (the floor), plain `openapi-fetch` (the baseline: what a user writes without the client), the
 * client's `listAssignedFlows` (limiter off) and `gong.raw`, which skips the method's validation and shaping.
 */
export function overheadArms(baseUrl: string): OverheadArm[] {
  const url = `${baseUrl}${listPath}`;
  const headers = { authorization: `Bearer ${benchToken}` };
  const plain = createClient<paths>({ baseUrl, headers });
  const gong = createGongFlowsClient({ baseUrl, auth: { bearerToken: benchToken }, rateLimit: false });
  const rawFetch = async () => {
    const body = JSON.stringify(listRequest);
    const response = await fetch(url, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body,
    });
    expectOne("raw fetch", (await response.json()) as { prospectsAssigned?: unknown[] }, response.ok);
  };
  return [
    { id: "raw-fetch", label: "raw `fetch`", call: rawFetch },
    {
      id: "openapi-fetch",
      label: "plain `openapi-fetch`",
      call: async () => {
        const { data, error } = await plain.POST(listPath, { body: listRequest });
        expectOne("openapi-fetch", data, error === undefined);
      },
    },
    {
      id: "client",
      label: "`@gong-flows/client` `listAssignedFlows`",
      call: async () => {
        const { flows } = await gong.listAssignedFlows(listRequest);
        if (flows.length !== 1) throw new Error("client: unexpected answer");
      },
    },
    {
      id: "client-raw",
      label: "`@gong-flows/client` `.raw.POST`",
      call: async () => {
        const { data, error } = await gong.raw.POST(listPath, { body: listRequest });
        expectOne("client.raw", data, error === undefined);
      },
    },
  ];
}
