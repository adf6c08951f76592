import createClient from "openapi-fetch";
import { createGongFlowsClient } from "/work/main/packages/client/dist/index.js";
const body = JSON.stringify({ requestId: "x", prospectsAssigned: [{ flowId: "1", flowName: "SDR Flow", flowInstanceStatus: "Running" }] });
const fakeFetch = async (req) => new Response(body, { status: 200, headers: { "content-type": "application/json" } });
const base = "http://127.0.0.1:1";
const plain = createClient({ baseUrl: base, fetch: fakeFetch });
const gong = createGongFlowsClient({ baseUrl: base, auth: { bearerToken: "t" }, rateLimit: false, fetch: fakeFetch });
const arms = {
  plain: () => plain.POST("/v2/flows/prospects", { body: { crmProspectsIds: ["a"] }, headers: { authorization: "Bearer t" } }),
  method: () => gong.listAssignedFlows({ crmProspectsIds: ["a"] }),
  raw: () => gong.raw.POST("/v2/flows/prospects", { body: { crmProspectsIds: ["a"] } }),
};
const res = Object.fromEntries(Object.keys(arms).map((k) => [k, []]));
for (let round = 0; round < 15; round++) for (const [k, f] of Object.entries(arms)) {
  const t = performance.now(); for (let i = 0; i < 1000; i++) await f(); res[k].push((performance.now() - t));
}
const med = (a) => a.sort((x, y) => x - y)[a.length >> 1];
for (const k of Object.keys(res)) console.log(k, med(res[k]).toFixed(0), "µs/call", (med(res[k]) / med(res.plain)).toFixed(2));
