import { createGongFlowsClient } from "/work/main/packages/client/dist/index.js";
const body = JSON.stringify({ requestId: "x", prospectsAssigned: [{ flowId: "1", flowName: "SDR Flow", flowInstanceStatus: "Running" }] });
const fakeFetch = async (req) => new Response(body, { status: 200, headers: { "content-type": "application/json" } });
const gong = createGongFlowsClient({ baseUrl: "http://127.0.0.1:1", auth: { bearerToken: "t" }, rateLimit: false, fetch: fakeFetch });
for (let i = 0; i < 30000; i++) await gong.listAssignedFlows({ crmProspectsIds: ["a"] });
