import createClient from "openapi-fetch";
import type { paths } from "@gong-flows/client";
import { listPath } from "../../lib/processes.js";
import type { OverheadArm } from "./measure.js";

/** The request every arm sends: one CRM prospect id, as in the spec's example. */
export const listRequest = { crmProspectsIds: ["a5V1Q00A120DP4CVAW"] };

/** A bearer token for the stub, which does not check it: every arm sends the same header. */
export const benchToken = "bench-token";

/**
 * The floor: the list call written by hand with the global `fetch`, the least any client can do
 * (build the request, send it, parse the JSON answer).
 */
export function rawFetchArm(baseUrl: string): OverheadArm {
  const url = `${baseUrl}${listPath}`;
  return {
    id: "raw-fetch",
    label: "raw `fetch`",
    async call() {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${benchToken}` },
        body: JSON.stringify(listRequest),
      });
      const body = (await response.json()) as { prospectsAssigned?: unknown[] };
      if (!response.ok || body.prospectsAssigned?.length !== 1)
        throw new Error(`raw fetch: unexpected answer ${response.status}`);
    },
  };
}

/**
 * The baseline: plain `openapi-fetch` typed with the generated `paths`, what a user would write without
 * `@gong-flows/client` (no validation, no retries, no rate limit).
 */
export function openapiFetchArm(baseUrl: string): OverheadArm {
  const client = createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${benchToken}` } });
  return {
    id: "openapi-fetch",
    label: "plain `openapi-fetch`",
    async call() {
      const { data, error } = await client.POST(listPath, { body: listRequest });
      if (error !== undefined || data?.prospectsAssigned?.length !== 1)
        throw new Error("openapi-fetch: unexpected answer");
    },
  };
}
